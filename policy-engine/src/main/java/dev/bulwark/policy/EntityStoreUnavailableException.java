/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy;

/**
 * Thrown by an {@link EntityStore} that cannot answer: its database is down, slow beyond its
 * timeout, or behind an open circuit breaker. {@link PolicyEngine#authorize(Request)} lets it
 * through unchanged: the request is neither allowed nor denied but not decided, which a service
 * answers with 503, and never an allow. Immutable.
 *
 * <p>A store must throw this rather than answer "no such entity" when it could not ask: a missing
 * principal has no groups, and a policy that forbids a group's members would not apply to it.
 */
public final class EntityStoreUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message which store could not answer, and why
   * @param cause the underlying failure, or null
   */
  public EntityStoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
