/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.attack;

import static dev.bulwark.auth.testsupport.Jws.b64;
import static dev.bulwark.auth.testsupport.Jws.claims;
import static dev.bulwark.auth.testsupport.Jws.header;
import static dev.bulwark.auth.testsupport.Jws.json;
import static dev.bulwark.auth.testsupport.Outcomes.assertRefused;
import static dev.bulwark.auth.testsupport.Outcomes.bearer;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSAEncrypter;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.bulwark.auth.AuthEngine;
import dev.bulwark.auth.FailureReason;
import dev.bulwark.auth.testsupport.Engines;
import dev.bulwark.auth.testsupport.Jws;
import dev.bulwark.auth.testsupport.Outcomes;
import dev.bulwark.auth.testsupport.SelfSignedCertificate;
import dev.bulwark.auth.testsupport.StubHttpServer;
import dev.bulwark.auth.testsupport.TestKeys;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Attacks through JOSE header parameters (RFC 8725 sections 3.10 and 3.11, RFC 7515 section 4.1):
 * {@code jwk}, {@code jku}, {@code x5u} and {@code x5c} must never supply or locate a key, {@code
 * kid} is only a lookup key, {@code crit} and {@code b64} must not change how the signature is
 * read, and only a compact JWS is a token.
 */
class HeaderInjectionAttackTest {
  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  /** The attacker's key, labelled with the issuer's kid so the lookup finds the real key. */
  private static final RSAKey FORGED_RSA_1 = TestKeys.relabel(TestKeys.ATTACKER_RSA, "rsa-1");

  private final AuthEngine engine = Engines.rsa(CLOCK);
  private StubHttpServer attackerServer;

  @AfterEach
  void stopAttackerServer() {
    if (attackerServer != null) {
      attackerServer.close();
    }
  }

  private Map<String, Object> forgedHeader() {
    return header("RS256", "rsa-1");
  }

  @Test
  void embeddedJwk_ofAttackerKey_isRefusedAsBadSignature() {
    Map<String, Object> h = forgedHeader();
    h.put("jwk", FORGED_RSA_1.toPublicJWK().toJSONObject());
    assertRefused(
        engine, bearer(Jws.sign(FORGED_RSA_1, h, claims(NOW))), FailureReason.BAD_SIGNATURE);
  }

  @Test
  void jku_pointingToAttackerServer_isNeverFetched() {
    attackerServer = StubHttpServer.start();
    attackerServer.serve(new JWKSet(FORGED_RSA_1.toPublicJWK()));
    Map<String, Object> h = forgedHeader();
    h.put("jku", attackerServer.uri("/jwks.json").toString());
    Outcomes.authenticate(engine, bearer(Jws.sign(FORGED_RSA_1, h, claims(NOW))));
    assertThat(attackerServer.requests()).as("requests to the jku URL").isZero();
  }

  @Test
  void jku_pointingToAttackerServer_isRefusedAsBadSignature() {
    attackerServer = StubHttpServer.start();
    attackerServer.serve(new JWKSet(FORGED_RSA_1.toPublicJWK()));
    Map<String, Object> h = forgedHeader();
    h.put("jku", attackerServer.uri("/jwks.json").toString());
    assertRefused(
        engine, bearer(Jws.sign(FORGED_RSA_1, h, claims(NOW))), FailureReason.BAD_SIGNATURE);
  }

  @Test
  void jku_withKidOnlyTheAttackerServerKnows_isRefusedAsUnknownKeyWithoutFetching() {
    attackerServer = StubHttpServer.start();
    attackerServer.serve(new JWKSet(TestKeys.ATTACKER_RSA.toPublicJWK()));
    Map<String, Object> h = header("RS256", TestKeys.ATTACKER_RSA.getKeyID());
    h.put("jku", attackerServer.uri("/jwks.json").toString());
    assertRefused(
        engine, bearer(Jws.sign(TestKeys.ATTACKER_RSA, h, claims(NOW))), FailureReason.UNKNOWN_KEY);
    assertThat(attackerServer.requests()).as("requests to the jku URL").isZero();
  }

  @Test
  void x5u_pointingToAttackerServer_isNeverFetched() {
    attackerServer = StubHttpServer.start();
    attackerServer.serve(200, "application/pem-certificate-chain", attackerCertificatePem());
    Map<String, Object> h = forgedHeader();
    h.put("x5u", attackerServer.uri("/cert.pem").toString());
    assertRefused(
        engine, bearer(Jws.sign(FORGED_RSA_1, h, claims(NOW))), FailureReason.BAD_SIGNATURE);
    assertThat(attackerServer.requests()).as("requests to the x5u URL").isZero();
  }

  @Test
  void x5c_withAttackerCertificate_isRefusedAsBadSignature() throws Exception {
    Map<String, Object> h = forgedHeader();
    h.put("x5c", List.of(Base64.getEncoder().encodeToString(attackerCertificate().getEncoded())));
    assertRefused(
        engine, bearer(Jws.sign(FORGED_RSA_1, h, claims(NOW))), FailureReason.BAD_SIGNATURE);
  }

  private static X509Certificate attackerCertificate() {
    try {
      return SelfSignedCertificate.create(TestKeys.ATTACKER_RSA.toKeyPair(), "id.example.com", NOW);
    } catch (JOSEException e) {
      throw new AssertionError(e);
    }
  }

  private static byte[] attackerCertificatePem() {
    try {
      return ("-----BEGIN CERTIFICATE-----\n"
              + Base64.getMimeEncoder(64, new byte[] {'\n'})
                  .encodeToString(attackerCertificate().getEncoded())
              + "\n-----END CERTIFICATE-----\n")
          .getBytes(UTF_8);
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new AssertionError(e);
    }
  }

  static Stream<Arguments> hostileKids() {
    return Stream.of(
        Arguments.of("path traversal", "../../etc/passwd"),
        Arguments.of("path traversal to the real kid", "../rsa-1"),
        Arguments.of("SQL injection", "' OR 1=1 --"),
        Arguments.of("SQL injection after the real kid", "rsa-1' OR '1'='1"),
        Arguments.of("real kid and a null byte", "rsa-1\u0000"),
        Arguments.of("null byte", "\u0000"),
        Arguments.of("real kid in other case", "RSA-1"),
        Arguments.of("real kid and a space", "rsa-1 "),
        Arguments.of("4000 characters", "rsa-1" + "A".repeat(3995)),
        Arguments.of("empty", ""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileKids")
  void hostileKid_onTokenSignedByIssuerKey_isRefusedAsUnknownKey(String name, String kid) {
    // Signed by the real key: only an exact kid match may select it, no fallback, no normalising.
    String token = Jws.sign(TestKeys.RSA, header("RS256", kid), claims(NOW));
    assertRefused(engine, bearer(token), FailureReason.UNKNOWN_KEY);
  }

  @Test
  void kidOfWrongJsonType_isRefusedAsMalformed() {
    String token =
        Jws.signRaw(
            TestKeys.RSA,
            JWSAlgorithm.RS256,
            "{\"alg\":\"RS256\",\"kid\":[\"rsa-1\"]}",
            json(claims(NOW)));
    assertRefused(engine, bearer(token), FailureReason.MALFORMED);
  }

  @Test
  void critB64_onAnOtherwiseValidToken_isRefusedAsUnsupportedHeader() {
    Map<String, Object> h = header("RS256", "rsa-1");
    h.put("b64", true);
    h.put("crit", List.of("b64"));
    assertRefused(
        engine, bearer(Jws.sign(TestKeys.RSA, h, claims(NOW))), FailureReason.UNSUPPORTED_HEADER);
  }

  @Test
  void b64False_withCrit_isRefusedAsUnsupportedHeader() {
    // RFC 7797 reads the payload segment as raw bytes; a verifier ignoring b64 would decode it as
    // claims. The signature covers the same bytes either way, so only refusing b64 is safe.
    Map<String, Object> h = header("RS256", "rsa-1");
    h.put("b64", false);
    h.put("crit", List.of("b64"));
    assertRefused(
        engine, bearer(Jws.sign(TestKeys.RSA, h, claims(NOW))), FailureReason.UNSUPPORTED_HEADER);
  }

  @Test
  void b64False_withoutCrit_isRefusedAsUnsupportedHeader() {
    Map<String, Object> h = header("RS256", "rsa-1");
    h.put("b64", false);
    assertRefused(
        engine, bearer(Jws.sign(TestKeys.RSA, h, claims(NOW))), FailureReason.UNSUPPORTED_HEADER);
  }

  @Test
  void unknownCritParameter_isRefusedAsUnsupportedHeader() {
    Map<String, Object> h = header("RS256", "rsa-1");
    h.put("https://example.com/must-understand", true);
    h.put("crit", List.of("https://example.com/must-understand"));
    assertRefused(
        engine, bearer(Jws.sign(TestKeys.RSA, h, claims(NOW))), FailureReason.UNSUPPORTED_HEADER);
  }

  @Test
  void nestedJwt_signedByIssuerAroundAnUnsignedInnerToken_isRefusedAsUnsupportedHeader() {
    // The outer JWS is genuine; its payload is a token whose claims nobody signed.
    Map<String, Object> inner = claims(NOW);
    inner.put("sub", "admin");
    String innerToken = b64(json(header("none", null))) + "." + b64(json(inner)) + ".";
    Map<String, Object> h = header("RS256", "rsa-1");
    h.put("cty", "JWT");
    String outer = Jws.signRaw(TestKeys.RSA, JWSAlgorithm.RS256, json(h), innerToken);
    assertRefused(engine, bearer(outer), FailureReason.UNSUPPORTED_HEADER);
  }

  @Test
  void jwe_encryptedToIssuerKey_isRefusedAsMalformed() throws Exception {
    // Anyone can encrypt to the public key; a JWE proves nothing about who wrote the claims.
    EncryptedJWT jwe =
        new EncryptedJWT(
            new JWEHeader.Builder(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A256GCM)
                .keyID("rsa-1")
                .build(),
            JWTClaimsSet.parse(claims(NOW)));
    jwe.encrypt(new RSAEncrypter(TestKeys.RSA.toPublicJWK()));
    String token = jwe.serialize();
    assertThat(token.split("\\.", -1)).hasSize(5);
    assertRefused(engine, bearer(token), FailureReason.MALFORMED);
  }
}
