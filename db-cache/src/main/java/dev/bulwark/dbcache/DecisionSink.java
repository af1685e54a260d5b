/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.dbcache;

/**
 * Where authentication and authorization decisions are recorded. Implementations are thread-safe:
 * any thread may call {@link #accept}; {@link #close} may be called from any thread, once or more.
 */
public interface DecisionSink extends AutoCloseable {
  /**
   * Records one decision. An implementation may hand the event to another thread and return before
   * it is stored.
   *
   * @param event the decision
   * @throws NullPointerException if {@code event} is null
   * @throws IllegalStateException if the sink is closed
   */
  void accept(DecisionEvent event);

  /**
   * Stores what was accepted and releases the sink's resources; {@link #accept} then throws. A
   * second call does nothing.
   */
  @Override
  void close();
}
