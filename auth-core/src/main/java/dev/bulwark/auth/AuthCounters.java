/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth;

import dev.bulwark.auth.internal.cache.VerifiedTokenCache;
import java.util.concurrent.atomic.LongAdder;

/**
 * An engine's counters; thread-safe, any thread may count. Striped ({@link LongAdder}) so that
 * threads authenticating at once do not contend on one cache line. The hot path, a cache hit that
 * succeeds, increments exactly one of them: a cached success counts as a JWT success and as a cache
 * hit when the snapshot is taken, not twice on the way.
 */
final class AuthCounters {
  private static final int METHODS = AuthMethod.values().length;

  private final LongAdder[] verifiedSuccesses = adders(METHODS);
  private final LongAdder[] failures = adders(AuthStats.failureSlots());
  private final LongAdder cachedSuccesses = new LongAdder();
  private final LongAdder cachedFailures = new LongAdder();
  private final LongAdder cacheMisses = new LongAdder();

  private static LongAdder[] adders(int n) {
    LongAdder[] a = new LongAdder[n];
    for (int i = 0; i < n; i++) {
      a[i] = new LongAdder();
    }
    return a;
  }

  /** A credential of this kind was verified (not taken from the cache) and accepted. */
  void verifiedSuccess(AuthMethod method) {
    verifiedSuccesses[method.ordinal()].increment();
  }

  /** A cache hit gave a success. */
  void cachedSuccess() {
    cachedSuccesses.increment();
  }

  /**
   * A fresh cache hit was then refused (revoked, keys unavailable); counted with its reason too.
   */
  void cachedFailure() {
    cachedFailures.increment();
  }

  /** A bearer JWT missed the cache, or hit a stale entry. */
  void cacheMiss() {
    cacheMisses.increment();
  }

  /** A refusal; {@code methodOrNull} null before the header said what it carries. */
  void failure(AuthMethod methodOrNull, FailureReason reason) {
    failures[AuthStats.failureIndex(methodOrNull, reason)].increment();
  }

  AuthStats snapshot(VerifiedTokenCache cache) {
    long cached = cachedSuccesses.sum();
    long[] ok = new long[METHODS];
    for (int i = 0; i < METHODS; i++) {
      ok[i] = verifiedSuccesses[i].sum();
    }
    ok[AuthMethod.JWT.ordinal()] += cached;
    long[] failed = new long[failures.length];
    for (int i = 0; i < failed.length; i++) {
      failed[i] = failures[i].sum();
    }
    return new AuthStats(
        ok,
        failed,
        cache != null,
        cache == null ? 0 : cached + cachedFailures.sum(),
        cache == null ? 0 : cacheMisses.sum(),
        cache == null ? 0 : cache.evictionCount(),
        cache == null ? 0 : cache.estimatedSize());
  }
}
