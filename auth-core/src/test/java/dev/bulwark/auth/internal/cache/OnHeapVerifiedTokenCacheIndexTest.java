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
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Test;

/**
 * The read index of {@link OnHeapVerifiedTokenCache}: it answers only with nodes that Caffeine
 * holds, falls back to Caffeine when a bucket overflows, and never pairs a token with another
 * token's entry.
 */
class OnHeapVerifiedTokenCacheIndexTest {

  /** A hash that puts every token in index bucket 0 and tells tokens apart by their last byte. */
  private static final ToLongFunction<byte[]> ONE_BUCKET = b -> ((long) b[b.length - 1]) << 32;

  @Test
  void get_moreTokensThanWaysInABucket_findsEveryOneInCaffeine() {
    OnHeapVerifiedTokenCache cache =
        new OnHeapVerifiedTokenCache(100, Duration.ofMinutes(1), ONE_BUCKET);
    List<CachedToken> entries = new ArrayList<>();
    for (char c = 'a'; c <= 'h'; c++) {
      CachedToken e = entry(String.valueOf(c));
      entries.add(e);
      cache.put(bytes("token-" + c), e);
    }
    assertThat(cache.indexedNodes()).isEqualTo(OnHeapVerifiedTokenCache.WAYS);
    for (char c = 'a'; c <= 'h'; c++) {
      assertThat(cache.get(bytes("token-" + c))).as("token-%s", c).isSameAs(entries.get(c - 'a'));
    }
  }

  @Test
  void get_asManyTokensAsWaysInOneBucket_allStayIndexedAndEachGetsItsOwnEntry() {
    OnHeapVerifiedTokenCache cache =
        new OnHeapVerifiedTokenCache(100, Duration.ofMinutes(1), ONE_BUCKET);
    List<CachedToken> entries = new ArrayList<>();
    for (int w = 0; w < OnHeapVerifiedTokenCache.WAYS; w++) {
      CachedToken e = entry("s" + w);
      entries.add(e);
      cache.put(bytes("token-" + (char) ('a' + w)), e);
    }
    // Round-robin lookups, as a server sees them: none displaces another from the index.
    for (int round = 0; round < 3; round++) {
      for (int w = 0; w < OnHeapVerifiedTokenCache.WAYS; w++) {
        String token = "token-" + (char) ('a' + w);
        assertThat(cache.get("Bearer " + token, 7, 7 + token.length())).isSameAs(entries.get(w));
      }
    }
    assertThat(cache.indexedNodes()).isEqualTo(OnHeapVerifiedTokenCache.WAYS);
  }

  @Test
  void get_twoTokensOfOneTagInOneBucket_eachGetsItsOwnEntryFromTheIndex() {
    // Same bucket (low bits 0 modulo the index size) and same tag (high half 7), other hashes: the
    // tag sends token-b's lookup to token-a's way first, and the node's full hash sends it on.
    ToLongFunction<byte[]> oneTag = b -> (7L << 32) | ((long) b[b.length - 1] << 16);
    OnHeapVerifiedTokenCache cache =
        new OnHeapVerifiedTokenCache(100, Duration.ofMinutes(1), oneTag);
    CachedToken a = entry("a");
    CachedToken b = entry("b");
    cache.put(bytes("token-a"), a);
    cache.put(bytes("token-b"), b);
    assertThat(cache.indexedNodes()).isEqualTo(2);
    assertThat(cache.get("Bearer token-b", 7, 14)).isSameAs(b);
    assertThat(cache.get("Bearer token-a", 7, 14)).isSameAs(a);
    assertThat(cache.indexedNodes()).isEqualTo(2);
  }

  @Test
  void get_tagOfAnInvalidatedTokenLeftInItsWay_otherTokenOfTheBucketStillHits() {
    // token-a takes the first way, token-b the second; token-a leaves, its tag stays behind.
    ToLongFunction<byte[]> oneBucket = b -> ((long) b[b.length - 1]) << 32;
    OnHeapVerifiedTokenCache cache =
        new OnHeapVerifiedTokenCache(100, Duration.ofMinutes(1), oneBucket);
    CachedToken b = entry("b");
    cache.put(bytes("token-a"), entry("a"));
    cache.put(bytes("token-b"), b);
    cache.invalidate(bytes("token-a"));
    assertThat(cache.indexedNodes()).isEqualTo(1);
    assertThat(cache.get("Bearer token-b", 7, 14)).isSameAs(b);
    assertThat(cache.get("Bearer token-a", 7, 14)).isNull();
  }

  @Test
  void get_indexedNodeOfTheSameHashButOtherBytes_misses() {
    // Every token has hash 42: the index holds token-a's node, and token-b must not take it.
    OnHeapVerifiedTokenCache cache =
        new OnHeapVerifiedTokenCache(100, Duration.ofMinutes(1), b -> 42L);
    cache.put(bytes("token-a"), entry("a"));
    assertThat(cache.indexedNodes()).isEqualTo(1);
    assertThat(cache.get(bytes("token-b"))).isNull();
    assertThat(cache.get("Bearer token-b", 7, 14)).isNull();
  }

  @Test
  void invalidate_indexedToken_clearsTheIndexAndCaffeine() {
    OnHeapVerifiedTokenCache cache = new OnHeapVerifiedTokenCache(100, Duration.ofMinutes(1));
    cache.put(bytes("token-a"), entry("a"));
    assertThat(cache.get("Bearer token-a", 7, 14)).isNotNull();
    cache.invalidate("Bearer token-a", 7, 14);
    assertThat(cache.indexedNodes()).isZero();
    assertThat(cache.estimatedSize()).isZero();
    assertThat(cache.get("Bearer token-a", 7, 14)).isNull();
  }

  @Test
  void put_sameTokenAgain_indexAnswersWithTheNewEntry() {
    OnHeapVerifiedTokenCache cache = new OnHeapVerifiedTokenCache(100, Duration.ofMinutes(1));
    cache.put(bytes("token-a"), entry("old"));
    CachedToken newer = entry("new");
    cache.put(bytes("token-a"), newer);
    assertThat(cache.get("Bearer token-a", 7, 14)).isSameAs(newer);
    assertThat(cache.indexedNodes()).isEqualTo(1);
  }

  @Test
  void put_farBeyondTheBound_indexHoldsOnlyNodesCaffeineHolds() {
    OnHeapVerifiedTokenCache cache = new OnHeapVerifiedTokenCache(50, Duration.ofMinutes(1));
    for (int i = 0; i < 5_000; i++) {
      cache.put(bytes("token-" + i), entry("s" + i));
    }
    assertThat(cache.estimatedSize()).isLessThanOrEqualTo(50);
    assertThat(cache.indexedNodesNotInCache()).isZero();
    assertThat((long) cache.indexedNodes()).isLessThanOrEqualTo(cache.estimatedSize());
  }

  @Test
  void get_afterTheTtlAndMaintenance_indexHoldsNothingAndMisses() {
    AtomicLong nanos = new AtomicLong();
    Ticker ticker = nanos::get;
    OnHeapVerifiedTokenCache cache =
        new OnHeapVerifiedTokenCache(100, Duration.ofSeconds(10), ticker);
    cache.put(bytes("token-a"), entry("a"));
    assertThat(cache.indexedNodes()).isEqualTo(1);
    nanos.addAndGet(Duration.ofSeconds(11).toNanos());
    assertThat(cache.estimatedSize()).isZero(); // runs Caffeine's maintenance
    assertThat(cache.indexedNodes()).isZero();
    assertThat(cache.get("Bearer token-a", 7, 14)).isNull();
  }

  /**
   * 10,000 distinct tokens in the default-sized index (131,072 slots) visited round-robin: with two
   * ways per bucket about 35 buckets held three or more of them, and those tokens displaced each
   * other on every round, each such lookup going through Caffeine (measured: 66-73 of 10,000 hits
   * per round); with four ways a bucket overflows at five, expected about once.
   */
  @Test
  void get_10000TokensRoundRobinInTheDefaultIndex_nearlyAllStayIndexed() {
    OnHeapVerifiedTokenCache cache = new OnHeapVerifiedTokenCache(100_000, Duration.ofMinutes(1));
    Random random = new Random(20261130L);
    int n = 10_000;
    String[] headers = new String[n];
    CachedToken shared = entry("s");
    for (int i = 0; i < n; i++) {
      char[] token = new char[300];
      for (int c = 0; c < token.length; c++) {
        token[c] = (char) ('a' + random.nextInt(26));
      }
      headers[i] = "Bearer " + new String(token);
      cache.put(bytes(headers[i].substring(7)), shared);
    }
    for (int round = 0; round < 2; round++) {
      for (String h : headers) {
        assertThat(cache.get(h, 7, h.length())).isSameAs(shared);
      }
    }
    assertThat(cache.indexedNodes()).isGreaterThanOrEqualTo(n - 10);
  }

  @Test
  void indexSlots_default_isTheBoundRoundedUpAndCapped() {
    assertThat(OnHeapVerifiedTokenCache.indexSlots(100_000)).isEqualTo(131_072);
    assertThat(OnHeapVerifiedTokenCache.indexSlots(1)).isEqualTo(16);
    assertThat(OnHeapVerifiedTokenCache.indexSlots(100_000_000))
        .isEqualTo(OnHeapVerifiedTokenCache.MAX_INDEX_SLOTS);
  }

  /**
   * Threads put, look up and invalidate tokens that share two index buckets in a cache too small
   * for them, so that evictions (Caffeine's listener clearing the index) race with lookups that
   * re-index what they found: no lookup may return another token's entry, and at the end the index
   * holds only nodes that Caffeine holds, each with only its own token and entry beside it.
   */
  @Test
  void concurrentPutsGetsAndEvictionsInFewBuckets_neverAnotherTokensEntryAndNoStrayIndexNode()
      throws Exception {
    // Low bits pick bucket 0 or 1 (slots 0-3 or 4-7); the high bits tell the 32 tokens apart.
    ToLongFunction<byte[]> fewBuckets =
        b -> ((long) b[b.length - 1] << 32) | ((b[b.length - 1] & 1) << 2);
    OnHeapVerifiedTokenCache cache =
        new OnHeapVerifiedTokenCache(8, Duration.ofMinutes(1), fewBuckets);
    int wrong =
        Concurrently.wrongAnswers(
            4,
            t -> {
              int mistakes = 0;
              for (int i = 0; i < 20_000; i++) {
                int k = (t * 7 + i) % 32;
                String token = "token-" + (char) ('A' + k);
                byte[] b = bytes(token);
                CachedToken mine = entry(token);
                switch (i % 4) {
                  case 0 -> cache.put(b, mine);
                  case 3 -> cache.invalidate("Bearer " + token, 7, 7 + token.length());
                  default -> {
                    CachedToken got =
                        i % 2 == 0
                            ? cache.get(b)
                            : cache.get("Bearer " + token, 7, 7 + token.length());
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
  }

  /**
   * The interleaving behind a lost invalidation, played step by step: a lookup that found the token
   * in Caffeine re-indexes its node, writing the node into a slot first and the token and entry
   * copies beside it after. An invalidation between the two steps finds the node without its
   * copies; it must still remove the entry, or the publish would leave it indexed for good.
   */
  @Test
  void invalidate_betweenAPublishersNodeAndCopies_stillForgetsTheEntry() throws Exception {
    OnHeapVerifiedTokenCache cache = new OnHeapVerifiedTokenCache(100, Duration.ofMinutes(1));
    byte[] token = bytes("token-a");
    cache.put(token, entry("a"));
    java.lang.reflect.Field field = OnHeapVerifiedTokenCache.class.getDeclaredField("index");
    field.setAccessible(true);
    Object[] index = (Object[]) field.get(cache);
    int at = -1;
    for (int i = 0; i < index.length; i += 3) {
      if (index[i] instanceof OnHeapVerifiedTokenCache.Node) {
        at = i;
      }
    }
    assertThat(at).as("the node's slot").isNotNegative();
    OnHeapVerifiedTokenCache.Node node = (OnHeapVerifiedTokenCache.Node) index[at];
    // The publisher has written the node but not yet its copies.
    index[at + 1] = null;
    index[at + 2] = null;
    cache.invalidate(token);
    // The publisher finishes: its copies, kept only while the node is still its slot's, and the
    // slot cleared if the node was removed meanwhile.
    if (index[at] == node) {
      index[at + 1] = node.token;
      index[at + 2] = node.entry;
      if (node.removed) {
        index[at] = null;
      }
    }
    assertThat(cache.get(token)).isNull();
    assertThat(cache.get("Bearer token-a", 7, 14)).isNull();
    assertThat(cache.estimatedSize()).isZero();
  }
}
