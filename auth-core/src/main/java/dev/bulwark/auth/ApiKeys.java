/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth;

import dev.bulwark.auth.internal.Verdict;
import dev.bulwark.auth.store.ApiKeyStore;
import dev.bulwark.auth.store.RevocationStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Generates and verifies Bulwark API keys of the form {@code <prefix>_<keyId>_<secret>}.
 * Immutable and thread-safe once built.
 *
 * <p>STUB: the shape is fixed; the implementation arrives with the API-key work.
 */
public final class ApiKeys {

  private ApiKeys() {}

  /** Returns a builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Generates a key for {@code ownerSubject} with {@code scopes}, valid for {@code ttl} ({@code null}
   * for no expiry), stores its record and returns the plaintext, which is never available again.
   */
  public GeneratedApiKey generate(String ownerSubject, Set<String> scopes, Duration ttl) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** Revokes the key with id {@code keyId}; returns whether it existed. */
  public boolean revoke(String keyId) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** The configured prefix, for example {@code bk_live}. */
  public String prefix() {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** Returns whether {@code credential} starts with this key family's {@code prefix_}. */
  public boolean hasPrefix(String credential) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /**
   * Checks a presented key: shape, lookup by key id, constant-time digest comparison, expiry and
   * revocation (the record's flag and {@code revocations}, which may be null). Never throws for bad
   * input. Used by {@link AuthEngine}.
   */
  Verdict verify(String credential, Instant now, RevocationStore revocations) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** Builds {@link ApiKeys}. Not thread-safe. */
  public static final class Builder {
    private Builder() {}

    /** The key prefix, for example {@code bk_live}: lowercase letters, digits and one {@code _}. */
    public Builder prefix(String prefix) {
      throw new UnsupportedOperationException("not implemented yet");
    }

    /** Where records are kept. */
    public Builder store(ApiKeyStore store) {
      throw new UnsupportedOperationException("not implemented yet");
    }

    /**
     * A server-side secret of at least 32 bytes: secrets are then stored as HMAC-SHA-256 under it
     * instead of plain SHA-256. Copied; never logged.
     */
    public Builder pepper(byte[] pepper) {
      throw new UnsupportedOperationException("not implemented yet");
    }

    /** The clock for creation and expiry times; defaults to {@link Clock#systemUTC()}. */
    public Builder clock(Clock clock) {
      throw new UnsupportedOperationException("not implemented yet");
    }

    public ApiKeys build() {
      throw new UnsupportedOperationException("not implemented yet");
    }
  }
}
