/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.internal.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.OctetSequenceKey;
import dev.bulwark.auth.AuthMethod;
import dev.bulwark.auth.AuthResult;
import dev.bulwark.auth.Issuer;
import dev.bulwark.auth.Principal;
import dev.bulwark.auth.internal.jws.KeyLoader;
import dev.bulwark.auth.internal.jws.VerificationKey;
import dev.bulwark.auth.testsupport.MutableClock;
import dev.bulwark.memory.ChunkAllocator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OffHeapVerifiedTokenCacheTest {
  private static final VerificationKey KEY =
      KeyLoader.load(new OctetSequenceKey.Builder(new byte[32]).keyID("k").build());
  private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
  private static final Issuer ISSUER = CacheEntries.ISSUER;

  /**
   * Stands for the engine's rebuild: the subject is the token's own text, so a test sees whose
   * bytes a hit was built from.
   */
  private static final VerifiedTokenCache.ResultRebuilder REBUILD =
      (issuer, token) ->
          AuthResult.success(
              Principal.builder(
                      AuthMethod.JWT, "iss", new String(token, StandardCharsets.ISO_8859_1))
                  .build());

  private final MutableClock clock = new MutableClock(NOW);
  private final List<OffHeapVerifiedTokenCache> caches = new ArrayList<>();

  @AfterEach
  void closeCaches() {
    caches.forEach(OffHeapVerifiedTokenCache::close);
  }

  private OffHeapVerifiedTokenCache cache(long size, ToLongFunction<byte[]> hash) {
    return cache(size, hash, 1 << 20);
  }

  private OffHeapVerifiedTokenCache cache(long size, ToLongFunction<byte[]> hash, long capacity) {
    OffHeapVerifiedTokenCache c =
        new OffHeapVerifiedTokenCache(size, Duration.ofMinutes(1), capacity, hash, clock, REBUILD);
    caches.add(c);
    return c;
  }

  private static CachedToken entry(long validUntilMillis) {
    return new CachedToken(
        AuthResult.success(Principal.builder(AuthMethod.JWT, "iss", "put").build()),
        ISSUER,
        KEY,
        validUntilMillis);
  }

  private static CachedToken entry() {
    return entry(Long.MAX_VALUE);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static String subjectOf(CachedToken hit) {
    return hit.result().principal().subject();
  }

  /** Per token text, an entry no other token's shares: its own key and its own valid-until. */
  private final Map<String, CachedToken> tagged = new ConcurrentHashMap<>();

  private final AtomicLong nextValidUntil = new AtomicLong(NOW.toEpochMilli() + 10_000);

  /**
   * The entry to put for token {@code text}, the same on every call: the rebuilt result says only
   * which bytes were presented, so the key and valid-until are what tell which record answered.
   */
  private CachedToken entryOf(String text) {
    return tagged.computeIfAbsent(
        text,
        t ->
            new CachedToken(
                entry().result(),
                ISSUER,
                KeyLoader.load(new OctetSequenceKey.Builder(new byte[32]).keyID(t).build()),
                nextValidUntil.getAndIncrement()));
  }

  /** Whether {@code hit} was answered by the record put for {@code text} with {@link #entryOf}. */
  private boolean answeredBy(CachedToken hit, String text) {
    CachedToken mine = entryOf(text);
    return hit.key() == mine.key()
        && hit.validUntilMillis() == mine.validUntilMillis()
        && subjectOf(hit).equals(text);
  }

  @Test
  void get_tokenPut_returnsEntryRebuiltFromItsBytesWithStoredIssuerKeyAndValidity() {
    OffHeapVerifiedTokenCache cache = cache(10, OffHeapVerifiedTokenCache::slotHash);
    byte[] token = bytes("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln");
    cache.put(token, entry(NOW.toEpochMilli() + 5_000));
    CachedToken hit = cache.get(token.clone());
    assertThat(subjectOf(hit)).isEqualTo(new String(token, StandardCharsets.US_ASCII));
    assertThat(hit.issuer()).isSameAs(ISSUER);
    assertThat(hit.key()).isSameAs(KEY);
    assertThat(hit.validUntilMillis()).isEqualTo(NOW.toEpochMilli() + 5_000);
    assertThat(cache.tokenBytesInUse()).isEqualTo(token.length);
  }

  @Test
  void get_tokensSharingTheHashedTail_eachHitsOnlyItself() {
    OffHeapVerifiedTokenCache cache = cache(10, OffHeapVerifiedTokenCache::slotHash);
    String tail = "t".repeat(OffHeapVerifiedTokenCache.HASH_WINDOW);
    cache.put(bytes("a." + tail), entryOf("a." + tail));
    cache.put(bytes("b." + tail), entryOf("b." + tail));
    assertThat(answeredBy(cache.get(bytes("a." + tail)), "a." + tail)).isTrue();
    assertThat(answeredBy(cache.get(bytes("b." + tail)), "b." + tail)).isTrue();
    assertThat(cache.get(bytes("c." + tail))).isNull();
  }

  @Test
  void get_everyHashColliding_neverReturnsAnotherTokensEntry() {
    OffHeapVerifiedTokenCache cache = cache(10, b -> 42L);
    cache.put(bytes("token-a"), entryOf("token-a"));
    assertThat(cache.get(bytes("token-b"))).isNull();
    assertThat(cache.get(bytes("token-a-longer"))).isNull();
    assertThat(cache.get(bytes("token-A"))).isNull();
    cache.put(bytes("token-b"), entryOf("token-b"));
    assertThat(answeredBy(cache.get(bytes("token-a")), "token-a")).isTrue();
    assertThat(answeredBy(cache.get(bytes("token-b")), "token-b")).isTrue();
  }

  @Test
  void invalidate_token_endsEntryAndReturnsChunkAtOnce() {
    OffHeapVerifiedTokenCache cache = cache(10, OffHeapVerifiedTokenCache::slotHash);
    cache.put(bytes("token-a"), entry());
    cache.invalidate(bytes("token-a"));
    assertThat(cache.get(bytes("token-a"))).isNull();
    assertThat(cache.chunkBytesInUse()).isZero();
    assertThat(cache.estimatedSize()).isZero();
  }

  @Test
  void put_sameTokenTwice_oneEntryOneChunk() {
    OffHeapVerifiedTokenCache cache = cache(10, b -> 42L);
    cache.put(bytes("token-a"), entry());
    cache.put(bytes("token-a"), entry(NOW.toEpochMilli() + 1_000));
    assertThat(cache.estimatedSize()).isEqualTo(1);
    assertThat(cache.chunkBytesInUse()).isEqualTo(64);
    assertThat(cache.get(bytes("token-a")).validUntilMillis())
        .isEqualTo(NOW.toEpochMilli() + 1_000);
  }

  @Test
  void ttlElapsed_entryEndsAndChunkReturns() {
    OffHeapVerifiedTokenCache cache = cache(10, OffHeapVerifiedTokenCache::slotHash);
    cache.put(bytes("token-a"), entry());
    clock.advance(Duration.ofMinutes(1));
    assertThat(cache.get(bytes("token-a"))).isNull();
    assertThat(cache.chunkBytesInUse()).isZero();
  }

  @Test
  void validUntilBeforeTtl_entryEndsThenAndChunkReturns() {
    OffHeapVerifiedTokenCache cache = cache(10, OffHeapVerifiedTokenCache::slotHash);
    cache.put(bytes("token-a"), entry(NOW.toEpochMilli() + 5_000));
    clock.advance(Duration.ofSeconds(4));
    assertThat(cache.get(bytes("token-a"))).isNotNull();
    clock.advance(Duration.ofSeconds(1));
    assertThat(cache.get(bytes("token-a"))).isNull();
    assertThat(cache.chunkBytesInUse()).isZero();
  }

  @Test
  void put_alreadyExpired_notCached() {
    OffHeapVerifiedTokenCache cache = cache(10, OffHeapVerifiedTokenCache::slotHash);
    cache.put(bytes("token-a"), entry(NOW.toEpochMilli()));
    assertThat(cache.estimatedSize()).isZero();
    assertThat(cache.chunkBytesInUse()).isZero();
  }

  @Test
  void fullBucket_putEvictsTheEntryThatEndsFirst() {
    // Everything collides into one bucket of WAYS slots; the bound is far away, so only the
    // bucket is full.
    OffHeapVerifiedTokenCache cache = cache(1000, b -> 42L);
    int ways = OffHeapVerifiedTokenCache.WAYS;
    for (int i = 0; i < ways; i++) {
      // token-3 ends first; the others later in turn.
      long until = NOW.toEpochMilli() + (i == 3 ? 1_000 : 10_000 + i);
      cache.put(bytes("token-" + i), entry(until));
    }
    cache.put(bytes("token-new"), entry());
    assertThat(cache.get(bytes("token-3"))).isNull();
    assertThat(cache.get(bytes("token-new"))).isNotNull();
    for (int i = 0; i < ways; i++) {
      if (i != 3) {
        assertThat(cache.get(bytes("token-" + i))).as("token-" + i).isNotNull();
      }
    }
    assertThat(cache.estimatedSize()).isEqualTo(ways);
    assertThat(cache.chunkBytesInUse()).isEqualTo(ways * 64L);
  }

  @Test
  void manyPuts_sizeStaysWithinBoundAndEveryChunkIsAccounted() {
    OffHeapVerifiedTokenCache cache = cache(100, OffHeapVerifiedTokenCache::slotHash);
    for (int i = 0; i < 1000; i++) {
      cache.put(bytes("token-" + i), entry());
      cache.put(bytes("token-" + i), entry());
    }
    assertThat(cache.estimatedSize()).isBetween(90L, 100L);
    assertThat(cache.chunkBytesInUse()).isEqualTo(cache.estimatedSize() * 64);
    long held = 0;
    for (int i = 0; i < 1000; i++) {
      if (cache.get(bytes("token-" + i)) != null) {
        held++;
      }
    }
    assertThat(held).isEqualTo(cache.estimatedSize());
  }

  @Test
  void fill_asManyTokensAsMaximumSize_keepsNearlyAll() {
    // Two-choice buckets at a load of 0.8: a full bucket pair should be rare, so a population the
    // size of the bound should (nearly) all hit, as it would in Caffeine.
    int n = 100_000;
    OffHeapVerifiedTokenCache cache = cache(n, OffHeapVerifiedTokenCache::slotHash, 16L << 20);
    for (int i = 0; i < n; i++) {
      cache.put(bytes("token-" + i), entry());
    }
    long held = 0;
    for (int i = 0; i < n; i++) {
      if (cache.get(bytes("token-" + i)) != null) {
        held++;
      }
    }
    assertThat(held).isEqualTo(cache.estimatedSize()).isGreaterThanOrEqualTo(n * 995L / 1000);
  }

  @Test
  void put_tokenLongerThanLargestChunk_notCached() {
    OffHeapVerifiedTokenCache cache = cache(10, OffHeapVerifiedTokenCache::slotHash);
    byte[] huge = new byte[OffHeapVerifiedTokenCache.MAX_TOKEN_BYTES + 1];
    cache.put(huge, entry());
    assertThat(cache.get(huge)).isNull();
    assertThat(cache.chunkBytesInUse()).isZero();
  }

  @Test
  void put_poolFull_notCachedAndNothingThrown() {
    // One page of 16 KiB: a single size class fills it, a second class finds no page.
    OffHeapVerifiedTokenCache cache = cache(100, OffHeapVerifiedTokenCache::slotHash, 16_384);
    cache.put(bytes("a".repeat(100)), entry());
    cache.put(bytes("b".repeat(1000)), entry());
    assertThat(cache.get(bytes("a".repeat(100)))).isNotNull();
    assertThat(cache.get(bytes("b".repeat(1000)))).isNull();
  }

  @Test
  void constructor_capacityBelowOneToken_throwsIllegalArgument() {
    assertThatThrownBy(
            () -> new OffHeapVerifiedTokenCache(10, Duration.ofMinutes(1), 1000, REBUILD))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("was 1000");
  }

  @Test
  void pairRegistryWrapped_entriesOfPushedOutPairsMissAndNewOnesHit() {
    OffHeapVerifiedTokenCache cache = cache(10, OffHeapVerifiedTokenCache::slotHash);
    cache.put(bytes("token-old"), entry());
    // As many fresh (issuer, key) pairs as the registry holds: the first pair is pushed out.
    for (int i = 0; i < PairRegistry.DEFAULT_CAPACITY; i++) {
      VerificationKey fresh =
          KeyLoader.load(new OctetSequenceKey.Builder(new byte[32]).keyID("k" + i).build());
      cache.put(bytes("token-x"), new CachedToken(entry().result(), ISSUER, fresh, Long.MAX_VALUE));
    }
    assertThat(cache.get(bytes("token-old"))).isNull();
    assertThat(cache.get(bytes("token-x"))).isNotNull();
  }

  @Test
  void close_returnsEveryChunkAndPageAndLaterCallsAreHarmless() {
    OffHeapVerifiedTokenCache cache = cache(100, OffHeapVerifiedTokenCache::slotHash);
    for (int i = 0; i < 50; i++) {
      cache.put(bytes("token-" + "x".repeat(i * 40) + i), entry());
    }
    assertThat(cache.memoryStats().bytesInUse()).isPositive();
    cache.close();
    assertThat(cache.chunkBytesInUse()).isZero();
    assertThat(cache.memoryStats().bytesInUse()).isZero();
    cache.put(bytes("token-late"), entry());
    assertThat(cache.get(bytes("token-late"))).isNull();
    assertThat(cache.get(bytes("token-1"))).isNull();
  }

  @Test
  void concurrentPutGetInvalidate_collidingTokens_neverAWrongHitAndEveryByteAccounted()
      throws Exception {
    // Everything collides into one bucket, more tokens than slots, of many lengths: puts evict
    // one another, chunks are freed and reused while readers compare them. A reader must only ever
    // get a hit rebuilt from its own token, and no chunk may leak.
    OffHeapVerifiedTokenCache cache = cache(1000, b -> 7L);
    int threads = 4;
    for (int t = 0; t < threads; t++) {
      for (int k = 0; k < 12; k++) {
        entryOf("token-" + t + "-" + k + "-" + "p".repeat(k * 37));
      }
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Long>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        final int id = t;
        futures.add(
            pool.submit(
                () -> {
                  long hits = 0;
                  long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1000);
                  ThreadLocalRandom random = ThreadLocalRandom.current();
                  while (System.nanoTime() < deadline) {
                    int k = random.nextInt(12);
                    String text = "token-" + id + "-" + k + "-" + "p".repeat(k * 37);
                    byte[] token = bytes(text);
                    switch (random.nextInt(3)) {
                      case 0:
                        cache.put(token, entryOf(text));
                        break;
                      case 1:
                        CachedToken got = cache.get(token);
                        if (got != null) {
                          hits++;
                          if (!answeredBy(got, text)) {
                            throw new AssertionError(
                                "thread " + id + " got a hit for another token");
                          }
                        }
                        break;
                      default:
                        cache.invalidate(token);
                    }
                  }
                  return hits;
                }));
      }
      long hits = 0;
      for (Future<Long> f : futures) {
        hits += f.get(30, TimeUnit.SECONDS);
      }
      assertThat(hits).isPositive();
    } finally {
      pool.shutdownNow();
    }
    long expectedChunks = 0;
    long expectedTokens = 0;
    for (int t = 0; t < threads; t++) {
      for (int k = 0; k < 12; k++) {
        byte[] token = bytes("token-" + t + "-" + k + "-" + "p".repeat(k * 37));
        if (cache.get(token) != null) {
          expectedTokens += token.length;
          expectedChunks += ChunkAllocator.chunkSize(token.length);
        }
      }
    }
    assertThat(cache.estimatedSize()).isLessThanOrEqualTo(OffHeapVerifiedTokenCache.WAYS);
    assertThat(cache.tokenBytesInUse()).isEqualTo(expectedTokens);
    assertThat(cache.chunkBytesInUse()).isEqualTo(expectedChunks);
    cache.close();
    assertThat(cache.chunkBytesInUse()).isZero();
    assertThat(cache.memoryStats().bytesInUse()).isZero();
  }

  @Test
  void closeWhileReadersRun_readersNeverFailAndThenMiss() throws Exception {
    // close() empties the slots and returns the pages while gets are in flight: a reader must
    // read only mapped memory (the pages stay mapped until the cache is unreachable) and miss.
    OffHeapVerifiedTokenCache cache = cache(1000, OffHeapVerifiedTokenCache::slotHash);
    for (int i = 0; i < 500; i++) {
      cache.put(bytes("token-" + i), entryOf("token-" + i));
    }
    ExecutorService pool = Executors.newFixedThreadPool(3);
    AtomicBoolean closed = new AtomicBoolean();
    try {
      List<Future<Long>> readers = new ArrayList<>();
      for (int t = 0; t < 3; t++) {
        readers.add(
            pool.submit(
                () -> {
                  long missesAfterClose = 0;
                  long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(600);
                  ThreadLocalRandom random = ThreadLocalRandom.current();
                  while (System.nanoTime() < deadline) {
                    boolean wasClosed = closed.get();
                    String text = "token-" + random.nextInt(500);
                    CachedToken got = cache.get(bytes(text));
                    if (got != null && !answeredBy(got, text)) {
                      throw new AssertionError("a hit for another token");
                    }
                    if (wasClosed) {
                      if (got != null) {
                        throw new AssertionError("a hit after close");
                      }
                      missesAfterClose++;
                    }
                  }
                  return missesAfterClose;
                }));
      }
      Thread.sleep(200);
      cache.close();
      closed.set(true);
      for (Future<Long> f : readers) {
        assertThat(f.get(30, TimeUnit.SECONDS)).isPositive();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(cache.memoryStats().bytesInUse()).isZero();
  }

  @Test
  void concurrentReadersAndWriters_distinctTokens_neverAWrongHit() throws Exception {
    // Real hashing, a small cache under eviction pressure, readers racing writers on shared tokens.
    OffHeapVerifiedTokenCache cache = cache(64, OffHeapVerifiedTokenCache::slotHash);
    int threads = 4;
    for (int i = 0; i < 200; i++) {
      entryOf("shared-token-" + i);
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        futures.add(
            pool.submit(
                () -> {
                  long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(700);
                  ThreadLocalRandom random = ThreadLocalRandom.current();
                  while (System.nanoTime() < deadline) {
                    String text = "shared-token-" + random.nextInt(200);
                    byte[] token = bytes(text);
                    if (random.nextBoolean()) {
                      cache.put(token, entryOf(text));
                    } else {
                      CachedToken got = cache.get(token);
                      if (got != null && !answeredBy(got, text)) {
                        throw new AssertionError("a hit for another token");
                      }
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    // The bound may be passed briefly by puts racing for the last free slots, one per thread.
    assertThat(cache.estimatedSize()).isLessThanOrEqualTo(64 + threads);
    assertThat(cache.chunkBytesInUse()).isEqualTo(cache.estimatedSize() * 64);
  }
}
