/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import dev.bulwark.auth.internal.cache.OnHeapVerifiedTokenCache;
import dev.bulwark.auth.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The verified-token cache as the engine uses it. A hit is observable: the engine answers with the
 * very {@link AuthResult} it cached, while a verification builds a new one.
 */
class TokenCacheTest {
  private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
  private static final long T = NOW.getEpochSecond();
  private static final TestTokens HMAC = TestTokens.hmac("h");

  private final MutableClock clock = new MutableClock(NOW);
  private final MapRevocationStore revocations = new MapRevocationStore();

  private AuthEngine.Builder builder() {
    return AuthEngine.builder()
        .issuer(Issuer.builder(TestTokens.ISS).jwks(new JWKSet(HMAC.publicJwk))
            .audiences(TestTokens.AUD).algorithms("HS256").build())
        .revocations(revocations)
        .clock(clock)
        .clockSkew(Duration.ofSeconds(30));
  }

  private static String token(String extra) {
    return "Bearer " + HMAC.mint("{\"iss\":\"" + TestTokens.ISS + "\",\"sub\":\"alice\",\"aud\":\""
        + TestTokens.AUD + "\",\"iat\":" + T + ",\"exp\":" + (T + 600) + extra + "}");
  }

  @Test
  void secondRequest_sameToken_answeredFromCache() {
    AuthEngine e = builder().build();
    String t = token("");
    AuthResult first = e.authenticate(t);
    assertThat(first.isAuthenticated()).isTrue();
    assertThat(e.authenticate(t)).isSameAs(first);
  }

  @Test
  void cacheOff_sameToken_verifiedAgain() {
    AuthEngine e = builder().tokenCacheMaximumSize(0).build();
    String t = token("");
    assertThat(e.authenticate(t)).isNotSameAs(e.authenticate(t));
  }

  @Test
  void hit_afterExpPlusSkew_refusedAsExpired() {
    AuthEngine e = builder().build();
    String t = token("");
    assertThat(e.authenticate(t).isAuthenticated()).isTrue();
    clock.advance(Duration.ofSeconds(630));
    assertThat(e.authenticate(t).failureReason()).isEqualTo(FailureReason.EXPIRED);
  }

  @Test
  void hit_justBeforeExpPlusSkew_stillAnsweredFromCache() {
    AuthEngine e = builder().tokenCacheTtl(Duration.ofHours(1)).build();
    String t = token("");
    AuthResult first = e.authenticate(t);
    clock.advance(Duration.ofSeconds(630).minusMillis(1));
    assertThat(e.authenticate(t)).isSameAs(first);
  }

  @Test
  void hit_afterCacheTtl_verifiedAgain() {
    AuthEngine e = builder().tokenCacheTtl(Duration.ofSeconds(60)).build();
    String t = token("");
    AuthResult first = e.authenticate(t);
    clock.advance(Duration.ofSeconds(60));
    AuthResult second = e.authenticate(t);
    assertThat(second.isAuthenticated()).isTrue();
    assertThat(second).isNotSameAs(first);
  }

  @Test
  void hit_afterJtiRevoked_refusedAsRevoked() {
    AuthEngine e = builder().build();
    String t = token(",\"jti\":\"j-1\"");
    assertThat(e.authenticate(t).isAuthenticated()).isTrue();
    revocations.revokeToken("j-1", NOW.plusSeconds(600));
    assertThat(e.authenticate(t).failureReason()).isEqualTo(FailureReason.REVOKED);
  }

  @Test
  void hit_afterSubjectRevoked_refusedAsRevoked() {
    AuthEngine e = builder().build();
    String t = token("");
    assertThat(e.authenticate(t).isAuthenticated()).isTrue();
    revocations.revokeSubject("alice", NOW.plusSeconds(1));
    assertThat(e.authenticate(t).failureReason()).isEqualTo(FailureReason.REVOKED);
  }

  @Test
  void differentToken_everySlotColliding_neverHitsAnotherTokensEntry() {
    // Every token lands in slot 0: only the full-token comparison tells them apart.
    AuthEngine e = builder()
        .tokenCache((size, ttl, clock, rebuilder) ->
            new OnHeapVerifiedTokenCache(size, ttl, bytes -> 0L))
        .build();
    String good = token("");
    assertThat(e.authenticate(good).isAuthenticated()).isTrue();
    String forged = good.substring(0, good.lastIndexOf('.') + 1) + TestTokens.b64(new byte[32]);
    assertThat(e.authenticate(forged).failureReason()).isEqualTo(FailureReason.BAD_SIGNATURE);
  }

  @Test
  void differentToken_samePrefix_isAMiss() {
    AuthEngine e = builder().build();
    String good = token("");
    AuthResult first = e.authenticate(good);
    AuthResult other = e.authenticate(good + "=");
    assertThat(other).isNotSameAs(first);
    assertThat(other.isAuthenticated()).isFalse();
  }

  @Test
  void hit_tokenWithACharAbove0xFfSharingTheLowByte_neverHits() {
    // The cache hashes each char's low byte, so this header lands in the good token's slot.
    AuthEngine e = builder().build();
    String good = token("");
    AuthResult first = e.authenticate(good);
    char[] c = good.toCharArray();
    c[c.length - 1] += 0x100;
    AuthResult forged = e.authenticate(new String(c));
    assertThat(forged).isNotSameAs(first);
    assertThat(forged.isAuthenticated()).isFalse();
  }

  @Test
  void hit_subjectRevokedOneNanosecondAfterIat_refusedAsRevoked() {
    // The entry keeps iat as an Instant: a millisecond copy would round this revocation away.
    AuthEngine e = builder().build();
    String t = token("");
    assertThat(e.authenticate(t).isAuthenticated()).isTrue();
    revocations.revokeSubject("alice", NOW.plusNanos(1));
    assertThat(e.authenticate(t).failureReason()).isEqualTo(FailureReason.REVOKED);
  }

  @Test
  void hit_subjectRevokedExactlyAtIat_stillAnsweredFromCache() {
    AuthEngine e = builder().build();
    String t = token("");
    AuthResult first = e.authenticate(t);
    revocations.revokeSubject("alice", NOW);
    assertThat(e.authenticate(t)).isSameAs(first);
  }
}
