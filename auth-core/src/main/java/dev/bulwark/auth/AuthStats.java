/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth;

import java.util.Objects;

/**
 * A snapshot of an {@link AuthEngine}'s counters, each counted since the engine was built;
 * immutable and thread-safe. Taken while other threads authenticate, each figure is exact but they
 * are not all read at the same instant. Every count only grows, except {@link #tokenCacheSize()}.
 *
 * <p>An attempt is one call of {@link AuthEngine#authenticate(String)}: a success by the {@link
 * AuthMethod} that proved it, or a failure by its {@link FailureReason} and the method of the
 * credential that was presented. A failure before the header said which kind of credential it
 * carries (no header, a scheme other than {@code Bearer} or {@code ApiKey}, a header over the
 * length limit) has no method: see {@link #failuresWithoutMethod(FailureReason)}.
 */
public final class AuthStats {
  private static final int METHODS = AuthMethod.values().length;
  private static final int REASONS = FailureReason.values().length;

  private final long[] successes;
  // [method * REASONS + reason], then REASONS more for the failures without a method.
  private final long[] failures;
  private final boolean tokenCacheEnabled;
  private final long tokenCacheHits;
  private final long tokenCacheMisses;
  private final long tokenCacheEvictions;
  private final long tokenCacheSize;

  AuthStats(
      long[] successes,
      long[] failures,
      boolean tokenCacheEnabled,
      long tokenCacheHits,
      long tokenCacheMisses,
      long tokenCacheEvictions,
      long tokenCacheSize) {
    this.successes = successes;
    this.failures = failures;
    this.tokenCacheEnabled = tokenCacheEnabled;
    this.tokenCacheHits = tokenCacheHits;
    this.tokenCacheMisses = tokenCacheMisses;
    this.tokenCacheEvictions = tokenCacheEvictions;
    this.tokenCacheSize = tokenCacheSize;
  }

  static int failureIndex(AuthMethod methodOrNull, FailureReason reason) {
    return (methodOrNull == null ? METHODS : methodOrNull.ordinal()) * REASONS + reason.ordinal();
  }

  static int failureSlots() {
    return (METHODS + 1) * REASONS;
  }

  /** Every attempt, successful or not. */
  public long attempts() {
    long n = 0;
    for (long s : successes) {
      n += s;
    }
    for (long f : failures) {
      n += f;
    }
    return n;
  }

  /**
   * Credentials of this kind that were accepted.
   *
   * @throws NullPointerException if {@code method} is null
   */
  public long successes(AuthMethod method) {
    return successes[Objects.requireNonNull(method, "method").ordinal()];
  }

  /**
   * Credentials of this kind refused for this reason.
   *
   * @throws NullPointerException if an argument is null
   */
  public long failures(AuthMethod method, FailureReason reason) {
    Objects.requireNonNull(method, "method");
    return failures[failureIndex(method, Objects.requireNonNull(reason, "reason"))];
  }

  /**
   * Headers refused for this reason before they said which kind of credential they carry.
   *
   * @throws NullPointerException if {@code reason} is null
   */
  public long failuresWithoutMethod(FailureReason reason) {
    return failures[failureIndex(null, Objects.requireNonNull(reason, "reason"))];
  }

  /** Whether the engine has a verified-token cache; when not, the cache figures are all 0. */
  public boolean tokenCacheEnabled() {
    return tokenCacheEnabled;
  }

  /**
   * Bearer JWTs found in the verified-token cache and still fresh (in date, key held), whatever the
   * revocation check then said.
   */
  public long tokenCacheHits() {
    return tokenCacheHits;
  }

  /** Bearer JWTs that were not in the cache, or whose entry was stale, and were verified. */
  public long tokenCacheMisses() {
    return tokenCacheMisses;
  }

  /**
   * Entries the cache dropped to keep within its bound or because their TTL passed (not those
   * invalidated by the engine); -1 when the cache does not count them.
   */
  public long tokenCacheEvictions() {
    return tokenCacheEvictions;
  }

  /** An estimate of the entries the cache holds now. */
  public long tokenCacheSize() {
    return tokenCacheSize;
  }

  @Override
  public String toString() {
    long ok = 0;
    for (long s : successes) {
      ok += s;
    }
    return "AuthStats{attempts="
        + attempts()
        + ", successes="
        + ok
        + ", tokenCacheHits="
        + tokenCacheHits
        + ", tokenCacheMisses="
        + tokenCacheMisses
        + "}";
  }
}
