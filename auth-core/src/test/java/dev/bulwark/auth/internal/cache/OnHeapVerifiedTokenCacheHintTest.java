/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.internal.cache;

import static dev.bulwark.auth.internal.cache.CacheEntries.bytes;
import static dev.bulwark.auth.internal.cache.CacheEntries.entry;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.bulwark.auth.testsupport.Concurrently;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The sampled hits of {@link OnHeapVerifiedTokenCache}'s index, handed to Caffeine in batches:
 * Caffeine's maintenance, expiry included, still runs when every request hits the index.
 */
class OnHeapVerifiedTokenCacheHintTest {
  private static long hashOf(String token) {
    return SlotHash.of(bytes(token));
  }

  /** A cache whose Caffeine ticker has moved past the TTL of "token-a", still indexed. */
  private static OnHeapVerifiedTokenCache cacheHoldingTokenAPastItsTtl() {
    AtomicLong nanos = new AtomicLong();
    Ticker ticker = nanos::get;
    OnHeapVerifiedTokenCache cache =
        new OnHeapVerifiedTokenCache(100, Duration.ofSeconds(10), ticker);
    cache.put(bytes("token-a"), entry("a"));
    nanos.addAndGet(Duration.ofSeconds(11).toNanos());
    return cache;
  }

  @Test
  void hint_batchFills_replaysIntoCaffeineWhoseMaintenanceDropsTheExpiredEntry() {
    OnHeapVerifiedTokenCache cache = cacheHoldingTokenAPastItsTtl();
    for (int i = 0; i < OnHeapVerifiedTokenCache.HINT_BATCH - 1; i++) {
      cache.hint(hashOf("token-a"));
    }
    assertThat(cache.indexedNodes()).as("before the batch is full").isEqualTo(1);
    cache.hint(hashOf("token-a"));
    assertThat(cache.indexedNodes()).as("after the batch is replayed").isZero();
  }

  @Test
  void get_onlyIndexHitsLongAfterTheTtl_caffeineMaintenanceStillEmptiesTheIndex() {
    OnHeapVerifiedTokenCache cache = cacheHoldingTokenAPastItsTtl();
    // One hit in READ_SAMPLE is sampled and a batch holds HINT_BATCH: about 8,192 hits replay
    // one batch; 100 times that leaves a chance of about e^-70 that none was replayed.
    int limit = 100 * OnHeapVerifiedTokenCache.READ_SAMPLE * OnHeapVerifiedTokenCache.HINT_BATCH;
    int hits = 0;
    while (hits < limit && cache.get("Bearer token-a", 7, 14) != null) {
      hits++;
    }
    assertThat(hits).isLessThan(limit);
    assertThat(cache.indexedNodes()).isZero();
  }

  /**
   * Threads hint, put, look up and invalidate tokens of a cache too small for them, so that batches
   * are replayed while Caffeine evicts and the index is rewritten: no lookup returns another
   * token's entry, nothing throws, and the index ends holding only what Caffeine holds.
   */
  @Test
  void concurrentHintsPutsGetsAndEvictions_neverAnotherTokensEntryAndNoStrayIndexNode()
      throws Exception {
    OnHeapVerifiedTokenCache cache = new OnHeapVerifiedTokenCache(16, Duration.ofMinutes(1));
    int wrong =
        Concurrently.wrongAnswers(
            4,
            t -> {
              int mistakes = 0;
              for (int i = 0; i < 20_000; i++) {
                String token = "token-" + ((t * 13 + i) % 64);
                switch (i % 5) {
                  case 0 -> cache.put(bytes(token), entry(token));
                  case 1 -> cache.invalidate(bytes(token));
                  case 2 -> cache.hint(hashOf(token));
                  default -> {
                    CachedToken got = cache.get("Bearer " + token, 7, 7 + token.length());
                    if (got != null && !got.subject().equals(token)) {
                      mistakes++;
                    }
                  }
                }
              }
              return mistakes;
            });
    assertThat(wrong).isZero();
    assertThat(cache.indexedNodesNotInCache()).isZero();
    assertThat(cache.estimatedSize()).isLessThanOrEqualTo(16);
  }
}
