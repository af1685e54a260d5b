/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.internal.jwks;

import dev.bulwark.auth.internal.jws.KeySet;
import dev.bulwark.auth.internal.jws.VerificationKey;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link KeySource}'s state at one moment, for a health view. Immutable and thread-safe. Times
 * are milliseconds since the epoch on the source's ticker, {@link #NEVER} when the event has not
 * happened; descriptions hold no secret (no body, no query, no user info).
 */
public final class KeySourceHealth {
  /** The time of an event that has not happened. */
  public static final long NEVER = Long.MIN_VALUE;

  private final boolean remote;
  private final String jwksUri;
  private final List<String> kids;
  private final int keyCount;
  private final long lastSuccessMillis;
  private final long lastAttemptMillis;
  private final long lastErrorMillis;
  private final String lastError;
  private final int consecutiveFailures;
  private final long fetches;
  private final long fetchFailures;
  private final boolean servingLastGoodKeys;
  private final boolean keysAvailable;

  KeySourceHealth(
      boolean remote,
      String jwksUri,
      List<String> kids,
      int keyCount,
      long lastSuccessMillis,
      long lastAttemptMillis,
      long lastErrorMillis,
      String lastError,
      int consecutiveFailures,
      long fetches,
      long fetchFailures,
      boolean servingLastGoodKeys,
      boolean keysAvailable) {
    this.remote = remote;
    this.jwksUri = jwksUri;
    this.kids = List.copyOf(kids);
    this.keyCount = keyCount;
    this.lastSuccessMillis = lastSuccessMillis;
    this.lastAttemptMillis = lastAttemptMillis;
    this.lastErrorMillis = lastErrorMillis;
    this.lastError = lastError;
    this.consecutiveFailures = consecutiveFailures;
    this.fetches = fetches;
    this.fetchFailures = fetchFailures;
    this.servingLastGoodKeys = servingLastGoodKeys;
    this.keysAvailable = keysAvailable;
  }

  /** Whether the keys come from a JWKS URL (else a static set). */
  public boolean remote() {
    return remote;
  }

  /** The JWKS URI with user info, query and fragment replaced by placeholders; null if static. */
  public String jwksUri() {
    return jwksUri;
  }

  /** The kids of the keys held, in JWKS order; keys without a kid are counted, not listed. */
  public List<String> kids() {
    return kids;
  }

  /** How many keys are held. */
  public int keyCount() {
    return keyCount;
  }

  /** When a fetch last succeeded, or {@link #NEVER}. */
  public long lastSuccessMillis() {
    return lastSuccessMillis;
  }

  /** When a fetch was last started, or {@link #NEVER}. */
  public long lastAttemptMillis() {
    return lastAttemptMillis;
  }

  /** When a fetch last failed, or {@link #NEVER}. */
  public long lastErrorMillis() {
    return lastErrorMillis;
  }

  /** Why the last failed fetch failed, or null if none has. */
  public String lastError() {
    return lastError;
  }

  /** Fetches failed since the last success. */
  public int consecutiveFailures() {
    return consecutiveFailures;
  }

  /** Fetches finished since the source was made, failed ones included. */
  public long fetches() {
    return fetches;
  }

  /** Of {@link #fetches()}, those that failed. */
  public long fetchFailures() {
    return fetchFailures;
  }

  /** Whether the last fetch failed and the last good keys are still served. */
  public boolean servingLastGoodKeys() {
    return servingLastGoodKeys;
  }

  /** Whether at least one key would verify a token now. */
  public boolean keysAvailable() {
    return keysAvailable;
  }

  /** The kids of {@code keys}, in order, skipping keys without one. */
  static List<String> kidsOf(KeySet keys) {
    List<String> kids = new ArrayList<>(keys.size());
    for (VerificationKey k : keys.keys()) {
      if (k.kid() != null) {
        kids.add(k.kid());
      }
    }
    return List.copyOf(kids);
  }
}
