/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth;

/**
 * Told how long each {@link AuthEngine#authenticate(String)} took; the hook a metrics binder
 * attaches with {@link AuthEngine#addTimingListener(AuthTimingListener)}. An engine with no
 * listener reads no clock for it.
 *
 * <p>Called on the authenticating thread after the result is known, so it must be fast, must not
 * block, and must be thread-safe. It must not keep the engine reachable (it is held by the engine;
 * a listener that held the engine would keep it alive through any strong reference to itself). An
 * exception it throws is ignored: the caller gets its result all the same.
 */
@FunctionalInterface
public interface AuthTimingListener {
  /**
   * One authentication finished.
   *
   * @param result what {@link AuthEngine#authenticate(String)} returned
   * @param durationNanos how long it took, from {@link System#nanoTime()}
   */
  void authenticated(AuthResult result, long durationNanos);
}
