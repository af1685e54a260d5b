/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy;

/**
 * Told how long each decision of a {@link PolicyEngine} took; the hook a metrics binder attaches
 * with {@link PolicyEngine#addTimingListener(PolicyTimingListener)}. An engine with no listener
 * reads no clock for it.
 *
 * <p>Called on the deciding thread, so it must be fast, must not block, and must be thread-safe. It
 * must not keep the engine reachable (the engine holds it). An exception it throws is ignored: the
 * caller gets its decision, or its exception, all the same.
 */
@FunctionalInterface
public interface PolicyTimingListener {
  /**
   * One request was decided, or failed.
   *
   * @param decision the decision, or {@code null} when the request was not decided (invalid, or the
   *     entity store could not answer)
   * @param durationNanos how long it took, from {@link System#nanoTime()}
   */
  void decided(Decision decision, long durationNanos);
}
