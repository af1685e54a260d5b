/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy;

/**
 * Where the engine finds entities: implementations must be thread-safe, since
 * {@link PolicyEngine#authorize(Request)} calls {@link #find(EntityUid)} from any thread.
 *
 * <p>Each returned entity's {@link Entity#ancestors()} must be complete (the transitive closure
 * of the parent relation): {@code in} is decided from it alone. A store should answer from memory
 * or a cache; the engine calls it several times per request.
 */
public interface EntityStore {
  /**
   * Finds an entity.
   *
   * @param uid the uid
   * @return the entity, or null if it does not exist (Cedar then treats attribute access on it
   *     as an error, {@code has} as false and {@code in} as equality)
   */
  Entity find(EntityUid uid);
}
