/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.internal.cache;

import static dev.bulwark.auth.internal.cache.CacheEntries.KEY;
import static dev.bulwark.auth.internal.cache.CacheEntries.entry;
import static dev.bulwark.auth.internal.cache.CacheEntries.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.auth.testsupport.Concurrently;
import dev.bulwark.auth.testsupport.InvalidationHammer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OnHeapVerifiedTokenCacheTest {

  @Test
  void get_tokenPut_returnsItsEntry() {
    OnHeapVerifiedTokenCache cache = new OnHeapVerifiedTokenCache(10, Duration.ofMinutes(1));
    CachedToken e = entry("a");
    cache.put(bytes("token-a"), e);
    assertThat(cache.get(bytes("token-a"))).isSameAs(e);
  }

  @Test
  void get_collidingDifferentToken_misses() {
    OnHeapVerifiedTokenCache cache =
        new OnHeapVerifiedTokenCache(10, Duration.ofMinutes(1), b -> 42L);
    cache.put(bytes("token-a"), entry("a"));
    assertThat(cache.get(bytes("token-b"))).isNull();
    assertThat(cache.get(bytes("token-a-longer"))).isNull();
  }

  @Test
  void invalidate_collidingDifferentToken_keepsEntry() {
    OnHeapVerifiedTokenCache cache =
        new OnHeapVerifiedTokenCache(10, Duration.ofMinutes(1), b -> 42L);
    CachedToken e = entry("a");
    cache.put(bytes("token-a"), e);
    cache.invalidate(bytes("token-b"));
    assertThat(cache.get(bytes("token-a"))).isSameAs(e);
  }

  @Test
  void put_beyondMaximumSize_evictsToBound() {
    OnHeapVerifiedTokenCache cache = new OnHeapVerifiedTokenCache(100, Duration.ofMinutes(1));
    for (int i = 0; i < 1_000; i++) {
      cache.put(bytes("token-" + i), entry("s"));
    }
    assertThat(cache.estimatedSize()).isLessThanOrEqualTo(100);
  }

  @Test
  void concurrentPutsInOneSlot_getNeverReturnsAnotherTokensEntry() throws Exception {
    OnHeapVerifiedTokenCache cache =
        new OnHeapVerifiedTokenCache(1000, Duration.ofMinutes(1), b -> 7L);
    int wrong = Concurrently.wrongAnswers(4, t -> {
      String subject = "s" + t;
      byte[] token = bytes("token-of-" + subject);
      CachedToken mine = entry(subject);
      int mistakes = 0;
      for (int i = 0; i < 20_000; i++) {
        cache.put(token, mine);
        CachedToken got = cache.get(token);
        if (got != null && got != mine) {
          mistakes++;
        }
      }
      return mistakes;
    });
    assertThat(wrong).isZero();
  }

  /**
   * A lookup that falls back to Caffeine re-indexes the node it finds: the node first, then the
   * copies beside it. An invalidation in between must still remove the entry. Few tokens, each
   * invalidated right after its put, so that lookups often race with the put's own indexing.
   */
  @Test
  void invalidateRacingIndexPublishes_realHash_neverLost() throws Exception {
    OnHeapVerifiedTokenCache cache = new OnHeapVerifiedTokenCache(16, Duration.ofMinutes(1));
    assertThat(InvalidationHammer.staleHits(cache, 4, 0, i -> entry("s" + i), 700)).isZero();
    assertThat(InvalidationHammer.staleHits(cache, 8, 0, i -> entry("s" + i), 700)).isZero();
  }

  @Test
  void invalidateRacingIndexPublishes_everyHashColliding_neverLost() throws Exception {
    OnHeapVerifiedTokenCache cache =
        new OnHeapVerifiedTokenCache(16, Duration.ofMinutes(1), b -> 7L);
    assertThat(InvalidationHammer.staleHits(cache, 2, 0, i -> entry("s" + i), 700)).isZero();
    assertThat(InvalidationHammer.staleHits(cache, 8, 0, i -> entry("s" + i), 700)).isZero();
  }
}
