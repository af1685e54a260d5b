/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth;

import dev.bulwark.auth.store.RevocationStore;
import java.time.Clock;
import java.time.Duration;

/**
 * Authenticates the {@code Authorization} header of a request: a bearer JWT from one of the
 * configured issuers, or a Bulwark API key. Immutable and thread-safe: build one per application
 * and share it.
 *
 * <p>STUB: the shape is fixed; the implementation arrives with the JWT work.
 */
public final class AuthEngine {

  private AuthEngine() {}

  /** Returns a builder. */
  public static Builder builder() {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /**
   * Authenticates the value of an {@code Authorization} header ({@code Bearer <jwt>}, {@code Bearer
   * <api key>} or {@code ApiKey <api key>}). Never throws for bad input: a {@code null}, empty or
   * hostile value gives a failure result.
   */
  public AuthResult authenticate(String authorizationHeader) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** Builds an {@link AuthEngine}. Not thread-safe. */
  public static final class Builder {
    private Builder() {}

    /** Adds a trusted issuer; tokens are routed by their {@code iss}. Issuers must be distinct. */
    public Builder issuer(Issuer issuer) {
      throw new UnsupportedOperationException("not implemented yet");
    }

    /** Enables API keys. */
    public Builder apiKeys(ApiKeys apiKeys) {
      throw new UnsupportedOperationException("not implemented yet");
    }

    /** Where revocations are read; none by default. */
    public Builder revocations(RevocationStore revocations) {
      throw new UnsupportedOperationException("not implemented yet");
    }

    /** Tolerance for {@code exp}, {@code nbf} and {@code iat}; 0 to 5 minutes, default 30 seconds. */
    public Builder clockSkew(Duration skew) {
      throw new UnsupportedOperationException("not implemented yet");
    }

    /** The clock; default {@link Clock#systemUTC()}. */
    public Builder clock(Clock clock) {
      throw new UnsupportedOperationException("not implemented yet");
    }

    /** The realm in {@code WWW-Authenticate} challenges; none by default. */
    public Builder realm(String realm) {
      throw new UnsupportedOperationException("not implemented yet");
    }

    /** Longest credential accepted, in bytes; default 8192. */
    public Builder maxTokenLength(int bytes) {
      throw new UnsupportedOperationException("not implemented yet");
    }

    /** Deepest JSON nesting accepted in a JWT header or claims set; default 16. */
    public Builder maxJsonDepth(int depth) {
      throw new UnsupportedOperationException("not implemented yet");
    }

    /** Entries in the verified-token cache; default 100,000. 0 turns the cache off. */
    public Builder tokenCacheMaximumSize(long entries) {
      throw new UnsupportedOperationException("not implemented yet");
    }

    /** Longest time a verified token is remembered; default 5 minutes. */
    public Builder tokenCacheTtl(Duration ttl) {
      throw new UnsupportedOperationException("not implemented yet");
    }

    public AuthEngine build() {
      throw new UnsupportedOperationException("not implemented yet");
    }
  }
}
