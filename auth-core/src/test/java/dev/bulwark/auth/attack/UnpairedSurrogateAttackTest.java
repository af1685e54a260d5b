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
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import dev.bulwark.auth.AuthEngine;
import dev.bulwark.auth.FailureReason;
import dev.bulwark.auth.Principal;
import dev.bulwark.auth.testsupport.Engines;
import dev.bulwark.auth.testsupport.Jws;
import dev.bulwark.auth.testsupport.TestKeys;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Unpaired UTF-16 surrogates in a token's strings, escaped (backslash, {@code u}, {@code d800}) or
 * raw (the surrogate's three-byte UTF-8 form, {@code ED A0 80}), in the header and in the claims.
 * RFC 8259 section 8.2 leaves such a string's meaning to each parser and RFC 7493 section 2.1
 * forbids it: one reader keeps the lone char, another replaces it with U+FFFD or {@code '?'}, so
 * two readers of one signed token see different claims. Each is refused as malformed; a well-formed
 * pair, escaped or raw, is a character like any other and is accepted.
 */
class UnpairedSurrogateAttackTest {
  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  /** U+D800 as UTF-8 would spell it if surrogates had a UTF-8 form (CESU-8); invalid UTF-8. */
  private static final byte[] RAW_LONE_SURROGATE = {(byte) 0xED, (byte) 0xA0, (byte) 0x80};

  private final AuthEngine engine = Engines.rsa(CLOCK);

  private static String headerSegment() {
    return b64(json(header("RS256", "rsa-1")));
  }

  private static String signed(String headerSegment, String payloadSegment) {
    return Jws.signSegments(TestKeys.RSA, JWSAlgorithm.RS256, headerSegment, payloadSegment);
  }

  /**
   * The issuer's valid claims with the member {@code name} replaced by the raw JSON {@code value}.
   */
  private static String claimsWith(String name, String rawJsonValue) {
    Map<String, Object> c = claims(NOW);
    c.remove(name);
    return "{\"" + name + "\":" + rawJsonValue + "," + json(c).substring(1);
  }

  private static byte[] concat(String before, byte[] raw, String after) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(before.getBytes(UTF_8));
    out.writeBytes(raw);
    out.writeBytes(after.getBytes(UTF_8));
    return out.toByteArray();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "alice\\ud800", // a high surrogate at the end
        "\\ud800alice", // a high surrogate followed by a letter
        "alice\\udc00", // a low surrogate alone
        "\\ude00\\ud83d", // a pair in the wrong order
        "\\ud83dx\\ude00", // a pair split by a letter
        "\\ud83d\\ud83d\\ude00", // two highs, one low
        "\\ud83d\\u0041", // a high followed by an escaped letter
      })
  void escapedUnpairedSurrogateInSub_isRefusedAsMalformed(String sub) {
    String claims = claimsWith("sub", "\"" + sub + "\"");
    assertRefused(engine, bearer(signed(headerSegment(), b64(claims))), FailureReason.MALFORMED);
  }

  @Test
  void escapedUnpairedSurrogateInAudArrayBesideOurs_isRefusedAsMalformed() {
    String claims = claimsWith("aud", "[\"" + Jws.AUD + "\",\"payments\\ud800\"]");
    assertRefused(engine, bearer(signed(headerSegment(), b64(claims))), FailureReason.MALFORMED);
  }

  @Test
  void escapedUnpairedSurrogateInRoles_isRefusedAsMalformed() {
    String claims = claimsWith("roles", "[\"admin\\udfff\"]");
    assertRefused(engine, bearer(signed(headerSegment(), b64(claims))), FailureReason.MALFORMED);
  }

  @Test
  void escapedUnpairedSurrogateInAMemberName_isRefusedAsMalformed() {
    String claims = claimsWith("x\\ud800", "1");
    assertRefused(engine, bearer(signed(headerSegment(), b64(claims))), FailureReason.MALFORMED);
  }

  @Test
  void escapedUnpairedSurrogateInHeader_isRefusedAsMalformed() {
    String header = "{\"alg\":\"RS256\",\"kid\":\"rsa-1\",\"note\":\"\\ud800\"}";
    assertRefused(
        engine, bearer(signed(b64(header), b64(json(claims(NOW))))), FailureReason.MALFORMED);
  }

  @Test
  void rawUnpairedSurrogateInClaims_isRefusedAsMalformed() {
    String claims = claimsWith("sub", "\"alice@\"");
    int at = claims.indexOf('@');
    byte[] payload = concat(claims.substring(0, at), RAW_LONE_SURROGATE, claims.substring(at + 1));
    assertRefused(engine, bearer(signed(headerSegment(), b64(payload))), FailureReason.MALFORMED);
  }

  @Test
  void rawUnpairedSurrogateInHeader_isRefusedAsMalformed() {
    byte[] header =
        concat("{\"alg\":\"RS256\",\"kid\":\"rsa-1\",\"note\":\"", RAW_LONE_SURROGATE, "\"}");
    assertRefused(
        engine, bearer(signed(b64(header), b64(json(claims(NOW))))), FailureReason.MALFORMED);
  }

  @Test
  void escapedSurrogatePairInSub_isAcceptedAsItsCharacter() {
    String claims = claimsWith("sub", "\"alice\\ud83d\\ude00\"");
    Principal p = assertAccepted(engine, bearer(signed(headerSegment(), b64(claims))));
    assertThat(p.subject()).isEqualTo("alice\uD83D\uDE00");
  }

  @Test
  void rawSupplementaryCharacterInSub_isAcceptedAsItsCharacter() {
    String claims = claimsWith("sub", "\"alice\uD83D\uDE00\"");
    Principal p = assertAccepted(engine, bearer(signed(headerSegment(), b64(claims))));
    assertThat(p.subject()).isEqualTo("alice\uD83D\uDE00");
  }

  @Test
  void escapedSurrogatePairInHeader_isAccepted() {
    String header = "{\"alg\":\"RS256\",\"kid\":\"rsa-1\",\"note\":\"\\ud83d\\ude00\"}";
    assertAccepted(engine, bearer(signed(b64(header), b64(json(claims(NOW))))));
  }
}
