/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth;

import dev.bulwark.auth.internal.jwks.KeySourceHealth;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One issuer's verification keys at one moment, for a health check or a status page: which keys are
 * held, when the JWKS was last fetched, and why the last fetch failed. Immutable and thread-safe; a
 * snapshot, not a live view (see {@link AuthEngine#keySetHealth()}).
 *
 * <p>Nothing in it is secret: kids are public, the JWKS URI has its user info, query and fragment
 * replaced by placeholders, and an error is a short description (an HTTP status and reason, a
 * timeout, the size limit, a body that is not a JWKS, a TLS or connect failure), never the body of
 * a response. Times are read from the issuer's {@code jwksClock}.
 */
public final class KeySetHealth {

  /** Where an issuer's keys come from. */
  public enum SourceKind {
    /** A key set given at build time ({@code jwks(JWKSet)}, {@code jwksJson}, {@code jwksFile}). */
    STATIC,
    /** A JWKS URL ({@code jwks(URI)}), fetched and cached. */
    REMOTE
  }

  private final String issuer;
  private final SourceKind sourceKind;
  private final String jwksUri;
  private final int keyCount;
  private final List<String> kids;
  private final Instant lastSuccessfulFetch;
  private final Instant lastAttempt;
  private final Instant lastErrorAt;
  private final String lastError;
  private final int consecutiveFailures;
  private final long fetches;
  private final long fetchFailures;
  private final boolean servingLastGoodKeys;
  private final boolean keysAvailable;

  private KeySetHealth(String issuer, KeySourceHealth h) {
    this.issuer = issuer;
    this.sourceKind = h.remote() ? SourceKind.REMOTE : SourceKind.STATIC;
    this.jwksUri = h.jwksUri();
    this.keyCount = h.keyCount();
    this.kids = h.kids();
    this.lastSuccessfulFetch = instant(h.lastSuccessMillis());
    this.lastAttempt = instant(h.lastAttemptMillis());
    this.lastErrorAt = instant(h.lastErrorMillis());
    this.lastError = h.lastError();
    this.consecutiveFailures = h.consecutiveFailures();
    this.fetches = h.fetches();
    this.fetchFailures = h.fetchFailures();
    this.servingLastGoodKeys = h.servingLastGoodKeys();
    this.keysAvailable = h.keysAvailable();
  }

  /** The health of {@code issuer}'s keys now; never fetches. */
  static KeySetHealth of(Issuer issuer) {
    return new KeySetHealth(issuer.iss(), issuer.keySource().health());
  }

  private static Instant instant(long millis) {
    return millis == KeySourceHealth.NEVER ? null : Instant.ofEpochMilli(millis);
  }

  /** The issuer's exact {@code iss}. */
  public String issuer() {
    return issuer;
  }

  /** Whether the keys are a static set or come from a JWKS URL. */
  public SourceKind sourceKind() {
    return sourceKind;
  }

  /**
   * The JWKS URI with user info, query and fragment replaced by placeholders ({@code
   * https://id.example.com/jwks?<query>}); empty for a static set.
   */
  public Optional<String> jwksUri() {
    return Optional.ofNullable(jwksUri);
  }

  /** How many keys are held: 0 for a remote set not fetched yet, or whose every key was dropped. */
  public int keyCount() {
    return keyCount;
  }

  /** The kids of the keys held, in JWKS order; a key without a kid is counted but not listed. */
  public List<String> kids() {
    return kids;
  }

  /** When a fetch last succeeded; empty for a static set or before the first success. */
  public Optional<Instant> lastSuccessfulFetch() {
    return Optional.ofNullable(lastSuccessfulFetch);
  }

  /** When a fetch was last started; empty for a static set or before the first fetch. */
  public Optional<Instant> lastAttempt() {
    return Optional.ofNullable(lastAttempt);
  }

  /**
   * Why the most recent failed fetch failed, for example {@code HTTP 503 Service Unavailable} or
   * {@code read timed out after 2000 ms}; empty if no fetch has failed. It stays after a later
   * success: {@link #consecutiveFailures()} tells whether the failure is current.
   */
  public Optional<String> lastError() {
    return Optional.ofNullable(lastError);
  }

  /** When the most recent failed fetch ended; empty if no fetch has failed. */
  public Optional<Instant> lastErrorAt() {
    return Optional.ofNullable(lastErrorAt);
  }

  /** Fetches that failed since the last success (0 when the last fetch succeeded). */
  public int consecutiveFailures() {
    return consecutiveFailures;
  }

  /** JWKS fetches finished since the engine was built, failed ones included; 0 for a static set. */
  public long fetches() {
    return fetches;
  }

  /** Of {@link #fetches()}, those that failed. */
  public long fetchFailures() {
    return fetchFailures;
  }

  /**
   * Whether the JWKS URL is failing and the last good keys are still served, within the issuer's
   * {@code jwksOutageTolerance} (or the cache TTL, whichever is longer).
   */
  public boolean servingLastGoodKeys() {
    return servingLastGoodKeys;
  }

  /**
   * Whether at least one key is held and would be used to verify a token now. False for a remote
   * set before its first successful fetch, when every fetched key was dropped, and when fetches
   * have failed for longer than the outage tolerance: this issuer's tokens are then refused with
   * {@link FailureReason#KEYS_UNAVAILABLE} or {@link FailureReason#UNKNOWN_KEY}.
   */
  public boolean keysAvailable() {
    return keysAvailable;
  }

  @Override
  public String toString() {
    StringBuilder sb =
        new StringBuilder("KeySetHealth{issuer=")
            .append(issuer)
            .append(", source=")
            .append(sourceKind);
    if (jwksUri != null) {
      sb.append(", jwksUri=").append(jwksUri);
    }
    sb.append(", keys=")
        .append(keyCount)
        .append(", kids=")
        .append(kids)
        .append(", keysAvailable=")
        .append(keysAvailable);
    if (sourceKind == SourceKind.REMOTE) {
      sb.append(", servingLastGoodKeys=")
          .append(servingLastGoodKeys)
          .append(", lastSuccessfulFetch=")
          .append(lastSuccessfulFetch)
          .append(", lastAttempt=")
          .append(lastAttempt)
          .append(", consecutiveFailures=")
          .append(consecutiveFailures)
          .append(", fetches=")
          .append(fetches)
          .append(", fetchFailures=")
          .append(fetchFailures);
      if (lastError != null) {
        sb.append(", lastError=").append(lastError).append(" at ").append(lastErrorAt);
      }
    }
    return sb.append('}').toString();
  }
}
