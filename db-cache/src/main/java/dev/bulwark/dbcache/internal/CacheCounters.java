/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.dbcache.internal;

import dev.bulwark.dbcache.CacheStatistics;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counters every caching store keeps, the ones {@link CacheStatistics} reports. Thread-safe:
 * striped adders, so that counting on the read path never contends.
 */
public final class CacheCounters {
  /** Lookups answered by the cache, an "absent" answer included. */
  public final LongAdder hits = new LongAdder();

  /** Of the hits, those that answered "absent". */
  public final LongAdder negativeHits = new LongAdder();

  /** Lookups the cache could not answer. */
  public final LongAdder misses = new LongAdder();

  /** Queries made to fill the cache. */
  public final LongAdder loads = new LongAdder();

  /** Of the loads, those the database did not answer. */
  public final LongAdder loadFailures = new LongAdder();

  /** Entries the size bound pushed out. */
  public final LongAdder evictions = new LongAdder();

  /** Nanoseconds spent in loads, failed ones included. */
  public final LongAdder loadNanos = new LongAdder();

  /**
   * Counts a load that starts now.
   *
   * @return the start, for {@link #loadEnded}
   */
  public long loadStarted() {
    loads.increment();
    return System.nanoTime();
  }

  /** Adds the time of a load begun at {@code start} ({@link #loadStarted}), whatever its end. */
  public void loadEnded(long start) {
    loadNanos.add(System.nanoTime() - start);
  }

  /** The counters now, with the cache's {@code size}. */
  public CacheStatistics snapshot(long size) {
    return new CacheStatistics(
        hits.sum(),
        negativeHits.sum(),
        misses.sum(),
        loads.sum(),
        loadFailures.sum(),
        evictions.sum(),
        loadNanos.sum(),
        size);
  }
}
