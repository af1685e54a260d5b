/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.dbcache;

/**
 * A store could not ask its database: the pool gave no connection in time, the query timed out, or
 * the database refused. Thrown instead of an answer, never replaced by "not found" or "not
 * revoked", so a caller that cannot reach the database refuses the request (fails closed).
 * Immutable.
 *
 * <p>The message names the store and the operation, never a secret (no password, no key digest);
 * the cause is the driver's exception.
 */
public final class StoreUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what could not be done, without secrets
   * @param cause the database's exception
   */
  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
