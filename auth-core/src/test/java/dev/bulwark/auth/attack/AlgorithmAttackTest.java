/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.attack;

import static dev.bulwark.auth.testsupport.Jws.b64;
import static dev.bulwark.auth.testsupport.Jws.claims;
import static dev.bulwark.auth.testsupport.Jws.header;
import static dev.bulwark.auth.testsupport.Jws.json;
import static dev.bulwark.auth.testsupport.Outcomes.assertAccepted;
import static dev.bulwark.auth.testsupport.Outcomes.assertRefused;
import static dev.bulwark.auth.testsupport.Outcomes.bearer;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import dev.bulwark.auth.AuthEngine;
import dev.bulwark.auth.FailureReason;
import dev.bulwark.auth.Issuer;
import dev.bulwark.auth.testsupport.Engines;
import dev.bulwark.auth.testsupport.Jws;
import dev.bulwark.auth.testsupport.TestKeys;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Attacks on the choice of algorithm and key (RFC 8725 sections 2.1, 2.2 and 3.1): the token's
 * header must never pick the algorithm, the key type or the issuer's key. Every hostile token here
 * carries claims the issuer would accept, so that only the defence under test can refuse it.
 */
class AlgorithmAttackTest {
  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final String ISSUER_B = "https://b.example.com";

  private final AuthEngine rs256Only = Engines.rsa(CLOCK);

  @Test
  void rs256Token_signedByIssuerKey_isAccepted() {
    assertAccepted(rs256Only, bearer(Jws.sign(TestKeys.RSA, "RS256", claims(NOW))));
  }

  @ParameterizedTest
  @ValueSource(strings = {"none", "None", "NONE", "nOnE"})
  void algNone_withEmptySignature_isRefusedAsDisallowedAlgorithm(String none) {
    String token = b64(json(header(none, null))) + "." + b64(json(claims(NOW))) + ".";
    assertRefused(rs256Only, bearer(token), FailureReason.DISALLOWED_ALGORITHM);
  }

  @Test
  void algNone_withIssuerKidAndEmptySignature_isRefusedAsDisallowedAlgorithm() {
    String token = b64(json(header("none", "rsa-1"))) + "." + b64(json(claims(NOW))) + ".";
    assertRefused(rs256Only, bearer(token), FailureReason.DISALLOWED_ALGORITHM);
  }

  @Test
  void algNone_withoutSignatureSegment_isRefusedAsMalformed() {
    String token = b64(json(header("none", null))) + "." + b64(json(claims(NOW)));
    assertRefused(rs256Only, bearer(token), FailureReason.MALFORMED);
  }

  @Test
  void algNone_carryingAValidIssuerSignature_isRefusedAsDisallowedAlgorithm() {
    // A verifier that takes the algorithm from the key instead of refusing "none" would accept
    // this.
    String input = b64(json(header("none", "rsa-1"))) + "." + b64(json(claims(NOW)));
    byte[] sig = Jws.signature(TestKeys.RSA, JWSAlgorithm.RS256, input.getBytes(UTF_8));
    assertRefused(rs256Only, bearer(input + "." + b64(sig)), FailureReason.DISALLOWED_ALGORITHM);
  }

  @Test
  void algNull_isRefusedAsMalformed() {
    String token =
        Jws.signRaw(
            TestKeys.RSA,
            JWSAlgorithm.RS256,
            "{\"alg\":null,\"kid\":\"rsa-1\"}",
            json(claims(NOW)));
    assertRefused(rs256Only, bearer(token), FailureReason.MALFORMED);
  }

  @Test
  void rs256_withEmptySignature_isRefusedAsBadSignature() {
    String token = b64(json(header("RS256", "rsa-1"))) + "." + b64(json(claims(NOW))) + ".";
    assertRefused(rs256Only, bearer(token), FailureReason.BAD_SIGNATURE);
  }

  @Test
  void rs256_withAllZeroSignature_isRefusedAsBadSignature() {
    String token = Jws.withSignature(Jws.sign(TestKeys.RSA, "RS256", claims(NOW)), new byte[256]);
    assertRefused(rs256Only, bearer(token), FailureReason.BAD_SIGNATURE);
  }

  @Test
  void rs256_withOneByteSignature_isRefusedAsBadSignature() {
    String token = Jws.withSignature(Jws.sign(TestKeys.RSA, "RS256", claims(NOW)), new byte[1]);
    assertRefused(rs256Only, bearer(token), FailureReason.BAD_SIGNATURE);
  }

  /** The issuer's public RSA key in every form an attacker might feed to HMAC as the secret. */
  static Stream<Arguments> publicKeyAsHmacSecret() {
    RSAKey pub = TestKeys.RSA.toPublicJWK();
    byte[] der;
    try {
      der = pub.toRSAPublicKey().getEncoded();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    String pem =
        "-----BEGIN PUBLIC KEY-----\n"
            + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
            + "\n-----END PUBLIC KEY-----";
    return Stream.of(
        Arguments.of("PEM", pem.getBytes(UTF_8)),
        Arguments.of("PEM with final newline", (pem + "\n").getBytes(UTF_8)),
        Arguments.of("DER SubjectPublicKeyInfo", der),
        Arguments.of("JWK JSON", pub.toJSONString().getBytes(UTF_8)),
        Arguments.of("JWKS JSON", new JWKSet(pub).toString(true).getBytes(UTF_8)),
        Arguments.of("modulus bytes", pub.getModulus().decode()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("publicKeyAsHmacSecret")
  void hs256_signedWithIssuerPublicKey_whenOnlyRs256Allowed_isRefusedAsDisallowedAlgorithm(
      String form, byte[] secret) {
    assertRefused(rs256Only, bearer(keyConfusionToken(secret)), FailureReason.DISALLOWED_ALGORITHM);
  }

  /** Issuer A with its RSA key (RS256), and a second issuer whose HMAC key makes HS256 usable. */
  private static AuthEngine rsaIssuerBesideHmacIssuer() {
    return AuthEngine.builder()
        .issuer(Engines.issuer(TestKeys.publicSet(TestKeys.RSA), "RS256"))
        .issuer(
            Issuer.builder(ISSUER_B)
                .jwks(TestKeys.publicSet(TestKeys.HMAC))
                .audiences(Jws.AUD)
                .algorithms("HS256")
                .build())
        .clock(CLOCK)
        .build();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("publicKeyAsHmacSecret")
  void hs256_signedWithIssuerPublicKey_whenEngineAlsoVerifiesHs256_isRefusedAsDisallowedAlgorithm(
      String form, byte[] secret) {
    // HS256 is live in this engine (for issuer B); issuer A's RSA key must still never be a secret.
    assertRefused(
        rsaIssuerBesideHmacIssuer(),
        bearer(keyConfusionToken(secret)),
        FailureReason.DISALLOWED_ALGORITHM);
  }

  @Test
  void hs256_signedWithHmacIssuerKey_isAccepted() {
    Map<String, Object> c = claims(NOW);
    c.put("iss", ISSUER_B);
    assertAccepted(rsaIssuerBesideHmacIssuer(), bearer(Jws.sign(TestKeys.HMAC, "HS256", c)));
  }

  @Test
  void issuer_mixingRsaAndHmacKeysInOneSet_isRefusedAtBuild() {
    // The builder refuses the one configuration where an RSA kid and HS256 could meet.
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                Engines.issuer(TestKeys.publicSet(TestKeys.RSA, TestKeys.HMAC), "RS256", "HS256"));
  }

  private static String keyConfusionToken(byte[] secret) {
    String input = b64(json(header("HS256", "rsa-1"))) + "." + b64(json(claims(NOW)));
    return input + "." + b64(Jws.hs256(secret, input.getBytes(UTF_8)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"RS384", "RS512", "PS256", "PS512"})
  void otherRsaAlgorithm_signedByIssuerKey_whenOnlyRs256Allowed_isRefusedAsDisallowedAlgorithm(
      String alg) {
    String token = Jws.sign(TestKeys.RSA, alg, claims(NOW));
    assertRefused(rs256Only, bearer(token), FailureReason.DISALLOWED_ALGORITHM);
  }

  @Test
  void es256Token_namingAnRsaKid_isRefusedAsDisallowedAlgorithm() {
    // Both algorithms are allowed, but the header's alg does not fit the key its kid names.
    AuthEngine engine =
        Engines.engine(CLOCK, TestKeys.publicSet(TestKeys.RSA, TestKeys.EC), "RS256", "ES256");
    String token = Jws.sign(TestKeys.EC, header("ES256", "rsa-1"), claims(NOW));
    assertRefused(engine, bearer(token), FailureReason.DISALLOWED_ALGORITHM);
  }

  @Test
  void unknownAlgorithmName_isRefusedAsDisallowedAlgorithm() {
    String token =
        Jws.signRaw(
            TestKeys.RSA, JWSAlgorithm.RS256, json(header("RS256 ", "rsa-1")), json(claims(NOW)));
    assertRefused(rs256Only, bearer(token), FailureReason.DISALLOWED_ALGORITHM);
  }

  /** Issuer A with {@code rsa-1}, issuer B with its own key under {@code bKid}. */
  private static AuthEngine twoIssuers(String bKid) {
    RSAKey bKey = TestKeys.relabel(TestKeys.RSA_2, bKid);
    return AuthEngine.builder()
        .issuer(Engines.issuer(TestKeys.publicSet(TestKeys.RSA), "RS256"))
        .issuer(
            Issuer.builder(ISSUER_B)
                .jwks(TestKeys.publicSet(bKey))
                .audiences(Jws.AUD)
                .algorithms("RS256")
                .build())
        .clock(CLOCK)
        .build();
  }

  private static String signedByB(String bKid, String iss) {
    Map<String, Object> c = claims(NOW);
    c.put("iss", iss);
    return Jws.sign(TestKeys.relabel(TestKeys.RSA_2, bKid), "RS256", c);
  }

  @Test
  void tokenOfIssuerB_claimingIssuerB_isAccepted() {
    assertAccepted(twoIssuers("rsa-2"), bearer(signedByB("rsa-2", ISSUER_B)));
  }

  @Test
  void tokenSignedByIssuerB_claimingIssuerA_isRefusedAsUnknownKey() {
    assertRefused(
        twoIssuers("rsa-2"), bearer(signedByB("rsa-2", Jws.ISS)), FailureReason.UNKNOWN_KEY);
  }

  @Test
  void tokenSignedByIssuerB_claimingIssuerA_withKidBothIssuersUse_isRefusedAsBadSignature() {
    assertRefused(
        twoIssuers("rsa-1"), bearer(signedByB("rsa-1", Jws.ISS)), FailureReason.BAD_SIGNATURE);
  }
}
