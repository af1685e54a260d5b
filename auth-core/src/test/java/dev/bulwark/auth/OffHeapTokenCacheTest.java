/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import dev.bulwark.auth.internal.cache.OffHeapVerifiedTokenCache;
import dev.bulwark.auth.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The off-heap verified-token cache as the engine uses it. */
class OffHeapTokenCacheTest {
  private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
  private static final long T = NOW.getEpochSecond();
  private static final TestTokens HMAC = TestTokens.hmac("h");

  private final MutableClock clock = new MutableClock(NOW);
  private final MapRevocationStore revocations = new MapRevocationStore();
  /** How many hits the cache rebuilt: a hit is the only way to a rebuild. */
  private final AtomicInteger rebuilds = new AtomicInteger();

  private AuthEngine.Builder builder(boolean everyHashCollides) {
    return AuthEngine.builder()
        .issuer(Issuer.builder(TestTokens.ISS).jwks(new JWKSet(HMAC.publicJwk))
            .audiences(TestTokens.AUD).algorithms("HS256").build())
        .revocations(revocations)
        .clock(clock)
        .clockSkew(Duration.ofSeconds(30))
        // The cache must read the engine's clock: validUntilMillis is in the engine's time.
        .tokenCache((size, ttl, engineClock, rebuilder) -> new OffHeapVerifiedTokenCache(size, ttl,
            1 << 20, everyHashCollides ? bytes -> 0L : OffHeapVerifiedTokenCache::slotHash,
            engineClock,
            (issuer, token) -> {
              rebuilds.incrementAndGet();
              return rebuilder.rebuild(issuer, token);
            }));
  }

  private static String token(String extra) {
    return "Bearer " + HMAC.mint("{\"iss\":\"" + TestTokens.ISS + "\",\"sub\":\"alice\",\"aud\":\""
        + TestTokens.AUD + "\",\"iat\":" + T + ",\"exp\":" + (T + 600) + extra + "}");
  }

  @Test
  void secondRequest_sameToken_answeredFromOffHeapCache() {
    AuthEngine e = builder(false).build();
    String t = token(",\"jti\":\"j-1\",\"scope\":\"a b\"");
    assertThat(e.authenticate(t).isAuthenticated()).isTrue();
    assertThat(rebuilds).hasValue(0);
    assertThat(e.authenticate(t).isAuthenticated()).isTrue();
    assertThat(rebuilds).hasValue(1);
  }

  @Test
  void hit_rebuiltPrincipal_equalsTheVerifiedOne() {
    AuthEngine e = builder(false).build();
    String t = token(",\"jti\":\"j-1\",\"scope\":\"a b\",\"roles\":[\"r\"],\"x\":{\"y\":[1,2.5,null]}");
    AuthResult first = e.authenticate(t);
    AuthResult hit = e.authenticate(t);
    assertThat(rebuilds).hasValue(1);
    assertThat(hit).isNotSameAs(first);
    assertThat(hit).usingRecursiveComparison().isEqualTo(first);
  }

  @Test
  void publicSetting_tokenCacheOffHeap_secondRequestAnsweredFromCache() {
    AuthEngine e = AuthEngine.builder()
        .issuer(Issuer.builder(TestTokens.ISS).jwks(new JWKSet(HMAC.publicJwk))
            .audiences(TestTokens.AUD).algorithms("HS256").build())
        .clock(clock)
        .tokenCacheOffHeap(1 << 20)
        .build();
    String t = token("");
    AuthResult first = e.authenticate(t);
    assertThat(first.isAuthenticated()).isTrue();
    assertThat(e.authenticate(t)).usingRecursiveComparison().isEqualTo(first);
  }

  @Test
  void publicSetting_tokenCacheOffHeapTwice_throwsIllegalState() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> AuthEngine.builder()
            .tokenCacheOffHeap(1 << 20).tokenCacheOffHeap(1 << 20))
        .isInstanceOf(IllegalStateException.class).hasMessage("tokenCacheOffHeap was already set");
  }

  @Test
  void publicSetting_capacityTooSmall_throwsIllegalArgumentNamingTheValue() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> AuthEngine.builder().tokenCacheOffHeap(1000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("tokenCacheOffHeap must be between 16384 and 1099511627776 bytes, was 1000");
  }

  @Test
  void forgedToken_everyHashColliding_verifiedInFullAndRefused() {
    AuthEngine e = builder(true).build();
    String good = token("");
    assertThat(e.authenticate(good).isAuthenticated()).isTrue();
    String forged = good.substring(0, good.lastIndexOf('.') + 1) + TestTokens.b64(new byte[32]);
    assertThat(e.authenticate(forged).failureReason()).isEqualTo(FailureReason.BAD_SIGNATURE);
  }

  @Test
  void hit_afterJtiRevoked_refusedAsRevoked() {
    AuthEngine e = builder(false).build();
    String t = token(",\"jti\":\"j-1\"");
    assertThat(e.authenticate(t).isAuthenticated()).isTrue();
    revocations.revokeToken("j-1", NOW.plusSeconds(600));
    assertThat(e.authenticate(t).failureReason()).isEqualTo(FailureReason.REVOKED);
  }

  @Test
  void hit_afterSubjectRevoked_refusedAsRevoked() {
    AuthEngine e = builder(false).build();
    String t = token("");
    assertThat(e.authenticate(t).isAuthenticated()).isTrue();
    revocations.revokeSubject("alice", NOW.plusSeconds(1));
    assertThat(e.authenticate(t).failureReason()).isEqualTo(FailureReason.REVOKED);
  }

  @Test
  void hit_afterExpPlusSkew_refusedAsExpired() {
    AuthEngine e = builder(false).build();
    String t = token("");
    assertThat(e.authenticate(t).isAuthenticated()).isTrue();
    clock.advance(Duration.ofSeconds(630));
    assertThat(e.authenticate(t).failureReason()).isEqualTo(FailureReason.EXPIRED);
  }
}
