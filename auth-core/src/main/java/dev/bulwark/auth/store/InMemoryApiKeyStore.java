/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.store;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A thread-safe {@link ApiKeyStore} in a {@link ConcurrentHashMap}: any thread may read, insert and
 * revoke concurrently, and a revocation is seen by every lookup that starts after {@link
 * #markRevoked} returns.
 *
 * <p>Records live as long as the process; it suits tests, single-node services and keys loaded at
 * start-up. It holds only digests of secrets, never the secrets.
 */
public final class InMemoryApiKeyStore implements ApiKeyStore {
  private final ConcurrentHashMap<String, ApiKeyRecord> records = new ConcurrentHashMap<>();

  /** Creates an empty store. */
  public InMemoryApiKeyStore() {}

  /** {@inheritDoc} Returns empty for a null id. */
  @Override
  public Optional<ApiKeyRecord> findByKeyId(String keyId) {
    return keyId == null ? Optional.empty() : Optional.ofNullable(records.get(keyId));
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalStateException if a record with the same key id exists
   */
  @Override
  public void insert(ApiKeyRecord record) {
    Objects.requireNonNull(record, "record");
    if (records.putIfAbsent(record.keyId(), record) != null) {
      throw new IllegalStateException(
          "an api key with keyId=" + record.keyId() + " already exists");
    }
  }

  /** {@inheritDoc} Atomic: a concurrent lookup sees the record either before or after. */
  @Override
  public boolean markRevoked(String keyId) {
    Objects.requireNonNull(keyId, "keyId");
    return records.computeIfPresent(keyId, (id, r) -> r.revoked() ? r : r.withRevoked()) != null;
  }

  /** The number of records held, revoked ones included. */
  public int size() {
    return records.size();
  }

  @Override
  public String toString() {
    return "InMemoryApiKeyStore{records=" + records.size() + "}";
  }
}
