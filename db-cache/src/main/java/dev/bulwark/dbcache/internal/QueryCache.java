/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.dbcache.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.bulwark.dbcache.CacheStatistics;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A read-through cache of database answers in front of one query: thread-safe, any thread may read,
 * invalidate and read the statistics at once.
 *
 * <p>Design:
 *
 * <ul>
 *   <li>A miss loads through the single-key loader inside Caffeine's atomic {@code get(key,
 *       function)}: concurrent misses of one key make one query, and the others wait for its
 *       answer.
 *   <li>An answer of "absent" is cached too, for the shorter negative time to live, so that a flood
 *       of lookups of one unknown key reaches the database once per negative TTL.
 *   <li>A loader that cannot reach the database throws; nothing is cached, and the exception
 *       reaches the caller (the store fails closed, it never caches "absent" for an unanswered
 *       question).
 *   <li>{@link #invalidate} first raises {@link #knownVersion()} and the invalidation stamp, then
 *       drops the entry. A single-key load in flight holds the entry's lock, so the drop waits for
 *       it and removes what it loaded; a load that starts later sees the raised version, which the
 *       stores require of a replica. A bulk load is not made under the entries' locks (it would
 *       hold many), so it caches what it read only if no invalidation happened since it began;
 *       otherwise it returns its answers uncached. Caffeine's own bulk {@code getAll} is not used
 *       for this reason: it puts its results unconditionally, and an invalidation that lands
 *       between its query and its put would be lost until the entry expires.
 * </ul>
 *
 * @param <K> the key
 * @param <V> the value; a load returns null for "absent"
 */
public final class QueryCache<K, V> {
  /** A cached answer; {@code value} is null for "absent". */
  private record Answer<V>(V value) {}

  private final Cache<K, Answer<V>> cache;
  private final Function<K, V> loader;
  private final Function<Set<K>, Map<K, V>> bulkLoader;
  // Raised before every invalidation: a bulk load caches only if it is unchanged since it began.
  private final AtomicLong invalidations = new AtomicLong();
  // The highest change-log version this cache has dropped entries for: loads require a replica to
  // be at least this fresh.
  private final AtomicLong knownVersion = new AtomicLong();
  private final CacheCounters counters = new CacheCounters();

  /**
   * @param maximumSize the most entries kept
   * @param ttl how long an entry with a value is kept after it was loaded
   * @param negativeTtl how long an "absent" entry is kept after it was loaded
   * @param ticker the clock of expiry (tests pass a fake one)
   * @param loader loads one key: its value, or null when absent; throws when the database cannot be
   *     asked
   * @param bulkLoader loads many keys in one query: the values of those that exist (the others are
   *     absent); throws when the database cannot be asked. Null when the store loads one key at a
   *     time only ({@link #getAll} then throws {@link UnsupportedOperationException})
   */
  public QueryCache(
      long maximumSize,
      Duration ttl,
      Duration negativeTtl,
      Ticker ticker,
      Function<K, V> loader,
      Function<Set<K>, Map<K, V>> bulkLoader) {
    this.loader = Objects.requireNonNull(loader, "loader");
    this.bulkLoader = bulkLoader;
    long ttlNanos = ttl.toNanos();
    long negativeNanos = negativeTtl.toNanos();
    this.cache =
        Caffeine.newBuilder()
            .maximumSize(maximumSize)
            .ticker(ticker)
            .expireAfter(new AnswerExpiry<K, V>(ttlNanos, negativeNanos))
            // Maintenance (eviction, the listener) on the calling thread: no work is handed to the
            // common pool, and the eviction count is current when a caller reads it.
            .executor(Runnable::run)
            .evictionListener(
                (K k, Answer<V> a, RemovalCause cause) -> counters.evictions.increment())
            .build();
  }

  /**
   * The value of {@code key}, from the cache or loaded; null when absent.
   *
   * @throws RuntimeException what the loader throws when the database cannot be asked
   */
  public V get(K key) {
    boolean[] loaded = new boolean[1];
    Answer<V> a;
    try {
      a =
          cache.get(
              key,
              k -> {
                loaded[0] = true;
                long start = counters.loadStarted();
                try {
                  return new Answer<>(loader.apply(k));
                } finally {
                  counters.loadEnded(start);
                }
              });
    } catch (RuntimeException e) {
      if (loaded[0]) {
        counters.misses.increment();
        counters.loadFailures.increment();
      }
      throw e;
    }
    if (loaded[0]) {
      counters.misses.increment();
    } else {
      counters.hits.increment();
      if (a.value() == null) {
        counters.negativeHits.increment();
      }
    }
    return a.value();
  }

  /**
   * The values of those of {@code keys} that exist, from the cache or loaded together in one query.
   *
   * @throws RuntimeException what the bulk loader throws when the database cannot be asked
   */
  public Map<K, V> getAll(Collection<? extends K> keys) {
    if (bulkLoader == null) {
      throw new UnsupportedOperationException("this cache loads one key at a time");
    }
    Map<K, V> out = new HashMap<>();
    Set<K> missing = new LinkedHashSet<>();
    for (K k : keys) {
      Answer<V> a = cache.getIfPresent(k);
      if (a == null) {
        missing.add(k);
        continue;
      }
      counters.hits.increment();
      if (a.value() == null) {
        counters.negativeHits.increment();
      } else {
        out.put(k, a.value());
      }
    }
    if (missing.isEmpty()) {
      return out;
    }
    counters.misses.add(missing.size());
    long stamp = invalidations.get();
    long start = counters.loadStarted();
    Map<K, V> loaded;
    try {
      loaded = bulkLoader.apply(Set.copyOf(missing));
    } catch (RuntimeException e) {
      counters.loadFailures.increment();
      throw e;
    } finally {
      counters.loadEnded(start);
    }
    for (K k : missing) {
      V v = loaded.get(k);
      if (v != null) {
        out.put(k, v);
      }
      Answer<V> answer = new Answer<>(v);
      // NOTE: the check runs under the entry's lock, which invalidate() also takes: an
      // invalidation either came before (the stamp moved, nothing is cached) or comes after and
      // drops what this put.
      cache
          .asMap()
          .compute(k, (key, old) -> old != null || invalidations.get() != stamp ? old : answer);
    }
    return out;
  }

  /**
   * Drops the entry of {@code key} because of the change with {@code version}: raises {@link
   * #knownVersion()} first, so that a load that starts afterwards requires data at least that
   * fresh.
   */
  public void invalidate(K key, long version) {
    knownVersion.accumulateAndGet(version, Math::max);
    invalidations.incrementAndGet();
    cache.invalidate(key);
  }

  /** Drops every entry. */
  public void invalidateAll() {
    invalidations.incrementAndGet();
    cache.invalidateAll();
  }

  /** The highest change-log version this cache has dropped an entry for (0 before any). */
  public long knownVersion() {
    return knownVersion.get();
  }

  /** The counters since this cache was built. */
  public CacheStatistics stats() {
    return counters.snapshot(cache.estimatedSize());
  }

  /** Answers live {@code ttl}, "absent" answers the shorter {@code negativeTtl}. */
  private static final class AnswerExpiry<K, V> implements Expiry<K, Answer<V>> {
    private final long ttlNanos;
    private final long negativeNanos;

    AnswerExpiry(long ttlNanos, long negativeNanos) {
      this.ttlNanos = ttlNanos;
      this.negativeNanos = negativeNanos;
    }

    @Override
    public long expireAfterCreate(K key, Answer<V> answer, long currentTime) {
      return answer.value() == null ? negativeNanos : ttlNanos;
    }

    @Override
    public long expireAfterUpdate(K key, Answer<V> answer, long currentTime, long currentDuration) {
      return expireAfterCreate(key, answer, currentTime);
    }

    @Override
    public long expireAfterRead(K key, Answer<V> answer, long currentTime, long currentDuration) {
      // Reading does not extend an entry's life: a revocation must reach a hot key as well.
      return currentDuration;
    }
  }
}
