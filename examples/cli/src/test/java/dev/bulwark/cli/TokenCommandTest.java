/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code token mint} and {@code token verify}, end to end through {@link Main}. */
class TokenCommandTest {
  private static final String ISS = "https://id.example.com";
  private static final String AUD = "orders-api";

  @TempDir Path dir;

  /** Makes a key of {@code kty} with keygen; returns the private JWK file (the JWKS is beside). */
  private Path keygen(String kty) throws Exception {
    Path jwks = dir.resolve("jwks-" + kty + ".json");
    Cli.Run r = Cli.run("keygen", "--kty", kty, "--public-jwks", jwks.toString());
    assertThat(r.status()).as(r.err()).isZero();
    Path priv = dir.resolve("private-" + kty + ".json");
    Files.writeString(priv, r.out());
    return priv;
  }

  private Path jwksOf(String kty) {
    return dir.resolve("jwks-" + kty + ".json");
  }

  private String mint(Clock clock, Path jwk, String... extra) {
    String[] base = {
      "token",
      "mint",
      "--jwk",
      jwk.toString(),
      "--issuer",
      ISS,
      "--subject",
      "alice",
      "--audience",
      AUD
    };
    String[] args = new String[base.length + extra.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    Cli.Run r = Cli.run(clock, args);
    assertThat(r.status()).as(r.err()).isZero();
    return r.line();
  }

  private Cli.Run verify(String token, String kty, String... extra) {
    String[] base = {"token", "verify", "--issuer", ISS, "--jwks", jwksOf(kty).toString()};
    String[] args = new String[base.length + extra.length + 1];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    args[args.length - 1] = token;
    return Cli.run(args);
  }

  @ParameterizedTest
  @ValueSource(strings = {"EC", "RSA", "OKP", "oct"})
  void mintThenVerify_eachKeyType_authenticatesSubjectAndExitsZero(String kty) throws Exception {
    String token = mint(Clock.systemUTC(), keygen(kty));
    Cli.Run r = verify(token, kty, "--audience", AUD);
    assertThat(r.status()).as(r.out() + r.err()).isZero();
    Map<String, Object> json = r.json();
    assertThat(json)
        .containsEntry("authenticated", true)
        .containsEntry("subject", "alice")
        .containsEntry("issuer", ISS);
    assertThat(r.out()).hasLineCount(1);
  }

  @Test
  void verify_expiredToken_printsReasonExpiredAndExitsOne() throws Exception {
    Path jwk = keygen("EC");
    Clock anHourAgo = Clock.fixed(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC);
    String token = mint(anHourAgo, jwk, "--ttl", "5m");
    Cli.Run r = verify(token, "EC");
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.json())
        .containsEntry("authenticated", false)
        .containsEntry("reason", "EXPIRED")
        .doesNotContainKey("subject");
    assertThat(r.out()).hasLineCount(1);
  }

  @Test
  void verify_tokenFromOtherIssuer_exitsOneWithUnknownIssuer() throws Exception {
    String token = mint(Clock.systemUTC(), keygen("EC"));
    Cli.Run r =
        Cli.run(
            "token",
            "verify",
            "--issuer",
            "https://other.example.com",
            "--jwks",
            jwksOf("EC").toString(),
            token);
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.json()).containsEntry("reason", "UNKNOWN_ISSUER");
  }

  @Test
  void verify_tokenSignedByAnotherKey_exitsOneWithBadSignatureOrUnknownKey() throws Exception {
    keygen("RSA");
    Path other = dir.resolve("other.json");
    Files.writeString(other, Cli.run("keygen", "--kty", "RSA").out());
    String token = mint(Clock.systemUTC(), other);
    Cli.Run r = verify(token, "RSA");
    assertThat(r.status()).isEqualTo(1);
    // keygen names keys by thumbprint, so the stranger's kid is unknown to the JWKS.
    assertThat(r.json()).containsEntry("reason", "UNKNOWN_KEY");
  }

  @Test
  void verify_wrongAudience_exitsOneWithWrongAudience() throws Exception {
    String token = mint(Clock.systemUTC(), keygen("EC"));
    Cli.Run r = verify(token, "EC", "--audience", "billing-api");
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.json()).containsEntry("reason", "WRONG_AUDIENCE");
  }

  @Test
  void verify_requiredTypeMissing_exitsOneWithWrongType() throws Exception {
    String token = mint(Clock.systemUTC(), keygen("EC"));
    Cli.Run r = verify(token, "EC", "--type", "at+jwt");
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.json()).containsEntry("reason", "WRONG_TYPE");
  }

  @Test
  void verify_requiredTypePresent_exitsZero() throws Exception {
    String token = mint(Clock.systemUTC(), keygen("EC"), "--type", "at+jwt");
    Cli.Run r = verify(token, "EC", "--type", "at+jwt");
    assertThat(r.status()).as(r.out()).isZero();
  }

  @Test
  void verify_algorithmListFittingNoKey_exitsTwoWithIssuerMessage() throws Exception {
    String token = mint(Clock.systemUTC(), keygen("EC"));
    Cli.Run r = verify(token, "EC", "--alg", "RS256");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("RS256");
  }

  @Test
  void verify_tokenDashReadsStdin_authenticates() throws Exception {
    String token = mint(Clock.systemUTC(), keygen("EC"));
    Cli.Run r =
        Cli.runWithStdin(
            token + "\n",
            "token",
            "verify",
            "--issuer",
            ISS,
            "--jwks",
            jwksOf("EC").toString(),
            "-");
    assertThat(r.status()).as(r.out() + r.err()).isZero();
  }

  @Test
  void verify_subjectWithQuotesAndControls_isEscapedAsValidJson() throws Exception {
    String subject = "a\"b\\c\nd\u0001e\u2028f";
    Path jwk = keygen("EC");
    Cli.Run minted =
        Cli.run(
            "token",
            "mint",
            "--jwk",
            jwk.toString(),
            "--issuer",
            ISS,
            "--subject",
            subject,
            "--audience",
            AUD);
    Cli.Run r = verify(minted.line(), "EC");
    assertThat(r.status()).as(r.out()).isZero();
    assertThat(r.out()).hasLineCount(1);
    assertThat(r.json()).containsEntry("subject", subject);
  }

  @Test
  void verify_unknownOption_exitsTwoNamingIt() throws Exception {
    Cli.Run r =
        Cli.run("token", "verify", "--issuer", ISS, "--jwks", "x.json", "--audiance", AUD, "token");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("unknown option --audiance");
  }

  @Test
  void verify_badClockSkew_exitsTwoNamingOptionAndValue() throws Exception {
    keygen("EC");
    Cli.Run r = verify("t", "EC", "--clock-skew", "soon");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("--clock-skew", "'soon'");
  }

  @Test
  void verify_clockSkewBeyondEngineLimit_exitsTwoWithEngineMessage() throws Exception {
    keygen("EC");
    Cli.Run r = verify("t", "EC", "--clock-skew", "10m");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("clockSkew");
  }

  @Test
  void verify_missingIssuer_exitsTwo() throws Exception {
    keygen("EC");
    Cli.Run r = Cli.run("token", "verify", "--jwks", jwksOf("EC").toString(), "t");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("--issuer is required");
  }

  @Test
  void verify_missingJwksFile_exitsTwoNamingFile() {
    Cli.Run r =
        Cli.run(
            "token",
            "verify",
            "--issuer",
            ISS,
            "--jwks",
            dir.resolve("absent.json").toString(),
            "t");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("--jwks file not found", "absent.json");
  }

  @Test
  void verify_symmetricKeyWithoutAlgOption_exitsTwo() throws Exception {
    // keygen sets alg on the key; a bare oct key, as other tools write it, must be named with
    // --alg.
    Path bare = dir.resolve("bare.json");
    Files.writeString(bare, "{\"keys\":[{\"kty\":\"oct\",\"k\":\"" + "A".repeat(43) + "\"}]}");
    Cli.Run r = Cli.run("token", "verify", "--issuer", ISS, "--jwks", bare.toString(), "t");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("--alg");
  }

  @Test
  void verify_withoutTokenArgument_exitsTwo() throws Exception {
    keygen("EC");
    Cli.Run r = Cli.run("token", "verify", "--issuer", ISS, "--jwks", jwksOf("EC").toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("needs TOKEN");
  }

  @Test
  void mint_jsonClaim_isCarriedAsJsonValue() throws Exception {
    String token =
        mint(
            Clock.systemUTC(),
            keygen("EC"),
            "--claim",
            "roles:=[\"admin\",\"ops\"]",
            "--claim",
            "tenant=t1");
    Map<String, Object> claims = SignedJWT.parse(token).getJWTClaimsSet().toJSONObject();
    assertThat(claims.get("roles")).isEqualTo(List.of("admin", "ops"));
    assertThat(claims.get("tenant")).isEqualTo("t1");
  }

  @Test
  void mint_okpKey_signsEdDSA() throws Exception {
    assertThat(
            SignedJWT.parse(mint(Clock.systemUTC(), keygen("OKP")))
                .getHeader()
                .getAlgorithm()
                .getName())
        .isEqualTo("EdDSA");
  }

  @Test
  void mint_reservedClaim_exitsTwoNamingIt() throws Exception {
    Cli.Run r =
        Cli.run(
            "token",
            "mint",
            "--jwk",
            keygen("EC").toString(),
            "--issuer",
            ISS,
            "--subject",
            "alice",
            "--claim",
            "exp=0");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("--claim exp");
  }

  @Test
  void mint_publicKeyOnly_exitsTwo() throws Exception {
    keygen("EC");
    Cli.Run r =
        Cli.run(
            "token",
            "mint",
            "--jwk",
            jwksOf("EC").toString(),
            "--issuer",
            ISS,
            "--subject",
            "alice");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("private key");
  }

  @Test
  void mint_optionGivenTwice_exitsTwoNamingBothValues() throws Exception {
    Cli.Run r =
        Cli.run(
            "token",
            "mint",
            "--jwk",
            keygen("EC").toString(),
            "--issuer",
            ISS,
            "--subject",
            "alice",
            "--subject",
            "bob");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("--subject given twice", "'alice'", "'bob'");
  }
}
