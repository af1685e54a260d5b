/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.store;

import java.util.Optional;

/**
 * Service-provider interface for API key records. Implementations must be thread-safe.
 *
 * <p>A store never sees an API key's secret: it holds {@link ApiKeyRecord}s, which carry only a
 * SHA-256 or HMAC-SHA-256 digest of it. Lookups are by key id, which is not secret.
 *
 * <p>A store that cannot answer (its database is down or slow) throws {@link
 * StoreUnavailableException}; it never answers "absent" or "not revoked" for a question it could
 * not ask.
 */
public interface ApiKeyStore {

  /** Returns the record with this key id, or empty. */
  Optional<ApiKeyRecord> findByKeyId(String keyId);

  /**
   * Stores a new record.
   *
   * @throws IllegalStateException if a record with the same key id exists
   */
  void insert(ApiKeyRecord record);

  /** Marks the key revoked; returns whether a record with this id existed. */
  boolean markRevoked(String keyId);
}
