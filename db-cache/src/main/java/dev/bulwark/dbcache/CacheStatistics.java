/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.dbcache;

/**
 * A snapshot of a store's query cache counters, each counted since the store was built. Immutable.
 * Suited to a metrics binder that reads it periodically (each count only grows, except {@code
 * size}).
 *
 * @param hits lookups answered from the cache, negative hits included
 * @param negativeHits lookups answered from a cached "absent" (an unknown key id, a token or
 *     subject never revoked)
 * @param misses keys looked up that were not cached and had to be loaded
 * @param loads database queries the cache made to load keys (a bulk load of many keys is one)
 * @param loadFailures loads that failed because the database could not be asked
 * @param evictions entries dropped to keep the cache within its size bound or because they expired
 * @param loadTimeNanos nanoseconds the loads took in all, failed ones included: with {@code loads},
 *     the mean time of the queries the cache made
 * @param size the number of entries cached now (an estimate)
 */
public record CacheStatistics(
    long hits,
    long negativeHits,
    long misses,
    long loads,
    long loadFailures,
    long evictions,
    long loadTimeNanos,
    long size) {}
