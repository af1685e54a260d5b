/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.dbcache.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Policy;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import dev.bulwark.dbcache.CacheStatistics;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A store's cache as Caffeine tools see one, for reading its statistics only: {@link #stats()},
 * {@link #estimatedSize()} and {@link Policy#isRecordingStats()} answer from the store's own
 * counters; every method that would read, add or drop an entry throws {@link
 * UnsupportedOperationException}. Thread-safe.
 *
 * <p>It exists so that Micrometer's {@code CaffeineCacheMetrics} can report a store's cache without
 * the store handing out the cache itself: whoever held that could read cached API key records or
 * plant an entry that the database never held.
 *
 * <p>The counts come from the store's {@link CacheCounters} rather than from Caffeine's own
 * recorder because a bulk lookup reads the cache entry by entry and loads its misses in one query,
 * which Caffeine's recorder would count as neither hits nor loads.
 */
public final class CacheStatsView implements Cache<Object, Object> {
  private static final String READ_ONLY =
      "this is a view of a store's cache statistics; its entries are not reachable through it";

  private final Supplier<CacheStatistics> statistics;
  private final StatsPolicy policy = new StatsPolicy();

  /** A view whose statistics {@code statistics} reads, at each call. */
  public CacheStatsView(Supplier<CacheStatistics> statistics) {
    this.statistics = statistics;
  }

  @Override
  public CacheStats stats() {
    CacheStatistics s = statistics.get();
    return CacheStats.of(
        s.hits(),
        s.misses(),
        s.loads() - s.loadFailures(),
        s.loadFailures(),
        s.loadTimeNanos(),
        s.evictions(),
        s.evictions()); // every entry weighs one
  }

  @Override
  public long estimatedSize() {
    return statistics.get().size();
  }

  @Override
  public Policy<Object, Object> policy() {
    return policy;
  }

  @Override
  public Object getIfPresent(Object key) {
    throw new UnsupportedOperationException(READ_ONLY);
  }

  @Override
  public Object get(Object key, Function<? super Object, ?> mappingFunction) {
    throw new UnsupportedOperationException(READ_ONLY);
  }

  @Override
  public Map<Object, Object> getAllPresent(Iterable<?> keys) {
    throw new UnsupportedOperationException(READ_ONLY);
  }

  @Override
  public Map<Object, Object> getAll(
      Iterable<?> keys, Function<? super Set<?>, ? extends Map<?, ?>> mappingFunction) {
    throw new UnsupportedOperationException(READ_ONLY);
  }

  @Override
  public void put(Object key, Object value) {
    throw new UnsupportedOperationException(READ_ONLY);
  }

  @Override
  public void putAll(Map<?, ?> map) {
    throw new UnsupportedOperationException(READ_ONLY);
  }

  @Override
  public void invalidate(Object key) {
    throw new UnsupportedOperationException(READ_ONLY);
  }

  @Override
  public void invalidateAll(Iterable<?> keys) {
    throw new UnsupportedOperationException(READ_ONLY);
  }

  @Override
  public void invalidateAll() {
    throw new UnsupportedOperationException(READ_ONLY);
  }

  @Override
  public ConcurrentMap<Object, Object> asMap() {
    throw new UnsupportedOperationException(READ_ONLY);
  }

  @Override
  public void cleanUp() {
    // Nothing to do: the store's cache does its own upkeep.
  }

  @Override
  public String toString() {
    return "CacheStatsView" + statistics.get();
  }

  /** Says that statistics are recorded, and offers no entry and no setting. */
  private static final class StatsPolicy implements Policy<Object, Object> {
    @Override
    public boolean isRecordingStats() {
      return true;
    }

    @Override
    public Object getIfPresentQuietly(Object key) {
      throw new UnsupportedOperationException(READ_ONLY);
    }

    @Override
    public Map<Object, CompletableFuture<Object>> refreshes() {
      return Map.of();
    }

    @Override
    public Optional<Eviction<Object, Object>> eviction() {
      return Optional.empty();
    }

    @Override
    public Optional<FixedExpiration<Object, Object>> expireAfterAccess() {
      return Optional.empty();
    }

    @Override
    public Optional<FixedExpiration<Object, Object>> expireAfterWrite() {
      return Optional.empty();
    }

    @Override
    public Optional<VarExpiration<Object, Object>> expireVariably() {
      return Optional.empty();
    }

    @Override
    public Optional<FixedRefresh<Object, Object>> refreshAfterWrite() {
      return Optional.empty();
    }
  }
}
