/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy;

/**
 * Where the engine finds entities: implementations must be thread-safe, since {@link
 * PolicyEngine#authorize(Request)} calls {@link #find(EntityUid)} from any thread.
 *
 * <p>Each returned entity's {@link Entity#ancestors()} must be complete (the transitive closure of
 * the parent relation): {@code in} is decided from it alone. A store should answer from memory or a
 * cache; the engine calls it several times per request.
 *
 * <p>A store whose entities change while requests run overrides {@link #snapshot()}: the engine
 * takes one snapshot per request and reads every entity of that request from it, so a request never
 * sees part of a change (a group moved, but its members' ancestors not yet).
 *
 * <p>A store that cannot answer (its database is down or slow) throws {@link
 * EntityStoreUnavailableException}; it never answers "absent" for a question it could not ask.
 */
public interface EntityStore {
  /**
   * Finds an entity.
   *
   * @param uid the uid
   * @return the entity, or null if it does not exist (Cedar then treats attribute access on it as
   *     an error, {@code has} as false and {@code in} as equality)
   * @throws EntityStoreUnavailableException if the store cannot answer
   */
  Entity find(EntityUid uid);

  /**
   * Returns a view of the store that does not change: every {@link #find} on it answers from one
   * state of the store. The engine calls this once per request (once per call of {@link
   * PolicyEngine#authorizeAll}) and never calls {@link #find} on the store itself while deciding. A
   * store that never changes, like {@link InMemoryEntityStore}, returns itself (the default); one
   * that changes, like {@link MutableEntityStore}, returns its current state.
   *
   * @return the view, never null
   */
  default EntityStore snapshot() {
    return this;
  }
}
