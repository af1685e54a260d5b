/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.store;

import java.time.Instant;
import java.util.Optional;

/**
 * Service-provider interface for revocations. Implementations must be thread-safe: the engine reads
 * from any request thread while an administrator writes from another.
 *
 * <p>The engine consults the store on every authentication, including verified-token cache hits, so
 * a revocation written here is honoured by the next request. Reads sit on the hot path and should
 * be in-memory lookups; a store backed by a database caches (see the db-cache module).
 *
 * <p>Token ids and subjects are not scoped by issuer: a {@code jti} or {@code sub} revoked here is
 * refused from every configured issuer. A collision between issuers can only refuse a token, never
 * accept one.
 *
 * <p>A store that cannot answer (its database is down or slow) throws {@link
 * StoreUnavailableException}; it never answers "absent" or "not revoked" for a question it could
 * not ask.
 */
public interface RevocationStore {

  /**
   * Revokes the token whose {@code jti} is {@code tokenId}. The entry is needed only until {@code
   * expiresAt} (the token's own {@code exp}); after that the token is refused as expired anyway and
   * the store may forget it.
   */
  void revokeToken(String tokenId, Instant expiresAt);

  /**
   * Revokes every credential of {@code subject} issued before {@code issuedBefore}: JWTs whose
   * {@code iat} is earlier (or which carry no {@code iat}), and API keys created earlier. A later
   * call for the same subject keeps the later instant.
   */
  void revokeSubject(String subject, Instant issuedBefore);

  /** Revokes the API key with id {@code keyId}. */
  void revokeApiKey(String keyId);

  /** Returns whether the token with this {@code jti} has been revoked. */
  boolean isTokenRevoked(String tokenId);

  /**
   * Returns the instant before which every credential of {@code subject} is revoked, or empty if
   * the subject has no revocation.
   */
  Optional<Instant> subjectRevokedBefore(String subject);

  /** Returns whether the API key with id {@code keyId} has been revoked. */
  boolean isApiKeyRevoked(String keyId);
}
