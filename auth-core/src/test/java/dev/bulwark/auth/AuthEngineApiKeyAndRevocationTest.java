/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.bulwark.auth.store.InMemoryApiKeyStore;
import dev.bulwark.auth.store.InMemoryRevocationStore;
import dev.bulwark.auth.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * API keys and revocations as the engine sees them: schemes, reasons, and the verified-token cache.
 */
class AuthEngineApiKeyAndRevocationTest {
  static final String ISS = "https://id.example.com";
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final Duration DAY = Duration.ofDays(1);

  static RSAKey signingKey;

  final MutableClock clock = new MutableClock(T0);
  final InMemoryApiKeyStore keyStore = new InMemoryApiKeyStore();
  final InMemoryRevocationStore revocations = new InMemoryRevocationStore(clock);
  final ApiKeys apiKeys = ApiKeys.builder().prefix("bk_live").store(keyStore).clock(clock).build();
  final AuthEngine engine =
      AuthEngine.builder()
          .issuer(
              Issuer.builder(ISS)
                  .jwks(new JWKSet(signingKey.toPublicJWK()))
                  .audiences("orders-api")
                  .algorithms("RS256")
                  .build())
          .apiKeys(apiKeys)
          .revocations(revocations)
          .clock(clock)
          .build();

  @BeforeAll
  static void keys() throws Exception {
    signingKey = new RSAKeyGenerator(2048).keyID("k1").generate();
  }

  static String jwt(String subject, String jti, Instant iat) throws Exception {
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(ISS)
            .subject(subject)
            .audience("orders-api")
            .jwtID(jti)
            .issueTime(Date.from(iat))
            .expirationTime(Date.from(iat.plus(Duration.ofHours(1))))
            .build();
    SignedJWT signed =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").type(JOSEObjectType.JWT).build(),
            claims);
    signed.sign(new RSASSASigner(signingKey));
    return signed.serialize();
  }

  static String secretOf(GeneratedApiKey key) {
    return key.plaintext().substring(key.plaintext().lastIndexOf('_') + 1);
  }

  // ---- API keys through the engine ----

  @Test
  void authenticate_apiKeyScheme_acceptsGeneratedKey() {
    GeneratedApiKey key = apiKeys.generate("alice", Set.of("orders:read"), DAY);

    AuthResult result = engine.authenticate("ApiKey " + key.plaintext());

    assertThat(result.isAuthenticated()).isTrue();
    Principal p = result.principal();
    assertThat(p.method()).isEqualTo(AuthMethod.API_KEY);
    assertThat(p.subject()).isEqualTo("alice");
    assertThat(p.issuer()).isEqualTo("bk_live");
    assertThat(p.scopes()).containsExactly("orders:read");
    assertThat(p.credentialId()).contains(key.keyId());
  }

  @Test
  void authenticate_bearerSchemeWithKeyPrefix_acceptsGeneratedKey() {
    GeneratedApiKey key = apiKeys.generate("alice", Set.of(), DAY);

    AuthResult result = engine.authenticate("Bearer " + key.plaintext());

    assertThat(result.isAuthenticated()).isTrue();
    assertThat(result.principal().method()).isEqualTo(AuthMethod.API_KEY);
  }

  @Test
  void authenticate_apiKeyWithWrongSecret_isRefusedAsInvalidApiKey() {
    GeneratedApiKey key = apiKeys.generate("alice", Set.of(), DAY);
    String p = key.plaintext();
    String wrong = p.substring(0, p.length() - 1) + (p.endsWith("a") ? "b" : "a");

    AuthResult result = engine.authenticate("ApiKey " + wrong);

    assertThat(result.isAuthenticated()).isFalse();
    assertThat(result.failureReason()).isEqualTo(FailureReason.INVALID_API_KEY);
  }

  @Test
  void authenticate_apiKeyRevokedInItsStore_isRefusedAsRevoked() {
    GeneratedApiKey key = apiKeys.generate("alice", Set.of(), DAY);
    assertThat(engine.authenticate("ApiKey " + key.plaintext()).isAuthenticated()).isTrue();

    apiKeys.revoke(key.keyId());

    assertThat(engine.authenticate("ApiKey " + key.plaintext()).failureReason())
        .isEqualTo(FailureReason.REVOKED);
  }

  @Test
  void authenticate_apiKeyRevokedInRevocationStore_isRefusedAsRevoked() {
    GeneratedApiKey key = apiKeys.generate("alice", Set.of(), DAY);
    assertThat(engine.authenticate("Bearer " + key.plaintext()).isAuthenticated()).isTrue();

    revocations.revokeApiKey(key.keyId());

    assertThat(engine.authenticate("Bearer " + key.plaintext()).failureReason())
        .isEqualTo(FailureReason.REVOKED);
  }

  @Test
  void authenticate_apiKeyOfRevokedOwner_isRefusedAsRevoked() {
    GeneratedApiKey key = apiKeys.generate("alice", Set.of(), DAY);
    clock.advance(Duration.ofSeconds(1));

    revocations.revokeSubject("alice", clock.instant());

    assertThat(engine.authenticate("ApiKey " + key.plaintext()).failureReason())
        .isEqualTo(FailureReason.REVOKED);
  }

  @Test
  void authenticate_expiredApiKey_isRefusedAsExpired() {
    GeneratedApiKey key = apiKeys.generate("alice", Set.of(), Duration.ofMinutes(10));
    clock.advance(Duration.ofMinutes(10));

    assertThat(engine.authenticate("ApiKey " + key.plaintext()).failureReason())
        .isEqualTo(FailureReason.EXPIRED);
  }

  @Test
  void authenticate_refusedApiKey_neverEchoesTheSecret() {
    GeneratedApiKey key = apiKeys.generate("alice", Set.of(), DAY);
    apiKeys.revoke(key.keyId());

    AuthResult result = engine.authenticate("ApiKey " + key.plaintext());

    assertThat(result.isAuthenticated()).isFalse();
    assertThat(result.detail()).doesNotContain(secretOf(key));
    assertThat(result.wwwAuthenticate()).doesNotContain(secretOf(key));
    assertThat(result.toString()).doesNotContain(secretOf(key));
  }

  @Test
  void authenticate_validJwtUnderApiKeyScheme_isRefusedAsMalformed() throws Exception {
    // The scheme decides the credential type: a JWT presented as an API key is never verified as
    // one.
    String token = jwt("alice", "jti-apikey-scheme", T0);

    AuthResult result = engine.authenticate("ApiKey " + token);

    assertThat(result.isAuthenticated()).isFalse();
    assertThat(result.failureReason()).isEqualTo(FailureReason.MALFORMED);
  }

  // ---- JWT revocation and the verified-token cache ----

  @Test
  void authenticate_cachedJwtRevokedByJti_isRefusedAtOnce() throws Exception {
    String token = jwt("alice", "jti-1", T0);
    assertThat(engine.authenticate("Bearer " + token).isAuthenticated()).isTrue();
    assertThat(engine.authenticate("Bearer " + token).isAuthenticated()).isTrue(); // cached now

    revocations.revokeToken("jti-1", T0.plus(Duration.ofHours(1)));

    assertThat(engine.authenticate("Bearer " + token).failureReason())
        .isEqualTo(FailureReason.REVOKED);
  }

  @Test
  void authenticate_cachedJwtOfRevokedSubject_isRefusedAtOnce() throws Exception {
    String token = jwt("alice", "jti-2", T0);
    assertThat(engine.authenticate("Bearer " + token).isAuthenticated()).isTrue();
    assertThat(engine.authenticate("Bearer " + token).isAuthenticated()).isTrue();

    revocations.revokeSubject("alice", T0.plusSeconds(1));

    assertThat(engine.authenticate("Bearer " + token).failureReason())
        .isEqualTo(FailureReason.REVOKED);
  }

  @Test
  void authenticate_jwtIssuedAfterSubjectRevocation_isAccepted() throws Exception {
    revocations.revokeSubject("alice", T0);
    clock.advance(Duration.ofSeconds(5));

    String token = jwt("alice", "jti-3", T0.plusSeconds(5));

    assertThat(engine.authenticate("Bearer " + token).isAuthenticated()).isTrue();
  }

  @Test
  void authenticate_otherJtiRevoked_cachedJwtStaysAccepted() throws Exception {
    String token = jwt("alice", "jti-4", T0);
    assertThat(engine.authenticate("Bearer " + token).isAuthenticated()).isTrue();

    revocations.revokeToken("jti-5", T0.plus(Duration.ofHours(1)));

    assertThat(engine.authenticate("Bearer " + token).isAuthenticated()).isTrue();
  }

  @Test
  void authenticate_revokedJwtWithinMaximumClockSkewAfterExpiry_isStillRefused() throws Exception {
    // The store keeps a jti until exp + 5 min, the largest skew the engine accepts, so the skew
    // window cannot let a revoked token back in once the store prunes.
    AuthEngine lenient =
        AuthEngine.builder()
            .issuer(
                Issuer.builder(ISS)
                    .jwks(new JWKSet(signingKey.toPublicJWK()))
                    .audiences("orders-api")
                    .algorithms("RS256")
                    .build())
            .revocations(revocations)
            .clockSkew(Duration.ofMinutes(5))
            .clock(clock)
            .build();
    String token = jwt("alice", "jti-6", T0);
    revocations.revokeToken("jti-6", T0.plus(Duration.ofHours(1)));
    clock.set(T0.plus(Duration.ofHours(1)).plus(Duration.ofMinutes(5)).minusSeconds(1));
    revocations.pruneExpired();

    AuthResult result = lenient.authenticate("Bearer " + token);

    assertThat(result.isAuthenticated()).isFalse();
    assertThat(result.failureReason()).isEqualTo(FailureReason.REVOKED);
  }
}
