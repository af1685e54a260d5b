/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class IssuerBuilderTest {
  private static final TestTokens RSA = TestTokens.rsa("rsa-1");
  private static final TestTokens HMAC = TestTokens.hmac("hmac-1");
  private static final TestTokens EC = TestTokens.ec("ec-1");
  private static final String ISS = "https://id.example.com";

  @Test
  void builder_emptyIss_throwsIllegalArgument() {
    assertThatThrownBy(() -> Issuer.builder(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("iss");
  }

  @Test
  void jwks_plainHttpToRemoteHost_throwsIllegalArgument() {
    assertThatThrownBy(() -> Issuer.builder(ISS).jwks(URI.create("http://id.example.com/jwks")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("http://id.example.com/jwks");
  }

  @Test
  void jwks_plainHttpToLoopback_isAccepted() {
    Issuer i =
        Issuer.builder(ISS)
            .jwks(URI.create("http://127.0.0.1:1/jwks"))
            .audiences("a")
            .algorithms("RS256")
            .build();
    assertThat(i.iss()).isEqualTo(ISS);
  }

  @Test
  void jwks_fileScheme_throwsIllegalArgument() {
    assertThatThrownBy(() -> Issuer.builder(ISS).jwks(URI.create("file:///etc/jwks.json")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void keySource_setTwice_throwsIllegalState() {
    assertThatThrownBy(
            () -> Issuer.builder(ISS).jwks(new JWKSet(RSA.publicJwk)).jwksJson("{\"keys\":[]}"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("jwksJson");
  }

  @Test
  void audiences_setTwice_throwsIllegalState() {
    assertThatThrownBy(() -> Issuer.builder(ISS).audiences("a").audiences("b"))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void algorithms_none_throwsIllegalArgument() {
    assertThatThrownBy(() -> Issuer.builder(ISS).algorithms("RS256", "none"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("none");
  }

  @Test
  void algorithms_unknown_throwsIllegalArgument() {
    assertThatThrownBy(() -> Issuer.builder(ISS).algorithms("RS1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("RS1");
  }

  @Test
  void build_withoutAlgorithms_throwsIllegalState() {
    assertThatThrownBy(
            () -> Issuer.builder(ISS).jwks(new JWKSet(RSA.publicJwk)).audiences("a").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("algorithms");
  }

  @Test
  void build_withoutAudiences_throwsIllegalState() {
    assertThatThrownBy(
            () -> Issuer.builder(ISS).jwks(new JWKSet(RSA.publicJwk)).algorithms("RS256").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("audiences");
  }

  @Test
  void build_withoutKeySource_throwsIllegalState() {
    assertThatThrownBy(() -> Issuer.builder(ISS).audiences("a").algorithms("RS256").build())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void build_hmacAlgorithmWithoutOctKey_throwsIllegalArgument() {
    assertThatThrownBy(
            () ->
                Issuer.builder(ISS)
                    .jwks(new JWKSet(RSA.publicJwk))
                    .audiences("a")
                    .algorithms("RS256", "HS256")
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("oct");
  }

  @Test
  void build_octKeyWithoutHmacAlgorithm_throwsIllegalArgument() {
    assertThatThrownBy(
            () ->
                Issuer.builder(ISS)
                    .jwks(new JWKSet(HMAC.publicJwk))
                    .audiences("a")
                    .algorithms("RS256")
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("hmac-1");
  }

  @Test
  void build_rsa1024_throwsNamingKidAndSize() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(1024);
    RSAKey weak =
        new RSAKey.Builder((RSAPublicKey) g.generateKeyPair().getPublic()).keyID("weak").build();
    assertThatThrownBy(
            () ->
                Issuer.builder(ISS)
                    .jwks(new JWKSet(weak))
                    .audiences("a")
                    .algorithms("RS256")
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'weak'")
        .hasMessageContaining("1024");
  }

  @Test
  void build_privateRsaKeyInSet_throwsIllegalArgument() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    var kp = g.generateKeyPair();
    RSAKey full =
        new RSAKey.Builder((RSAPublicKey) kp.getPublic())
            .privateKey((RSAPrivateKey) kp.getPrivate())
            .keyID("full")
            .build();
    assertThatThrownBy(
            () ->
                Issuer.builder(ISS)
                    .jwks(new JWKSet(full))
                    .audiences("a")
                    .algorithms("RS256")
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("private");
  }

  @Test
  void build_encryptionKey_throwsIllegalArgument() {
    RSAKey enc = new RSAKey.Builder((RSAKey) RSA.publicJwk).keyUse(KeyUse.ENCRYPTION).build();
    assertThatThrownBy(
            () ->
                Issuer.builder(ISS)
                    .jwks(new JWKSet(enc))
                    .audiences("a")
                    .algorithms("RS256")
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("use");
  }

  @Test
  void build_duplicateKid_throwsIllegalArgument() {
    RSAKey other = (RSAKey) TestTokens.rsa("rsa-1").publicJwk;
    assertThatThrownBy(
            () ->
                Issuer.builder(ISS)
                    .jwks(new JWKSet(java.util.List.of(RSA.publicJwk, other)))
                    .audiences("a")
                    .algorithms("RS256")
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("duplicate kid");
  }

  @Test
  void build_remoteSettingWithStaticSet_throwsIllegalState() {
    assertThatThrownBy(
            () ->
                Issuer.builder(ISS)
                    .jwks(new JWKSet(RSA.publicJwk))
                    .audiences("a")
                    .algorithms("RS256")
                    .jwksCacheTtl(Duration.ofMinutes(1))
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("jwksCacheTtl");
  }

  @Test
  void build_jwksClockWithStaticSet_throwsIllegalState() {
    assertThatThrownBy(
            () ->
                Issuer.builder(ISS)
                    .jwks(new JWKSet(RSA.publicJwk))
                    .audiences("a")
                    .algorithms("RS256")
                    .jwksClock(java.time.Clock.systemUTC())
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("jwksClock");
  }

  @Test
  void jwksClock_setTwice_throwsIllegalState() {
    Issuer.Builder b = Issuer.builder(ISS).jwksClock(java.time.Clock.systemUTC());
    assertThatThrownBy(() -> b.jwksClock(java.time.Clock.systemUTC()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("jwksClock");
  }

  @Test
  void jwksCacheTtl_zero_throwsNamingValue() {
    assertThatThrownBy(() -> Issuer.builder(ISS).jwksCacheTtl(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("was PT0S");
  }

  @Test
  void jwksJson_shortHmacKey_messageNeverHoldsTheSecret() {
    String k = "c2VjcmV0LXNlY3JldC1zZWNyZXQ"; // 20 bytes
    assertThatThrownBy(
            () ->
                Issuer.builder(ISS)
                    .jwksJson("{\"keys\":[{\"kty\":\"oct\",\"kid\":\"s\",\"k\":\"" + k + "\"}]}")
                    .audiences("a")
                    .algorithms("HS256")
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining(k)
        .hasMessageContaining("bits");
  }

  @Test
  void jwksJson_notJson_throwsIllegalArgument() {
    assertThatThrownBy(
            () ->
                Issuer.builder(ISS)
                    .jwksJson("{\"keys\":[")
                    .audiences("a")
                    .algorithms("RS256")
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("jwksJson");
  }

  @Test
  void jwksFile_readOnceAtBuild_verifiesTokens(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("jwks.json");
    Files.writeString(file, new JWKSet(RSA.publicJwk).toString());
    Issuer i = Issuer.builder(ISS).jwksFile(file).audiences("a").algorithms("RS256").build();
    Files.delete(file);
    assertThat(i.keySource().current().byKid("rsa-1")).isNotNull();
  }

  @Test
  void jwksFile_missing_throwsNamingFile(@TempDir Path dir) {
    Path file = dir.resolve("absent.json");
    assertThatThrownBy(
            () -> Issuer.builder(ISS).jwksFile(file).audiences("a").algorithms("RS256").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("absent.json");
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(ints = {2047, 16385, 0, -1})
  void maxRsaModulusBits_outOfRange_throwsIllegalArgumentNamingSettingAndValue(int bits) {
    assertThatThrownBy(() -> Issuer.builder(ISS).maxRsaModulusBits(bits))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxRsaModulusBits")
        .hasMessageContaining("was " + bits);
  }

  @Test
  void maxRsaModulusBits_setTwice_throwsIllegalState() {
    assertThatThrownBy(() -> Issuer.builder(ISS).maxRsaModulusBits(4096).maxRsaModulusBits(8192))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("maxRsaModulusBits");
  }

  /** An odd modulus of exactly {@code bits} bits, not a product of primes: enough to load. */
  private static RSAKey rsaKey(int bits, java.math.BigInteger e, String kid) {
    java.math.BigInteger n =
        new java.math.BigInteger(bits, new java.util.Random(bits)).setBit(bits - 1).setBit(0);
    return new RSAKey.Builder(
            com.nimbusds.jose.util.Base64URL.encode(n), com.nimbusds.jose.util.Base64URL.encode(e))
        .keyID(kid)
        .build();
  }

  @Test
  void staticKey_16384BitModulusWith64BitExponent_failsBuildNamingTheKid() {
    // Each forged token under such a key costs a 16,384-bit exponentiation with a 64-bit
    // exponent to refuse.
    RSAKey huge =
        rsaKey(16384, java.math.BigInteger.ONE.shiftLeft(63).add(java.math.BigInteger.ONE), "huge");
    assertThatThrownBy(
            () ->
                Issuer.builder(ISS)
                    .jwks(new JWKSet(huge))
                    .audiences("a")
                    .algorithms("RS256")
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'huge'")
        .hasMessageContaining("16384 bits");
  }

  @Test
  void staticKey_64BitExponentUnderRaisedCap_failsBuildNamingTheKid() {
    RSAKey huge =
        rsaKey(16384, java.math.BigInteger.ONE.shiftLeft(63).add(java.math.BigInteger.ONE), "huge");
    assertThatThrownBy(
            () ->
                Issuer.builder(ISS)
                    .jwks(new JWKSet(huge))
                    .audiences("a")
                    .algorithms("RS256")
                    .maxRsaModulusBits(Issuer.Builder.MAX_RSA_MODULUS_BITS_LIMIT)
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'huge'")
        .hasMessageContaining("exponent");
  }

  @Test
  void staticKey_8200BitModulusUnderRaisedCap_builds() {
    RSAKey big = rsaKey(8200, java.math.BigInteger.valueOf(65537), "big");
    Issuer i =
        Issuer.builder(ISS)
            .jwks(new JWKSet(big))
            .audiences("a")
            .algorithms("RS256")
            .maxRsaModulusBits(16384)
            .build();
    assertThat(i.iss()).isEqualTo(ISS);
  }

  @Test
  void staticKey_8200BitModulusUnderDefaultCap_failsBuildNamingTheKid() {
    RSAKey big = rsaKey(8200, java.math.BigInteger.valueOf(65537), "big");
    assertThatThrownBy(
            () ->
                Issuer.builder(ISS)
                    .jwks(new JWKSet(big))
                    .audiences("a")
                    .algorithms("RS256")
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'big'")
        .hasMessageContaining("at most 8192");
  }

  @Test
  void jwks_httpUriWithPassword_messageOmitsPassword() {
    assertThatThrownBy(
            () ->
                Issuer.builder(ISS).jwks(URI.create("http://admin:S3cretPw@idp.example.com/jwks")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("<user-info>")
        .hasMessageNotContaining("S3cretPw");
  }

  @Test
  void jwks_httpsUriWithPasswordAndUnparsableHost_messageOmitsPassword() {
    assertThatThrownBy(
            () ->
                Issuer.builder(ISS)
                    .jwks(URI.create("https://admin:S3cretPw@bad_host.example.com/jwks")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("S3cretPw");
  }

  @Test
  void jwks_rejectedUriWithQuery_messageOmitsQuery() {
    assertThatThrownBy(
            () ->
                Issuer.builder(ISS).jwks(URI.create("http://idp.example.com/jwks?api_key=S3cretQ")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("idp.example.com/jwks?<query>")
        .hasMessageNotContaining("S3cretQ");
  }

  @Test
  void p256KeyWithUnreducedYInStaticSet_failsBuildNamingTheKid() throws Exception {
    com.nimbusds.jose.jwk.ECKey good = (com.nimbusds.jose.jwk.ECKey) EC.publicJwk;
    java.math.BigInteger p =
        ((java.security.spec.ECFieldFp) good.toECPublicKey().getParams().getCurve().getField())
            .getP();
    com.nimbusds.jose.jwk.ECKey bad =
        new com.nimbusds.jose.jwk.ECKey.Builder(
                com.nimbusds.jose.jwk.Curve.P_256,
                good.getX(),
                com.nimbusds.jose.util.Base64URL.encode(good.getY().decodeToBigInteger().add(p)))
            .keyID("unreduced")
            .build();
    String json = new JWKSet(java.util.List.of(bad, RSA.publicJwk)).toString();
    assertThatThrownBy(
            () ->
                Issuer.builder(ISS)
                    .jwksJson(json)
                    .audiences(TestTokens.AUD)
                    .algorithms("RS256", "ES256")
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'unreduced'");
  }

  private static final URI REMOTE = URI.create("https://id.example.com/jwks");

  /** Two settings that cannot hold together: each case, its builder and what the message names. */
  static Stream<Arguments> conflicts() {
    return Stream.of(
        Arguments.of(
            "HMAC algorithm with a JWKS URL",
            (Supplier<Issuer.Builder>)
                () -> Issuer.builder(ISS).jwks(REMOTE).audiences("a").algorithms("HS256"),
            List.of("algorithms [HS256]", "jwks(URI) https://id.example.com/jwks")),
        Arguments.of(
            "rate limit not shorter than the cache TTL",
            (Supplier<Issuer.Builder>)
                () ->
                    Issuer.builder(ISS)
                        .jwks(REMOTE)
                        .audiences("a")
                        .algorithms("RS256")
                        .jwksCacheTtl(Duration.ofSeconds(10))
                        .jwksRateLimit(Duration.ofSeconds(10)),
            List.of("jwksRateLimit PT10S", "jwksCacheTtl PT10S")),
        Arguments.of(
            "rate limit set, cache TTL left at its default",
            (Supplier<Issuer.Builder>)
                () ->
                    Issuer.builder(ISS)
                        .jwks(REMOTE)
                        .audiences("a")
                        .algorithms("RS256")
                        .jwksRateLimit(Duration.ofMinutes(10)),
            List.of("jwksRateLimit PT10M", "jwksCacheTtl PT5M (default)")),
        Arguments.of(
            "refresh-ahead plus timeout not shorter than the cache TTL",
            (Supplier<Issuer.Builder>)
                () ->
                    Issuer.builder(ISS)
                        .jwks(REMOTE)
                        .audiences("a")
                        .algorithms("RS256")
                        .jwksCacheTtl(Duration.ofSeconds(10))
                        .jwksRateLimit(Duration.ofSeconds(1))
                        .jwksRefreshAhead(Duration.ofSeconds(9))
                        .jwksTimeout(Duration.ofSeconds(1)),
            List.of("jwksRefreshAhead PT9S", "jwksTimeout PT1S", "jwksCacheTtl PT10S")),
        Arguments.of(
            "remote setting with a static key set",
            (Supplier<Issuer.Builder>)
                () ->
                    Issuer.builder(ISS)
                        .jwks(new JWKSet(RSA.publicJwk))
                        .audiences("a")
                        .algorithms("RS256")
                        .jwksTimeout(Duration.ofSeconds(1)),
            List.of("jwksTimeout", "jwks(JWKSet)")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("conflicts")
  void build_conflictingSettings_throwsIllegalStateNamingBoth(
      String name, Supplier<Issuer.Builder> builder, List<String> named) {
    Issuer.Builder b = builder.get();
    assertThatThrownBy(b::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContainingAll(named.toArray(new String[0]));
  }

  /** Each setting made twice: the message names the setting and both values. */
  static Stream<Arguments> settingsMadeTwice() {
    return Stream.of(
        Arguments.of(
            (UnaryOperator<Issuer.Builder>) b -> b.audiences("a").audiences("b"),
            List.of("audiences", "[a]", "[b]")),
        Arguments.of(
            (UnaryOperator<Issuer.Builder>) b -> b.algorithms("RS256").algorithms("ES256"),
            List.of("algorithms", "RS256", "ES256")),
        Arguments.of(
            (UnaryOperator<Issuer.Builder>) b -> b.type("at+jwt").type("jwt"),
            List.of("type", "at+jwt", "jwt")),
        Arguments.of(
            (UnaryOperator<Issuer.Builder>) b -> b.requiredClaims("x").requiredClaims("y"),
            List.of("requiredClaims", "x", "y")),
        Arguments.of(
            (UnaryOperator<Issuer.Builder>) b -> b.requireExpiry(true).requireExpiry(false),
            List.of("requireExpiry", "true", "false")),
        Arguments.of(
            (UnaryOperator<Issuer.Builder>) b -> b.rolesClaim("r").rolesClaim("s"),
            List.of("rolesClaim", "r", "s")),
        Arguments.of(
            (UnaryOperator<Issuer.Builder>)
                b -> b.jwksCacheTtl(Duration.ofMinutes(1)).jwksCacheTtl(Duration.ofMinutes(2)),
            List.of("jwksCacheTtl", "PT1M", "PT2M")),
        Arguments.of(
            (UnaryOperator<Issuer.Builder>)
                b -> b.jwksRefreshAhead(Duration.ZERO).jwksRefreshAhead(Duration.ofSeconds(1)),
            List.of("jwksRefreshAhead", "PT0S", "PT1S")),
        Arguments.of(
            (UnaryOperator<Issuer.Builder>)
                b -> b.jwksRateLimit(Duration.ofSeconds(1)).jwksRateLimit(Duration.ofSeconds(2)),
            List.of("jwksRateLimit", "PT1S", "PT2S")),
        Arguments.of(
            (UnaryOperator<Issuer.Builder>)
                b -> b.jwksOutageTolerance(Duration.ZERO).jwksOutageTolerance(Duration.ofHours(1)),
            List.of("jwksOutageTolerance", "PT0S", "PT1H")),
        Arguments.of(
            (UnaryOperator<Issuer.Builder>)
                b -> b.jwksTimeout(Duration.ofSeconds(1)).jwksTimeout(Duration.ofSeconds(3)),
            List.of("jwksTimeout", "PT1S", "PT3S")),
        Arguments.of(
            (UnaryOperator<Issuer.Builder>) b -> b.jwksSizeLimit(1024).jwksSizeLimit(2048),
            List.of("jwksSizeLimit", "1024", "2048")),
        Arguments.of(
            (UnaryOperator<Issuer.Builder>) b -> b.maxRsaModulusBits(4096).maxRsaModulusBits(8192),
            List.of("maxRsaModulusBits", "4096", "8192")));
  }

  @ParameterizedTest
  @MethodSource("settingsMadeTwice")
  void setting_madeTwice_throwsIllegalStateNamingSettingAndBothValues(
      UnaryOperator<Issuer.Builder> twice, List<String> named) {
    assertThatThrownBy(() -> twice.apply(Issuer.builder(ISS)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContainingAll(named.toArray(new String[0]));
  }
}
