/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.store;

/**
 * Thrown by a store that cannot answer: its database is down, slow beyond its timeout, or behind an
 * open circuit breaker. {@link dev.bulwark.auth.AuthEngine} refuses the credential with {@link
 * dev.bulwark.auth.FailureReason#STORE_UNAVAILABLE}: a key it cannot look up, or a revocation it
 * cannot check, is never taken as valid. Immutable.
 *
 * <p>A store must throw this rather than answer "no such key" or "not revoked" when it could not
 * ask: those answers would let a revoked credential through while the database is down. The message
 * says which store failed and how, never a credential or a JDBC password.
 */
public final class StoreUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message which store could not answer, and why
   * @param cause the underlying failure, or null
   */
  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
