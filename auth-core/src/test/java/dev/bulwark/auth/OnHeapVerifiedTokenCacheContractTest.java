/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.bulwark.auth.internal.cache.OnHeapVerifiedTokenCache;
import dev.bulwark.auth.internal.cache.VerifiedTokenCache;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Test;

/**
 * The contract on {@link OnHeapVerifiedTokenCache}, the engine's default cache. A hit is
 * observable: the engine answers with the very {@link AuthResult} it cached, while a verification
 * builds a new one.
 */
class OnHeapVerifiedTokenCacheContractTest extends VerifiedTokenCacheContractTest {

  @Override
  VerifiedTokenCache newCache(
      long maximumSize,
      Duration ttl,
      Clock clock,
      ToLongFunction<byte[]> hash,
      VerifiedTokenCache.ResultRebuilder rebuilder) {
    // Caffeine's TTL on the same clock as everything else.
    Ticker ticker = () -> TimeUnit.MILLISECONDS.toNanos(clock.millis());
    return hash == null
        ? new OnHeapVerifiedTokenCache(maximumSize, ttl, ticker)
        : new OnHeapVerifiedTokenCache(maximumSize, ttl, hash, ticker);
  }

  @Override
  boolean answeredFromCache(AuthResult first, AuthResult again) {
    return again == first;
  }

  @Test
  void cacheOff_sameToken_verifiedAgain() {
    AuthEngine e =
        AuthEngine.builder()
            .issuer(
                Issuer.builder(TestTokens.ISS)
                    .jwks(new com.nimbusds.jose.jwk.JWKSet(HMAC.publicJwk))
                    .audiences(TestTokens.AUD)
                    .algorithms("HS256")
                    .build())
            .clock(clock)
            .tokenCacheMaximumSize(0)
            .build();
    String t = token("");
    AuthResult first = e.authenticate(t);
    assertThat(first.isAuthenticated()).isTrue();
    assertThat(e.authenticate(t)).isNotSameAs(first);
  }
}
