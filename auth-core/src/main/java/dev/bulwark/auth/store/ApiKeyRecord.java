/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.store;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a store keeps of one API key. Immutable and thread-safe.
 *
 * <p>It holds a digest of the secret, never the secret itself: SHA-256 of the secret, or
 * HMAC-SHA-256 of it under a server-side pepper that is never stored with the record. {@link
 * #toString()} masks the digest.
 */
public final class ApiKeyRecord {
  private final String keyId;
  private final byte[] secretDigest;
  private final String ownerSubject;
  private final Set<String> scopes;
  private final Instant createdAt;
  private final Instant expiresAt;
  private final boolean revoked;

  /**
   * @param keyId the public key id (the middle part of {@code <prefix>_<keyId>_<secret>})
   * @param secretDigest the 32-byte digest of the secret; copied
   * @param ownerSubject the subject the key authenticates as
   * @param scopes the scopes it grants
   * @param createdAt when it was created
   * @param expiresAt when it stops being accepted, or {@code null} for never
   * @param revoked whether it has been revoked
   */
  public ApiKeyRecord(
      String keyId,
      byte[] secretDigest,
      String ownerSubject,
      Set<String> scopes,
      Instant createdAt,
      Instant expiresAt,
      boolean revoked) {
    this.keyId = Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(secretDigest, "secretDigest");
    if (secretDigest.length != 32) {
      throw new IllegalArgumentException(
          "secretDigest must be 32 bytes (SHA-256), was " + secretDigest.length);
    }
    this.secretDigest = secretDigest.clone();
    this.ownerSubject = Objects.requireNonNull(ownerSubject, "ownerSubject");
    this.scopes = Set.copyOf(scopes);
    this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    this.expiresAt = expiresAt;
    this.revoked = revoked;
  }

  public String keyId() {
    return keyId;
  }

  /** Returns a copy of the secret's digest. */
  public byte[] secretDigest() {
    return secretDigest.clone();
  }

  public String ownerSubject() {
    return ownerSubject;
  }

  public Set<String> scopes() {
    return scopes;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Optional<Instant> expiresAt() {
    return Optional.ofNullable(expiresAt);
  }

  public boolean revoked() {
    return revoked;
  }

  /** Returns a copy of this record marked revoked. */
  public ApiKeyRecord withRevoked() {
    return new ApiKeyRecord(keyId, secretDigest, ownerSubject, scopes, createdAt, expiresAt, true);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ApiKeyRecord)) {
      return false;
    }
    ApiKeyRecord r = (ApiKeyRecord) o;
    return keyId.equals(r.keyId)
        && Arrays.equals(secretDigest, r.secretDigest)
        && ownerSubject.equals(r.ownerSubject)
        && scopes.equals(r.scopes)
        && createdAt.equals(r.createdAt)
        && Objects.equals(expiresAt, r.expiresAt)
        && revoked == r.revoked;
  }

  @Override
  public int hashCode() {
    return keyId.hashCode();
  }

  @Override
  public String toString() {
    return "ApiKeyRecord{keyId="
        + keyId
        + ", secretDigest=<masked>, ownerSubject="
        + ownerSubject
        + ", scopes="
        + scopes
        + ", createdAt="
        + createdAt
        + ", expiresAt="
        + expiresAt
        + ", revoked="
        + revoked
        + "}";
  }
}
