/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.internal.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.auth.AuthMethod;
import dev.bulwark.auth.AuthResult;
import dev.bulwark.auth.Principal;
import dev.bulwark.auth.internal.jws.KeyLoader;
import dev.bulwark.auth.internal.jws.VerificationKey;
import dev.bulwark.auth.testsupport.Concurrently;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OnHeapVerifiedTokenCacheTest {
  private static final VerificationKey KEY =
      KeyLoader.load(new OctetSequenceKey.Builder(new byte[32]).keyID("k").build());

  private static CachedToken entry(String subject) {
    return new CachedToken(AuthResult.success(Principal.builder(AuthMethod.JWT, "iss", subject)
        .build()), "issuer", KEY, Long.MAX_VALUE);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

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
  void seededHash_differentSeeds_differ() {
    byte[] t = bytes("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhIn0.sig");
    assertThat(OnHeapVerifiedTokenCache.seededHash(1).applyAsLong(t))
        .isNotEqualTo(OnHeapVerifiedTokenCache.seededHash(2).applyAsLong(t));
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
}
