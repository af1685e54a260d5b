/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.internal.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.benmanes.caffeine.cache.Ticker;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import dev.bulwark.auth.AuthMethod;
import dev.bulwark.auth.AuthResult;
import dev.bulwark.auth.Principal;
import dev.bulwark.auth.internal.jws.KeyLoader;
import dev.bulwark.auth.internal.jws.VerificationKey;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OffHeapVerifiedTokenCacheTest {
  private static final VerificationKey KEY =
      KeyLoader.load(new OctetSequenceKey.Builder(new byte[32]).keyID("k").build());
  private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

  private final AtomicLong nanos = new AtomicLong();
  private final Ticker ticker = nanos::get;
  private final List<OffHeapVerifiedTokenCache> caches = new ArrayList<>();

  @AfterEach
  void closeCaches() {
    caches.forEach(OffHeapVerifiedTokenCache::close);
  }

  private OffHeapVerifiedTokenCache cache(long size, java.util.function.ToLongFunction<byte[]> hash) {
    OffHeapVerifiedTokenCache c = new OffHeapVerifiedTokenCache(size, Duration.ofMinutes(1), 1 << 20,
        hash, Clock.fixed(NOW, ZoneOffset.UTC), ticker);
    caches.add(c);
    return c;
  }

  private static CachedToken entry(String subject, long validUntilMillis) {
    return new CachedToken(AuthResult.success(Principal.builder(AuthMethod.JWT, "iss", subject)
        .build()), "issuer", KEY, validUntilMillis);
  }

  private static CachedToken entry(String subject) {
    return entry(subject, Long.MAX_VALUE);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void get_tokenPut_returnsItsEntryFromOffHeapBytes() {
    OffHeapVerifiedTokenCache cache = cache(10, dev.bulwark.simd.KeyedHash::hash);
    CachedToken e = entry("a");
    byte[] token = bytes("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln");
    cache.put(token, e);
    assertThat(cache.get(token.clone())).isSameAs(e);
    assertThat(cache.memoryStats().bytesRequested()).isEqualTo(token.length);
  }

  @Test
  void get_everyHashColliding_neverReturnsAnotherTokensEntry() {
    OffHeapVerifiedTokenCache cache = cache(10, b -> 42L);
    CachedToken a = entry("a");
    cache.put(bytes("token-a"), a);
    assertThat(cache.get(bytes("token-b"))).isNull();
    assertThat(cache.get(bytes("token-a-longer"))).isNull();
    assertThat(cache.get(bytes("token-A"))).isNull();
    CachedToken b = entry("b");
    cache.put(bytes("token-b"), b);
    assertThat(cache.get(bytes("token-a"))).isNull();
    assertThat(cache.get(bytes("token-b"))).isSameAs(b);
  }

  @Test
  void invalidate_collidingDifferentToken_keepsEntry() {
    OffHeapVerifiedTokenCache cache = cache(10, b -> 42L);
    CachedToken a = entry("a");
    cache.put(bytes("token-a"), a);
    cache.invalidate(bytes("token-b"));
    assertThat(cache.get(bytes("token-a"))).isSameAs(a);
  }

  @Test
  void invalidate_token_endsEntryAndReturnsMemoryToPool() {
    OffHeapVerifiedTokenCache cache = cache(10, dev.bulwark.simd.KeyedHash::hash);
    cache.put(bytes("token-a"), entry("a"));
    cache.invalidate(bytes("token-a"));
    assertThat(cache.get(bytes("token-a"))).isNull();
    assertThat(cache.memoryStats().bytesInUse()).isZero();
  }

  @Test
  void ttlElapsed_entryEndsAndMemoryReturns() {
    OffHeapVerifiedTokenCache cache = cache(10, dev.bulwark.simd.KeyedHash::hash);
    cache.put(bytes("token-a"), entry("a"));
    nanos.addAndGet(TimeUnit.MINUTES.toNanos(1));
    assertThat(cache.get(bytes("token-a"))).isNull();
    assertThat(cache.memoryStats().bytesInUse()).isZero();
  }

  @Test
  void validUntilBeforeTtl_entryEndsThenAndMemoryReturns() {
    OffHeapVerifiedTokenCache cache = cache(10, dev.bulwark.simd.KeyedHash::hash);
    cache.put(bytes("token-a"), entry("a", NOW.toEpochMilli() + 5_000));
    nanos.addAndGet(TimeUnit.SECONDS.toNanos(4));
    assertThat(cache.get(bytes("token-a"))).isNotNull();
    nanos.addAndGet(TimeUnit.SECONDS.toNanos(1));
    assertThat(cache.get(bytes("token-a"))).isNull();
    assertThat(cache.memoryStats().bytesInUse()).isZero();
  }

  @Test
  void replacedAndEvictedEntries_returnTheirMemory() {
    OffHeapVerifiedTokenCache cache = cache(100, dev.bulwark.simd.KeyedHash::hash);
    for (int i = 0; i < 1000; i++) {
      cache.put(bytes("token-" + i), entry("s" + i));
      cache.put(bytes("token-" + i), entry("s" + i));
    }
    assertThat(cache.estimatedSize()).isLessThanOrEqualTo(100);
    assertThat(cache.memoryStats().bytesInUse()).isEqualTo(cache.estimatedSize() * 128);
  }

  @Test
  void put_tokenLongerThanLargestBlock_notCached() {
    OffHeapVerifiedTokenCache cache = cache(10, dev.bulwark.simd.KeyedHash::hash);
    byte[] huge = new byte[OffHeapVerifiedTokenCache.MAX_TOKEN_BYTES + 1];
    cache.put(huge, entry("a"));
    assertThat(cache.get(huge)).isNull();
    assertThat(cache.memoryStats().bytesInUse()).isZero();
  }

  @Test
  void constructor_capacityBelowOneToken_throwsIllegalArgument() {
    assertThatThrownBy(() -> new OffHeapVerifiedTokenCache(10, Duration.ofMinutes(1), 1000))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("was 1000");
  }

  @Test
  void concurrentPutGetInvalidateOnOneSlot_neverAWrongEntryAndNoMemoryLost() throws Exception {
    // Everything collides, so puts, reads and invalidations race on one node while blocks are
    // released and reused; a reader must still only ever see its own token's entry.
    OffHeapVerifiedTokenCache cache = cache(1000, b -> 7L);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        final int id = t;
        futures.add(pool.submit(() -> {
          byte[] token = bytes("token-of-thread-" + id);
          CachedToken mine = entry("t" + id);
          long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1000);
          while (System.nanoTime() < deadline) {
            cache.put(token, mine);
            CachedToken got = cache.get(token);
            if (got != null && got != mine) {
              throw new AssertionError("thread " + id + " got another token's entry");
            }
            if ((System.nanoTime() & 3) == 0) {
              cache.invalidate(token);
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
    assertThat(cache.memoryStats().bytesInUse()).isEqualTo(cache.estimatedSize() * 128);
  }
}
