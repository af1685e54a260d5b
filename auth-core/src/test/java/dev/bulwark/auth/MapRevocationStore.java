/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth;

import dev.bulwark.auth.store.RevocationStore;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A minimal map-backed {@link RevocationStore} for the engine's tests; the product's in-memory
 * store is developed separately and is tested on its own.
 */
final class MapRevocationStore implements RevocationStore {
  private final Set<String> tokens = ConcurrentHashMap.newKeySet();
  private final Map<String, Instant> subjects = new ConcurrentHashMap<>();
  private final Set<String> apiKeys = ConcurrentHashMap.newKeySet();

  @Override
  public void revokeToken(String tokenId, Instant expiresAt) {
    tokens.add(tokenId);
  }

  @Override
  public void revokeSubject(String subject, Instant issuedBefore) {
    subjects.merge(subject, issuedBefore, (a, b) -> a.isAfter(b) ? a : b);
  }

  @Override
  public void revokeApiKey(String keyId) {
    apiKeys.add(keyId);
  }

  @Override
  public boolean isTokenRevoked(String tokenId) {
    return tokens.contains(tokenId);
  }

  @Override
  public Optional<Instant> subjectRevokedBefore(String subject) {
    return Optional.ofNullable(subjects.get(subject));
  }

  @Override
  public boolean isApiKeyRevoked(String keyId) {
    return apiKeys.contains(keyId);
  }
}
