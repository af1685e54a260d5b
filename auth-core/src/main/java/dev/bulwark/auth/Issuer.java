/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth;

import com.nimbusds.jose.jwk.JWKSet;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One trusted token issuer: its {@code iss} value, where its keys come from, and what its tokens
 * must look like. Immutable and thread-safe once built.
 *
 * <p>STUB: the shape is fixed; the implementation arrives with the JWT work.
 */
public final class Issuer {

  private Issuer() {}

  /** Starts an issuer whose tokens carry exactly {@code iss}. */
  public static Builder builder(String iss) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** The exact {@code iss} value. */
  public String iss() {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** Builds an {@link Issuer}. Not thread-safe. Exactly one key source must be set. */
  public static final class Builder {
    private Builder() {}

    /** Keys from an HTTPS JWKS URL (plain HTTP only for a loopback host), cached and refreshed. */
    public Builder jwks(URI jwksUri) {
      throw new UnsupportedOperationException("not implemented yet");
    }

    /** A static key set. */
    public Builder jwks(JWKSet jwkSet) {
      throw new UnsupportedOperationException("not implemented yet");
    }

    /** A static key set given as JWKS JSON text. */
    public Builder jwksJson(String json) {
      throw new UnsupportedOperationException("not implemented yet");
    }

    /** A static key set read once from a JWKS JSON file. */
    public Builder jwksFile(Path file) {
      throw new UnsupportedOperationException("not implemented yet");
    }

    /** Accepted audiences: a token's {@code aud} must contain at least one. Required. */
    public Builder audiences(String... audiences) {
      throw new UnsupportedOperationException("not implemented yet");
    }

    /** The algorithm allow-list, for example {@code "RS256", "ES256", "EdDSA"}. Required. */
    public Builder algorithms(String... algorithms) {
      throw new UnsupportedOperationException("not implemented yet");
    }

    /** Requires this {@code typ} header, for example {@code at+jwt} (RFC 9068). */
    public Builder type(String typ) {
      throw new UnsupportedOperationException("not implemented yet");
    }

    /** Claims every token must carry. */
    public Builder requiredClaims(String... claims) {
      throw new UnsupportedOperationException("not implemented yet");
    }

    /** Whether {@code exp} is required; default true. */
    public Builder requireExpiry(boolean required) {
      throw new UnsupportedOperationException("not implemented yet");
    }

    /** The claim holding roles; default {@code roles}. A dotted path reads nested objects. */
    public Builder rolesClaim(String claim) {
      throw new UnsupportedOperationException("not implemented yet");
    }

    /** How long fetched remote keys are used before a refresh; default 5 minutes. */
    public Builder jwksCacheTtl(Duration ttl) {
      throw new UnsupportedOperationException("not implemented yet");
    }

    /** How long before the TTL ends a background refresh starts; default 30 seconds. */
    public Builder jwksRefreshAhead(Duration refreshAhead) {
      throw new UnsupportedOperationException("not implemented yet");
    }

    /** Minimum time between two fetches caused by unknown key ids; default 30 seconds. */
    public Builder jwksRateLimit(Duration minInterval) {
      throw new UnsupportedOperationException("not implemented yet");
    }

    /** How long the last good keys are served while the JWKS URL fails; default 1 hour. */
    public Builder jwksOutageTolerance(Duration tolerance) {
      throw new UnsupportedOperationException("not implemented yet");
    }

    /** Connect and read timeout for each fetch; default 2 seconds. */
    public Builder jwksTimeout(Duration timeout) {
      throw new UnsupportedOperationException("not implemented yet");
    }

    /** Largest JWKS response accepted, in bytes; default 256 KiB. */
    public Builder jwksSizeLimit(int bytes) {
      throw new UnsupportedOperationException("not implemented yet");
    }

    public Issuer build() {
      throw new UnsupportedOperationException("not implemented yet");
    }
  }
}
