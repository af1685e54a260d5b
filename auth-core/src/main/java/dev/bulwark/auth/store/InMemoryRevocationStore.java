/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A thread-safe {@link RevocationStore} in {@link ConcurrentHashMap}s: any thread may revoke and
 * read concurrently, and a revocation is seen by every read that starts after the revoking call
 * returns (the map's put happens-before a later get of the same key).
 *
 * <p>Token revocations ({@code jti}) are kept until the token's expiry plus {@link
 * #RETENTION_AFTER_EXPIRY}, because the engine still accepts a token up to its clock skew (at most
 * five minutes) after {@code exp}; forgetting the revocation at {@code exp} would let a revoked
 * token back in during that window. Expired entries are pruned on write, amortised: when the number
 * of entries reaches a threshold, the writing thread sweeps them and sets the next threshold to
 * twice the number left (at least {@value #MIN_SWEEP_THRESHOLD}), so each write costs O(1) on
 * average and the map never holds more than about twice the live revocations. {@link
 * #pruneExpired()} sweeps on demand. Reads never prune and never depend on the clock.
 *
 * <p>Subject and API key revocations are kept for the life of the store (one entry per revoked
 * subject or key id; a later subject revocation replaces an earlier one).
 *
 * <p>The engine asks the store on every request, cache hits included, and most requests are for
 * tokens and subjects that were never revoked. So that such a read costs no hash-map lookup, and
 * above all does not read the token's id and subject strings (on a cache hit these are rarely in
 * the CPU's caches), the store counts its token revocations and notes whether any subject was ever
 * revoked, and a read answers "not revoked" from these alone when they say the map is empty. The
 * count is raised before an entry is added and lowered only after it is removed, so it never falls
 * below the number of entries, and a revocation is still seen by every read that starts after the
 * revoking call returns.
 */
public final class InMemoryRevocationStore implements RevocationStore {

  /**
   * How long a token revocation outlives the token's {@code exp}: the largest clock skew the engine
   * accepts.
   */
  public static final Duration RETENTION_AFTER_EXPIRY = Duration.ofMinutes(5);

  /** The token-revocation count below which no sweep is attempted. */
  public static final int MIN_SWEEP_THRESHOLD = 1024;

  private final Clock clock;
  // jti -> instant after which the entry may be dropped (exp + RETENTION_AFTER_EXPIRY).
  private final ConcurrentHashMap<String, Instant> tokens = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Instant> subjects = new ConcurrentHashMap<>();
  private final Set<String> apiKeys = ConcurrentHashMap.newKeySet();
  // At least the number of entries in tokens (see the class comment); 0 lets reads skip the map.
  private final AtomicLong tokenEntries = new AtomicLong();
  // Set before the first subject revocation is added, never cleared (subjects are never removed).
  private volatile boolean anySubject;
  private final AtomicLong sweepThreshold = new AtomicLong(MIN_SWEEP_THRESHOLD);
  private final AtomicBoolean sweeping = new AtomicBoolean();

  /** Creates an empty store whose pruning reads {@link Clock#systemUTC()}. */
  public InMemoryRevocationStore() {
    this(Clock.systemUTC());
  }

  /** Creates an empty store whose pruning reads {@code clock}. */
  public InMemoryRevocationStore(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * {@inheritDoc} Revoking the same {@code jti} again keeps the later expiry.
   *
   * @throws IllegalArgumentException if {@code tokenId} is empty
   */
  @Override
  public void revokeToken(String tokenId, Instant expiresAt) {
    Objects.requireNonNull(tokenId, "tokenId");
    Objects.requireNonNull(expiresAt, "expiresAt");
    if (tokenId.isEmpty()) {
      throw new IllegalArgumentException("tokenId must not be empty");
    }
    Instant keep = keepUntil(expiresAt);
    boolean[] added = new boolean[1];
    // NOTE: counted before the entry exists; uncounted only if the compute added nothing.
    tokenEntries.incrementAndGet();
    try {
      tokens.compute(
          tokenId,
          (id, old) -> {
            added[0] = old == null;
            return old == null ? keep : later(old, keep);
          });
    } finally {
      if (!added[0]) {
        tokenEntries.decrementAndGet();
      }
    }
    if (tokens.mappingCount() >= sweepThreshold.get()) {
      sweep();
    }
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if {@code subject} is empty
   */
  @Override
  public void revokeSubject(String subject, Instant issuedBefore) {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(issuedBefore, "issuedBefore");
    if (subject.isEmpty()) {
      throw new IllegalArgumentException("subject must not be empty");
    }
    if (!anySubject) {
      anySubject = true; // before the entry exists: a read that sees false finds no entry anyway
    }
    subjects.merge(subject, issuedBefore, InMemoryRevocationStore::later);
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if {@code keyId} is empty
   */
  @Override
  public void revokeApiKey(String keyId) {
    Objects.requireNonNull(keyId, "keyId");
    if (keyId.isEmpty()) {
      throw new IllegalArgumentException("keyId must not be empty");
    }
    apiKeys.add(keyId);
  }

  /** {@inheritDoc} A null id (a token without {@code jti}) is never revoked by id. */
  @Override
  public boolean isTokenRevoked(String tokenId) {
    return tokenId != null && tokenEntries.get() != 0 && tokens.containsKey(tokenId);
  }

  /** {@inheritDoc} Empty for a null subject. */
  @Override
  public Optional<Instant> subjectRevokedBefore(String subject) {
    return subject == null || !anySubject
        ? Optional.empty()
        : Optional.ofNullable(subjects.get(subject));
  }

  /** {@inheritDoc} False for a null id. */
  @Override
  public boolean isApiKeyRevoked(String keyId) {
    return keyId != null && apiKeys.contains(keyId);
  }

  /**
   * Drops every token revocation whose token expired more than {@link #RETENTION_AFTER_EXPIRY} ago.
   * Writes call this when needed; call it from a scheduler to shrink the store sooner.
   *
   * @return the number of token revocations left
   */
  public long pruneExpired() {
    Instant now = clock.instant();
    // NOTE: remove(key, value), so an entry that a concurrent revokeToken just extended is kept;
    // the count is lowered only for an entry this call removed.
    for (Map.Entry<String, Instant> e : tokens.entrySet()) {
      if (!now.isBefore(e.getValue()) && tokens.remove(e.getKey(), e.getValue())) {
        tokenEntries.decrementAndGet();
      }
    }
    long left = tokens.mappingCount();
    sweepThreshold.set(Math.max(MIN_SWEEP_THRESHOLD, 2 * left));
    return left;
  }

  /** The number of token ({@code jti}) revocations held, pruned or not yet. */
  public long tokenRevocationCount() {
    return tokens.mappingCount();
  }

  private void sweep() {
    // One sweeper at a time; other writers carry on, the map stays usable during the sweep.
    if (sweeping.compareAndSet(false, true)) {
      try {
        pruneExpired();
      } finally {
        sweeping.set(false);
      }
    }
  }

  private static Instant keepUntil(Instant expiresAt) {
    return expiresAt.isAfter(Instant.MAX.minus(RETENTION_AFTER_EXPIRY))
        ? Instant.MAX
        : expiresAt.plus(RETENTION_AFTER_EXPIRY);
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  @Override
  public String toString() {
    return "InMemoryRevocationStore{tokens="
        + tokens.mappingCount()
        + ", subjects="
        + subjects.size()
        + ", apiKeys="
        + apiKeys.size()
        + "}";
  }
}
