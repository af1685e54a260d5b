/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import dev.bulwark.auth.internal.cache.CachedToken;
import dev.bulwark.auth.internal.cache.OnHeapVerifiedTokenCache;
import dev.bulwark.auth.internal.cache.VerifiedTokenCache;
import dev.bulwark.auth.testsupport.MutableClock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The entry {@link AuthEngine} puts in the verified-token cache for a token it accepted. */
class AuthEngineCacheEntryTest {
  private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

  @Test
  void cache_tokenWithLatestAcceptedExp_validUntilDoesNotWrapIntoThePast() {
    TestTokens hmac = TestTokens.hmac("h1");
    AtomicLong cachedValidUntil = new AtomicLong(Long.MIN_VALUE);
    AuthEngine engine =
        AuthEngine.builder()
            .issuer(
                Issuer.builder(TestTokens.ISS)
                    .jwks(new JWKSet(hmac.publicJwk))
                    .audiences(TestTokens.AUD)
                    .algorithms("HS256")
                    .build())
            .clock(new MutableClock(NOW))
            .tokenCache(
                (size, ttl, clock, rebuilder) ->
                    new RecordingCache(new OnHeapVerifiedTokenCache(size, ttl), cachedValidUntil))
            .build();
    // exp just below Long.MAX_VALUE milliseconds once made adding the clock skew overflow; such an
    // exp is now refused (JwtClaimsNumericDateTest), and the latest one accepted, 9999-12-31, must
    // still give an entry that ends in the future.
    String token =
        hmac.mint(
            "{\"iss\":\""
                + TestTokens.ISS
                + "\",\"sub\":\"b\",\"aud\":\""
                + TestTokens.AUD
                + "\",\"exp\":253402300799}");

    assertThat(engine.authenticate("Bearer " + token).isAuthenticated()).isTrue();
    assertThat(cachedValidUntil.get()).isGreaterThan(NOW.toEpochMilli());
  }

  /** Passes everything through and records the validUntil of the last entry put. */
  private static final class RecordingCache implements VerifiedTokenCache {
    private final VerifiedTokenCache delegate;
    private final AtomicLong lastValidUntil;

    RecordingCache(VerifiedTokenCache delegate, AtomicLong lastValidUntil) {
      this.delegate = delegate;
      this.lastValidUntil = lastValidUntil;
    }

    @Override
    public CachedToken get(byte[] token) {
      return delegate.get(token);
    }

    @Override
    public void put(byte[] token, CachedToken entry) {
      lastValidUntil.set(entry.validUntilMillis());
      delegate.put(token, entry);
    }

    @Override
    public void invalidate(byte[] token) {
      delegate.invalidate(token);
    }

    @Override
    public long maximumSize() {
      return delegate.maximumSize();
    }

    @Override
    public long estimatedSize() {
      return delegate.estimatedSize();
    }
  }
}
