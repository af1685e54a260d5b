/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.dbcache;

/**
 * {@link JdbcPolicyStore} could not ask its database: the pool gave no connection in time, the
 * query timed out, or the database refused. Thrown instead of an answer, so a policy set is never
 * taken as empty or as another version because the database was away; an engine bound to the store
 * keeps the set it has. Immutable.
 *
 * <p>The stores on the request path throw their engine's exception instead: {@link
 * dev.bulwark.auth.store.StoreUnavailableException} for API keys and revocations, {@link
 * dev.bulwark.policy.EntityStoreUnavailableException} for entities.
 *
 * <p>The message names the store and the operation, never a secret; the cause is the driver's
 * exception.
 */
public final class PolicyStoreUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what could not be done, without secrets
   * @param cause the database's exception
   */
  public PolicyStoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
