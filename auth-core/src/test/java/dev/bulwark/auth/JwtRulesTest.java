/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import dev.bulwark.auth.testsupport.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** One rule of JWT verification per test, through {@link AuthEngine#authenticate}, uncached. */
class JwtRulesTest {
  private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
  private static final long T = NOW.getEpochSecond();
  private static final TestTokens RSA = TestTokens.rsa("rsa-1");
  private static final TestTokens EC = TestTokens.ec("ec-1");
  private static final TestTokens HMAC = TestTokens.hmac("hmac-1");

  private final MutableClock clock = new MutableClock(NOW);

  private AuthEngine engine(TestTokens keys, UnaryOperator<Issuer.Builder> issuer) {
    return AuthEngine.builder()
        .issuer(
            issuer
                .apply(
                    Issuer.builder(TestTokens.ISS)
                        .jwks(new JWKSet(keys.publicJwk))
                        .audiences(TestTokens.AUD)
                        .algorithms(keys.alg))
                .build())
        .clock(clock)
        .clockSkew(Duration.ofSeconds(30))
        .tokenCacheMaximumSize(0)
        .realm("orders")
        .build();
  }

  private AuthEngine engine(TestTokens keys) {
    return engine(keys, b -> b);
  }

  private static String claims(String extra) {
    return "{\"iss\":\""
        + TestTokens.ISS
        + "\",\"sub\":\"alice\",\"aud\":\""
        + TestTokens.AUD
        + "\""
        + extra
        + "}";
  }

  private static FailureReason reason(AuthResult r) {
    assertThat(r.isAuthenticated()).as("expected a refusal").isFalse();
    return r.failureReason();
  }

  @Test
  void exp_missing_refusedAsExpired() {
    assertThat(reason(engine(RSA).authenticate("Bearer " + RSA.mint(claims("")))))
        .isEqualTo(FailureReason.EXPIRED);
  }

  @Test
  void exp_missingWhenNotRequired_authenticates() {
    AuthEngine e = engine(RSA, b -> b.requireExpiry(false));
    assertThat(e.authenticate("Bearer " + RSA.mint(claims(""))).isAuthenticated()).isTrue();
  }

  @Test
  void exp_oneMillisecondBeforeExpPlusSkew_authenticates() {
    String token = HMAC.mint(claims(",\"exp\":" + T));
    clock.set(NOW.plusSeconds(30).minusMillis(1));
    assertThat(engine(HMAC).authenticate("Bearer " + token).isAuthenticated()).isTrue();
  }

  @Test
  void exp_atExactlyExpPlusSkew_refusedAsExpired() {
    String token = HMAC.mint(claims(",\"exp\":" + T));
    clock.set(NOW.plusSeconds(30));
    assertThat(reason(engine(HMAC).authenticate("Bearer " + token)))
        .isEqualTo(FailureReason.EXPIRED);
  }

  @Test
  void exp_notANumber_refusedAsMalformed() {
    assertThat(
            reason(engine(HMAC).authenticate("Bearer " + HMAC.mint(claims(",\"exp\":\"soon\"")))))
        .isEqualTo(FailureReason.MALFORMED);
  }

  @Test
  void nbf_exactlyNowPlusSkew_authenticates() {
    String token = HMAC.mint(claims(",\"exp\":" + (T + 600) + ",\"nbf\":" + (T + 30)));
    assertThat(engine(HMAC).authenticate("Bearer " + token).isAuthenticated()).isTrue();
  }

  @Test
  void nbf_beyondSkew_refusedAsNotYetValid() {
    String token = HMAC.mint(claims(",\"exp\":" + (T + 600) + ",\"nbf\":" + (T + 31)));
    assertThat(reason(engine(HMAC).authenticate("Bearer " + token)))
        .isEqualTo(FailureReason.NOT_YET_VALID);
  }

  @Test
  void iat_inTheFutureBeyondSkew_refusedAsNotYetValid() {
    String token = HMAC.mint(claims(",\"exp\":" + (T + 600) + ",\"iat\":" + (T + 31)));
    assertThat(reason(engine(HMAC).authenticate("Bearer " + token)))
        .isEqualTo(FailureReason.NOT_YET_VALID);
  }

  @Test
  void aud_notConfigured_refusedAsWrongAudience() {
    String token =
        HMAC.mint(
            "{\"iss\":\""
                + TestTokens.ISS
                + "\",\"sub\":\"a\",\"aud\":\"other\","
                + "\"exp\":"
                + (T + 60)
                + "}");
    assertThat(reason(engine(HMAC).authenticate("Bearer " + token)))
        .isEqualTo(FailureReason.WRONG_AUDIENCE);
  }

  @Test
  void aud_arrayContainingConfigured_authenticates() {
    String token =
        HMAC.mint(
            "{\"iss\":\""
                + TestTokens.ISS
                + "\",\"sub\":\"a\",\"aud\":[\"x\",\""
                + TestTokens.AUD
                + "\"],\"exp\":"
                + (T + 60)
                + "}");
    AuthResult r = engine(HMAC).authenticate("Bearer " + token);
    assertThat(r.principal().audiences()).containsExactlyInAnyOrder("x", TestTokens.AUD);
  }

  @Test
  void aud_missing_refusedAsWrongAudience() {
    String token =
        HMAC.mint("{\"iss\":\"" + TestTokens.ISS + "\",\"sub\":\"a\",\"exp\":" + (T + 60) + "}");
    assertThat(reason(engine(HMAC).authenticate("Bearer " + token)))
        .isEqualTo(FailureReason.WRONG_AUDIENCE);
  }

  @Test
  void iss_notConfigured_refusedAsUnknownIssuer() {
    String token =
        HMAC.mint(
            "{\"iss\":\"https://evil.example\",\"sub\":\"a\",\"aud\":\""
                + TestTokens.AUD
                + "\",\"exp\":"
                + (T + 60)
                + "}");
    assertThat(reason(engine(HMAC).authenticate("Bearer " + token)))
        .isEqualTo(FailureReason.UNKNOWN_ISSUER);
  }

  @Test
  void iss_routesToItsOwnKeysOnly_tokenSignedByOtherIssuersKeyRefused() {
    AuthEngine e =
        AuthEngine.builder()
            .issuer(
                Issuer.builder(TestTokens.ISS)
                    .jwks(new JWKSet(RSA.publicJwk))
                    .audiences(TestTokens.AUD)
                    .algorithms("RS256", "ES256")
                    .build())
            .issuer(
                Issuer.builder("https://other.example")
                    .jwks(new JWKSet(EC.publicJwk))
                    .audiences(TestTokens.AUD)
                    .algorithms("ES256")
                    .build())
            .clock(clock)
            .tokenCacheMaximumSize(0)
            .build();
    // Signed with the other issuer's EC key, but claiming TestTokens.ISS.
    String token = EC.mint(TestTokens.claims(T));
    assertThat(reason(e.authenticate("Bearer " + token))).isEqualTo(FailureReason.UNKNOWN_KEY);
  }

  @Test
  void typ_requiredAndGivenWithApplicationPrefixInUpperCase_authenticates() {
    String token =
        HMAC.mint("{\"alg\":\"HS256\",\"typ\":\"application/AT+JWT\"}", TestTokens.claims(T));
    assertThat(
            engine(HMAC, b -> b.type("at+jwt")).authenticate("Bearer " + token).isAuthenticated())
        .isTrue();
  }

  @Test
  void typ_requiredButDifferent_refusedAsWrongType() {
    String token = HMAC.mint("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", TestTokens.claims(T));
    assertThat(reason(engine(HMAC, b -> b.type("at+jwt")).authenticate("Bearer " + token)))
        .isEqualTo(FailureReason.WRONG_TYPE);
  }

  @Test
  void typ_requiredButMissing_refusedAsWrongType() {
    String token = HMAC.mint("{\"alg\":\"HS256\"}", TestTokens.claims(T));
    assertThat(reason(engine(HMAC, b -> b.type("at+jwt")).authenticate("Bearer " + token)))
        .isEqualTo(FailureReason.WRONG_TYPE);
  }

  @Test
  void requiredClaim_missing_refusedAsMissingClaim() {
    assertThat(
            reason(
                engine(HMAC, b -> b.requiredClaims("tenant"))
                    .authenticate("Bearer " + HMAC.mint(TestTokens.claims(T)))))
        .isEqualTo(FailureReason.MISSING_CLAIM);
  }

  @Test
  void sub_missing_refusedAsMissingClaim() {
    String token =
        HMAC.mint(
            "{\"iss\":\""
                + TestTokens.ISS
                + "\",\"aud\":\""
                + TestTokens.AUD
                + "\",\"exp\":"
                + (T + 60)
                + "}");
    assertThat(reason(engine(HMAC).authenticate("Bearer " + token)))
        .isEqualTo(FailureReason.MISSING_CLAIM);
  }

  @Test
  void scp_array_becomesScopes() {
    String token = HMAC.mint(claims(",\"exp\":" + (T + 60) + ",\"scp\":[\"a\",\"b\"]"));
    assertThat(engine(HMAC).authenticate("Bearer " + token).principal().scopes())
        .containsExactlyInAnyOrder("a", "b");
  }

  @Test
  void rolesClaim_dottedPath_readsNestedRoles() {
    String token =
        HMAC.mint(
            claims(",\"exp\":" + (T + 60) + ",\"realm_access\":{\"roles\":[\"admin\",\"ops\"]}"));
    assertThat(
            engine(HMAC, b -> b.rolesClaim("realm_access.roles"))
                .authenticate("Bearer " + token)
                .principal()
                .roles())
        .containsExactlyInAnyOrder("admin", "ops");
  }

  @Test
  @SuppressWarnings("unchecked")
  void claims_nestedMap_isUnmodifiable() {
    String token = HMAC.mint(claims(",\"exp\":" + (T + 60) + ",\"ext\":{\"list\":[1,2.5]}"));
    Map<String, Object> claims = engine(HMAC).authenticate("Bearer " + token).principal().claims();
    Map<String, Object> ext = (Map<String, Object>) claims.get("ext");
    List<Object> list = (List<Object>) ext.get("list");
    assertThat(list).containsExactly(1L, 2.5d);
    assertThatThrownBy(() -> list.add(3L)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> ext.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> claims.clear()).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void alg_none_refusedAsDisallowedAlgorithm() {
    String token =
        TestTokens.b64("{\"alg\":\"none\"}") + "." + TestTokens.b64(TestTokens.claims(T)) + ".";
    assertThat(reason(engine(HMAC).authenticate("Bearer " + token)))
        .isEqualTo(FailureReason.DISALLOWED_ALGORITHM);
  }

  @Test
  void alg_hs256SignedWithIssuersRsaPublicKey_refusedAsDisallowedAlgorithm() {
    // The classic confusion: the attacker MACs with the RSA public key's bytes.
    TestTokens confused =
        new TestTokensView(RSA.publicJwk.toJSONString().getBytes(StandardCharsets.UTF_8)).tokens;
    String token = confused.mint("{\"alg\":\"HS256\",\"kid\":\"rsa-1\"}", TestTokens.claims(T));
    assertThat(reason(engine(RSA, b -> b).authenticate("Bearer " + token)))
        .isEqualTo(FailureReason.DISALLOWED_ALGORITHM);
  }

  @Test
  void alg_notOnAllowList_refusedAsDisallowedAlgorithm() {
    String token = EC.mint(TestTokens.claims(T));
    AuthEngine e =
        AuthEngine.builder()
            .issuer(
                Issuer.builder(TestTokens.ISS)
                    .jwks(new JWKSet(RSA.publicJwk))
                    .audiences(TestTokens.AUD)
                    .algorithms("RS256")
                    .build())
            .clock(clock)
            .tokenCacheMaximumSize(0)
            .build();
    assertThat(reason(e.authenticate("Bearer " + token)))
        .isEqualTo(FailureReason.DISALLOWED_ALGORITHM);
  }

  @Test
  void kid_unknown_refusedAsUnknownKey() {
    String token =
        RSA.mint("{\"alg\":\"RS256\",\"kid\":\"../../etc/passwd\"}", TestTokens.claims(T));
    assertThat(reason(engine(RSA).authenticate("Bearer " + token)))
        .isEqualTo(FailureReason.UNKNOWN_KEY);
  }

  @Test
  void kid_absent_triesTheIssuersFittingKeys() {
    String token = RSA.mint("{\"alg\":\"RS256\"}", TestTokens.claims(T));
    assertThat(engine(RSA).authenticate("Bearer " + token).isAuthenticated()).isTrue();
  }

  @Test
  void crit_anyEntry_refusedAsUnsupportedHeader() {
    String token =
        HMAC.mint("{\"alg\":\"HS256\",\"crit\":[\"exp\"],\"exp\":1}", TestTokens.claims(T));
    assertThat(reason(engine(HMAC).authenticate("Bearer " + token)))
        .isEqualTo(FailureReason.UNSUPPORTED_HEADER);
  }

  @Test
  void b64_inHeader_refusedAsUnsupportedHeader() {
    String token = HMAC.mint("{\"alg\":\"HS256\",\"b64\":false}", TestTokens.claims(T));
    assertThat(reason(engine(HMAC).authenticate("Bearer " + token)))
        .isEqualTo(FailureReason.UNSUPPORTED_HEADER);
  }

  @Test
  void cty_jwt_refusedAsUnsupportedHeader() {
    String token = HMAC.mint("{\"alg\":\"HS256\",\"cty\":\"jwt\"}", TestTokens.claims(T));
    assertThat(reason(engine(HMAC).authenticate("Bearer " + token)))
        .isEqualTo(FailureReason.UNSUPPORTED_HEADER);
  }

  @Test
  void jwe_fiveSegments_refusedAsMalformed() {
    assertThat(reason(engine(HMAC).authenticate("Bearer eyJhbGciOiJSU0EtT0FFUCJ9.a.b.c.d")))
        .isEqualTo(FailureReason.MALFORMED);
  }

  @Test
  void trailingPaddingAfterSignature_refusedAsMalformed() {
    assertThat(reason(engine(HMAC).authenticate("Bearer " + HMAC.mint(TestTokens.claims(T)) + "=")))
        .isEqualTo(FailureReason.MALFORMED);
  }

  @Test
  void nonCanonicalBase64InSignature_refusedAsMalformed() {
    String token = HMAC.mint(TestTokens.claims(T));
    // 32-byte MAC: 43 characters, the last carries 2 unused bits; set one of them.
    char last = token.charAt(token.length() - 1);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    char changed = alphabet.charAt(alphabet.indexOf(last) | 1);
    String mutated = token.substring(0, token.length() - 1) + changed;
    assertThat(mutated).isNotEqualTo(token);
    assertThat(reason(engine(HMAC).authenticate("Bearer " + mutated)))
        .isEqualTo(FailureReason.MALFORMED);
  }

  @Test
  void duplicateClaimName_refusedAsMalformed() {
    String token = HMAC.mint(claims(",\"exp\":" + (T + 60) + ",\"sub\":\"admin\""));
    assertThat(reason(engine(HMAC).authenticate("Bearer " + token)))
        .isEqualTo(FailureReason.MALFORMED);
  }

  @Test
  void duplicateHeaderName_refusedAsMalformed() {
    String token = HMAC.mint("{\"alg\":\"HS256\",\"alg\":\"none\"}", TestTokens.claims(T));
    assertThat(reason(engine(HMAC).authenticate("Bearer " + token)))
        .isEqualTo(FailureReason.MALFORMED);
  }

  @Test
  void claimsNestedDeeperThanLimit_refusedAsTooLarge() {
    String deep = "[".repeat(20) + "]".repeat(20);
    String token = HMAC.mint(claims(",\"exp\":" + (T + 60) + ",\"x\":" + deep));
    assertThat(reason(engine(HMAC).authenticate("Bearer " + token)))
        .isEqualTo(FailureReason.TOO_LARGE);
  }

  @Test
  void tokenLongerThanLimit_refusedAsTooLarge() {
    String token =
        HMAC.mint(claims(",\"exp\":" + (T + 60) + ",\"pad\":\"" + "x".repeat(9000) + "\""));
    assertThat(reason(engine(HMAC).authenticate("Bearer " + token)))
        .isEqualTo(FailureReason.TOO_LARGE);
  }

  @Test
  void es256_zeroSignature_refusedAsBadSignature() {
    String token = EC.mint(TestTokens.claims(T));
    String zero = token.substring(0, token.lastIndexOf('.') + 1) + TestTokens.b64(new byte[64]);
    assertThat(reason(engine(EC).authenticate("Bearer " + zero)))
        .isEqualTo(FailureReason.BAD_SIGNATURE);
  }

  @Test
  void es256_derEncodedSignature_refusedAsBadSignature() throws Exception {
    String token = EC.mint(TestTokens.claims(T));
    String input = token.substring(0, token.lastIndexOf('.'));
    java.security.Signature der = java.security.Signature.getInstance("SHA256withECDSA");
    der.initSign(EC.privateKey);
    der.update(input.getBytes(StandardCharsets.US_ASCII));
    String derToken = input + "." + TestTokens.b64(der.sign());
    assertThat(reason(engine(EC).authenticate("Bearer " + derToken)))
        .isEqualTo(FailureReason.BAD_SIGNATURE);
  }

  @Test
  void revokedJti_refusedAsRevoked() {
    MapRevocationStore store = new MapRevocationStore();
    store.revokeToken("t-1", NOW.plusSeconds(60));
    AuthEngine e =
        AuthEngine.builder()
            .issuer(
                Issuer.builder(TestTokens.ISS)
                    .jwks(new JWKSet(HMAC.publicJwk))
                    .audiences(TestTokens.AUD)
                    .algorithms("HS256")
                    .build())
            .revocations(store)
            .clock(clock)
            .tokenCacheMaximumSize(0)
            .build();
    String token = HMAC.mint(claims(",\"exp\":" + (T + 60) + ",\"jti\":\"t-1\""));
    assertThat(reason(e.authenticate("Bearer " + token))).isEqualTo(FailureReason.REVOKED);
  }

  @Test
  void subjectRevokedAfterIssue_refusedAsRevoked() {
    MapRevocationStore store = new MapRevocationStore();
    store.revokeSubject("alice", NOW);
    AuthEngine e =
        AuthEngine.builder()
            .issuer(
                Issuer.builder(TestTokens.ISS)
                    .jwks(new JWKSet(HMAC.publicJwk))
                    .audiences(TestTokens.AUD)
                    .algorithms("HS256")
                    .build())
            .revocations(store)
            .clock(clock)
            .tokenCacheMaximumSize(0)
            .build();
    String token = HMAC.mint(claims(",\"exp\":" + (T + 60) + ",\"iat\":" + (T - 1)));
    assertThat(reason(e.authenticate("Bearer " + token))).isEqualTo(FailureReason.REVOKED);
  }

  @Test
  void subjectRevokedBeforeIssue_authenticates() {
    MapRevocationStore store = new MapRevocationStore();
    store.revokeSubject("alice", NOW.minusSeconds(10));
    AuthEngine e =
        AuthEngine.builder()
            .issuer(
                Issuer.builder(TestTokens.ISS)
                    .jwks(new JWKSet(HMAC.publicJwk))
                    .audiences(TestTokens.AUD)
                    .algorithms("HS256")
                    .build())
            .revocations(store)
            .clock(clock)
            .tokenCacheMaximumSize(0)
            .build();
    String token = HMAC.mint(claims(",\"exp\":" + (T + 60) + ",\"iat\":" + T));
    assertThat(e.authenticate("Bearer " + token).isAuthenticated()).isTrue();
  }

  /** Wraps arbitrary bytes as an HMAC "key" for the confusion attack. */
  private static final class TestTokensView {
    final TestTokens tokens;

    TestTokensView(byte[] secret) {
      this.tokens = TestTokens.hmacWithSecret("rsa-1", secret);
    }
  }

  private static String withSignature(String token, byte[] signature) {
    return token.substring(0, token.lastIndexOf('.') + 1) + TestTokens.b64(signature);
  }

  @Test
  void eddsa_hostileSignatureThenValidTokenOnSameThread_validTokenAccepted() {
    TestTokens ed = TestTokens.ed25519("e1");
    AuthEngine engine = engine(ed);
    String valid = ed.mint(TestTokens.claims(NOW.getEpochSecond()));
    byte[] notAPoint = new byte[64];
    Arrays.fill(notAPoint, (byte) 0xFF);

    AuthResult hostile = engine.authenticate("Bearer " + withSignature(valid, notAPoint));
    AuthResult next = engine.authenticate("Bearer " + valid);

    assertThat(hostile.isAuthenticated()).isFalse();
    assertThat(next.isAuthenticated()).isTrue();
  }

  private static AuthEngine es256Engine(int keyCount, TestTokens signer) {
    List<JWK> jwks = new ArrayList<>();
    for (int i = 1; i < keyCount; i++) {
      jwks.add(TestTokens.ec("other" + i).publicJwk);
    }
    jwks.add(signer.publicJwk);
    return AuthEngine.builder()
        .issuer(
            Issuer.builder(TestTokens.ISS)
                .jwks(new JWKSet(jwks))
                .audiences(TestTokens.AUD)
                .algorithms("ES256")
                .build())
        .clock(new MutableClock(NOW))
        .tokenCacheMaximumSize(0)
        .build();
  }

  @Test
  void kidlessToken_issuerWithMoreThanTwoKeysForAlg_refusedAsUnknownKey() {
    TestTokens signer = TestTokens.ec("k3");
    AuthEngine engine = es256Engine(3, signer);
    String kidless = signer.mint("{\"alg\":\"ES256\"}", TestTokens.claims(NOW.getEpochSecond()));

    AuthResult r = engine.authenticate("Bearer " + kidless);

    assertThat(r.isAuthenticated()).isFalse();
    assertThat(r.failureReason()).isEqualTo(FailureReason.UNKNOWN_KEY);
    assertThat(r.detail()).contains("no kid");
  }

  @Test
  void kidlessToken_issuerWithTwoKeysForAlg_verifiedAgainstBoth() {
    TestTokens signer = TestTokens.ec("k2");
    AuthEngine engine = es256Engine(2, signer);
    String kidless = signer.mint("{\"alg\":\"ES256\"}", TestTokens.claims(NOW.getEpochSecond()));

    assertThat(engine.authenticate("Bearer " + kidless).isAuthenticated()).isTrue();
  }
}
