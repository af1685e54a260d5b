/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWKSet;
import dev.bulwark.auth.internal.cache.OffHeapVerifiedTokenCache;
import dev.bulwark.auth.internal.cache.VerifiedTokenCache;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The contract on {@link OffHeapVerifiedTokenCache}, and its public setting. A hit is observable:
 * the cache rebuilds the result through the engine, which only a hit does.
 */
class OffHeapVerifiedTokenCacheContractTest extends VerifiedTokenCacheContractTest {
  private final List<OffHeapVerifiedTokenCache> caches = new ArrayList<>();

  /** Results the cache rebuilt since the last answeredFromCache. */
  private final AtomicInteger rebuilt = new AtomicInteger();

  @AfterEach
  void closeCaches() {
    caches.forEach(OffHeapVerifiedTokenCache::close);
  }

  @Override
  VerifiedTokenCache newCache(
      long maximumSize,
      Duration ttl,
      Clock clock,
      ToLongFunction<byte[]> hash,
      VerifiedTokenCache.ResultRebuilder rebuilder) {
    OffHeapVerifiedTokenCache cache =
        new OffHeapVerifiedTokenCache(
            maximumSize,
            ttl,
            1 << 20,
            hash == null ? OffHeapVerifiedTokenCache::slotHash : hash,
            clock,
            (issuer, token) -> {
              AuthResult r = rebuilder.rebuild(issuer, token);
              if (r != null) {
                rebuilt.incrementAndGet();
              }
              return r;
            });
    caches.add(cache);
    return cache;
  }

  @Override
  boolean answeredFromCache(AuthResult first, AuthResult again) {
    return rebuilt.getAndSet(0) > 0 && again.isAuthenticated();
  }

  @Test
  void hit_resultRebuiltFromTheToken_notTheVerifiedObject() {
    AuthEngine e = engine(null).build();
    String t = token(",\"jti\":\"j-1\",\"scope\":\"a b\"");
    AuthResult first = e.authenticate(t);
    assertThat(first.isAuthenticated()).isTrue();
    assertThat(rebuilt).hasValue(0);
    AuthResult hit = e.authenticate(t);
    assertThat(rebuilt).hasValue(1);
    assertThat(hit).isNotSameAs(first);
  }

  private static AuthEngine.Builder publicSettingEngine() {
    return AuthEngine.builder()
        .issuer(
            Issuer.builder(TestTokens.ISS)
                .jwks(new JWKSet(HMAC.publicJwk))
                .audiences(TestTokens.AUD)
                .algorithms("HS256")
                .build());
  }

  @Test
  void publicSetting_tokenCacheOffHeap_secondRequestAnsweredFromCache() {
    AuthEngine e = publicSettingEngine().clock(clock).tokenCacheOffHeap(1 << 20).build();
    String t = token("");
    AuthResult first = e.authenticate(t);
    assertThat(first.isAuthenticated()).isTrue();
    assertThat(e.authenticate(t)).usingRecursiveComparison().isEqualTo(first);
  }

  @Test
  void publicSetting_tokenCacheOffHeapTwice_throwsIllegalState() {
    assertThatThrownBy(
            () -> AuthEngine.builder().tokenCacheOffHeap(1 << 20).tokenCacheOffHeap(1 << 20))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("tokenCacheOffHeap was already set");
  }

  @Test
  void publicSetting_capacityTooSmall_throwsIllegalArgumentNamingTheValue() {
    assertThatThrownBy(() -> AuthEngine.builder().tokenCacheOffHeap(1000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("tokenCacheOffHeap must be between 16384 and 1099511627776 bytes, was 1000");
  }
}
