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
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import dev.bulwark.auth.AuthEngine;
import dev.bulwark.auth.FailureReason;
import dev.bulwark.auth.testsupport.Engines;
import dev.bulwark.auth.testsupport.Jws;
import dev.bulwark.auth.testsupport.TestKeys;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Attacks on the token's encoding: non-canonical base64url (RFC 7515 section 2 and RFC 4648 section
 * 3.5: unpadded, URL alphabet, zero trailing bits), extra or broken segments, whitespace, duplicate
 * JSON member names (RFC 7515 section 5.2: refuse or use the last; we require refusal, because two
 * parsers disagreeing on the value is the attack), nesting depth and size limits.
 *
 * <p>Where the hostile form still decodes to the original bytes, the token is signed over its exact
 * text, so a lenient decoder would accept it: only the strictness under test refuses it.
 */
class EncodingAttackTest {
  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final String ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

  private final AuthEngine engine = Engines.rsa(CLOCK);

  private static String headerSegment() {
    return b64(json(header("RS256", "rsa-1")));
  }

  private static String signed(String headerSegment, String payloadSegment) {
    return Jws.signSegments(TestKeys.RSA, JWSAlgorithm.RS256, headerSegment, payloadSegment);
  }

  /** A payload segment whose claims the issuer accepts and whose text has {@code wanted} in it. */
  private static String payloadSegmentContaining(char wanted) {
    // ASCII JSON rarely encodes to '-' or '_'; "~~~???" does ("fn5-Pz8_") at some alignment.
    for (int i = 0; i < 12; i++) {
      Map<String, Object> c = claims(NOW);
      c.put("note", "a".repeat(i) + "~~~???");
      String seg = b64(json(c));
      if (seg.indexOf(wanted) >= 0) {
        return seg;
      }
    }
    throw new AssertionError("no payload segment with " + wanted);
  }

  /**
   * A payload segment whose last character carries unused bits (byte length not a multiple of 3).
   */
  private static String payloadSegmentWithUnusedBits() {
    for (int i = 0; ; i++) {
      Map<String, Object> c = claims(NOW);
      c.put("pad", "x".repeat(i));
      String seg = b64(json(c));
      if (seg.length() % 4 != 0) {
        return seg;
      }
    }
  }

  /** Sets the lowest bit of the last character, which canonical base64url leaves zero. */
  private static String withNonZeroTrailingBits(String segment) {
    char last = segment.charAt(segment.length() - 1);
    char other = ALPHABET.charAt(ALPHABET.indexOf(last) | 1);
    assertThat(other).isNotEqualTo(last);
    return segment.substring(0, segment.length() - 1) + other;
  }

  private static String padded(String segment) {
    return segment + "=".repeat((4 - segment.length() % 4) % 4);
  }

  @Test
  void canonicalToken_isAccepted() {
    assertAccepted(engine, bearer(signed(headerSegment(), b64(json(claims(NOW))))));
  }

  @Test
  void payloadWithNonZeroTrailingBits_signedOverItsText_isRefusedAsMalformed() {
    String payload = withNonZeroTrailingBits(payloadSegmentWithUnusedBits());
    assertRefused(engine, bearer(signed(headerSegment(), payload)), FailureReason.MALFORMED);
  }

  @Test
  void signatureWithNonZeroTrailingBits_isRefusedAsMalformed() {
    // 256 signature bytes take 342 characters; the last one carries 4 unused bits.
    String token = signed(headerSegment(), b64(json(claims(NOW))));
    String sig = Jws.signatureSegment(token);
    assertThat(sig).hasSize(342);
    String forged =
        token.substring(0, token.length() - sig.length()) + withNonZeroTrailingBits(sig);
    assertRefused(engine, bearer(forged), FailureReason.MALFORMED);
  }

  @Test
  void paddedPayload_signedOverItsText_isRefusedAsMalformed() {
    String payload = padded(payloadSegmentWithUnusedBits());
    assertThat(payload).endsWith("=");
    assertRefused(engine, bearer(signed(headerSegment(), payload)), FailureReason.MALFORMED);
  }

  @Test
  void paddedSignature_isRefusedAsMalformed() {
    String token = signed(headerSegment(), b64(json(claims(NOW))));
    assertRefused(engine, bearer(token + "=="), FailureReason.MALFORMED);
  }

  @Test
  void payloadInStandardAlphabet_plusForMinus_signedOverItsText_isRefusedAsMalformed() {
    String payload = payloadSegmentContaining('-').replace('-', '+');
    assertRefused(engine, bearer(signed(headerSegment(), payload)), FailureReason.MALFORMED);
  }

  @Test
  void payloadInStandardAlphabet_slashForUnderscore_signedOverItsText_isRefusedAsMalformed() {
    String payload = payloadSegmentContaining('_').replace('_', '/');
    assertRefused(engine, bearer(signed(headerSegment(), payload)), FailureReason.MALFORMED);
  }

  @Test
  void signatureInStandardAlphabet_isRefusedAsMalformed() {
    String token;
    do {
      token = signed(headerSegment(), b64(json(claims(NOW))));
    } while (Jws.signatureSegment(token).indexOf('-') < 0);
    String sig = Jws.signatureSegment(token);
    String forged = token.substring(0, token.length() - sig.length()) + sig.replace('-', '+');
    assertRefused(engine, bearer(forged), FailureReason.MALFORMED);
  }

  @ParameterizedTest
  @ValueSource(strings = {".", ".e30", "..", "!", "#", "%00", "\u0000", "\u00e9"})
  void validToken_withTrailingGarbage_isRefusedAsMalformed(String garbage) {
    String token = signed(headerSegment(), b64(json(claims(NOW))));
    assertRefused(engine, bearer(token + garbage), FailureReason.MALFORMED);
  }

  @Test
  void validToken_followedBySpaceAndSecondToken_isRefusedAsMalformed() {
    String token = signed(headerSegment(), b64(json(claims(NOW))));
    assertRefused(engine, bearer(token + " " + token), FailureReason.MALFORMED);
  }

  @Test
  void fourSegments_isRefusedAsMalformed() {
    String token = signed(headerSegment(), b64(json(claims(NOW))));
    String[] p = token.split("\\.");
    assertRefused(
        engine, bearer(p[0] + "." + p[1] + "." + p[1] + "." + p[2]), FailureReason.MALFORMED);
  }

  @ParameterizedTest
  @ValueSource(strings = {" ", "\t", "\n", "\r\n", "\u00a0"})
  void whitespaceInsidePayload_signedOverItsText_isRefusedAsMalformed(String ws) {
    // MIME decoders skip whitespace, so a lenient engine would read the original claims.
    String seg = b64(json(claims(NOW)));
    String payload = seg.substring(0, 20) + ws + seg.substring(20);
    assertRefused(engine, bearer(signed(headerSegment(), payload)), FailureReason.MALFORMED);
  }

  @Test
  void duplicateSubClaim_isRefusedAsMalformed() {
    String claims = json(claims(NOW)).replaceFirst("\\{", "{\"sub\":\"admin\",");
    assertRefused(engine, bearer(signed(headerSegment(), b64(claims))), FailureReason.MALFORMED);
  }

  @Test
  void duplicateSubClaim_spelledWithAnEscape_isRefusedAsMalformed() {
    // "s\u0075b" is "sub" once unescaped: a check on the raw text alone misses it.
    String claims = json(claims(NOW)).replaceFirst("\\{", "{\"s\\\\u0075b\":\"admin\",");
    assertThat(claims).contains("\"s\\u0075b\"");
    assertRefused(engine, bearer(signed(headerSegment(), b64(claims))), FailureReason.MALFORMED);
  }

  @Test
  void duplicateExpClaim_isRefusedAsMalformed() {
    String claims = json(claims(NOW)).replaceFirst("\\{", "{\"exp\":1,");
    assertRefused(engine, bearer(signed(headerSegment(), b64(claims))), FailureReason.MALFORMED);
  }

  @Test
  void duplicateAlgHeader_isRefusedAsMalformed() {
    String header = "{\"alg\":\"none\",\"alg\":\"RS256\",\"kid\":\"rsa-1\"}";
    assertRefused(
        engine, bearer(signed(b64(header), b64(json(claims(NOW))))), FailureReason.MALFORMED);
  }

  @Test
  void duplicateKidHeader_isRefusedAsMalformed() {
    String header = "{\"alg\":\"RS256\",\"kid\":\"evil\",\"kid\":\"rsa-1\"}";
    assertRefused(
        engine, bearer(signed(b64(header), b64(json(claims(NOW))))), FailureReason.MALFORMED);
  }

  private static String nestedArrays(int depth) {
    return "[".repeat(depth) + "]".repeat(depth);
  }

  private static String nestedObjects(int depth) {
    return "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
  }

  private static String claimsWith(String name, String rawJsonValue) {
    return json(claims(NOW)).replaceFirst("\\{", "{\"" + name + "\":" + rawJsonValue + ",");
  }

  @Test
  void shallowNestingInClaims_isAccepted() {
    String claims = claimsWith("x", "[[{\"a\":[1]}]]");
    assertAccepted(engine, bearer(signed(headerSegment(), b64(claims))));
  }

  @ParameterizedTest
  @ValueSource(ints = {64, 2000})
  void deeplyNestedArraysInClaims_isRefusedAsTooLarge(int depth) {
    String claims = claimsWith("x", nestedArrays(depth));
    assertRefused(engine, bearer(signed(headerSegment(), b64(claims))), FailureReason.TOO_LARGE);
  }

  @ParameterizedTest
  @ValueSource(ints = {64, 800})
  void deeplyNestedObjectsInClaims_isRefusedAsTooLarge(int depth) {
    String claims = claimsWith("x", nestedObjects(depth));
    assertRefused(engine, bearer(signed(headerSegment(), b64(claims))), FailureReason.TOO_LARGE);
  }

  @Test
  void deeplyNestedHeader_isRefusedAsTooLarge() {
    String header = "{\"alg\":\"RS256\",\"kid\":\"rsa-1\",\"x\":" + nestedArrays(1000) + "}";
    assertRefused(
        engine, bearer(signed(b64(header), b64(json(claims(NOW))))), FailureReason.TOO_LARGE);
  }

  /** A token signed by the issuer, padded with a claim to at least {@code length} characters. */
  private static String validTokenOfAtLeast(int length) {
    Map<String, Object> c = claims(NOW);
    c.put("pad", "p".repeat(length * 3 / 4));
    String token = Jws.sign(TestKeys.RSA, "RS256", c);
    assertThat(token.length()).isGreaterThanOrEqualTo(length);
    return token;
  }

  @Test
  void validToken_overDefault8KiB_isRefusedAsTooLarge() {
    assertRefused(engine, bearer(validTokenOfAtLeast(8193)), FailureReason.TOO_LARGE);
  }

  @Test
  void validToken_exactlyAtCustomLimit_isAccepted() {
    String token = validTokenOfAtLeast(2000);
    AuthEngine limited =
        AuthEngine.builder()
            .issuer(Engines.issuer(TestKeys.publicSet(TestKeys.RSA), "RS256"))
            .clock(CLOCK)
            .maxTokenLength(token.length())
            .build();
    assertAccepted(limited, bearer(token));
  }

  @Test
  void validToken_oneByteOverCustomLimit_isRefusedAsTooLarge() {
    String token = validTokenOfAtLeast(2000);
    AuthEngine limited =
        AuthEngine.builder()
            .issuer(Engines.issuer(TestKeys.publicSet(TestKeys.RSA), "RS256"))
            .clock(CLOCK)
            .maxTokenLength(token.length() - 1)
            .build();
    assertRefused(limited, bearer(token), FailureReason.TOO_LARGE);
  }

  @Test
  void oneMebibyteOfJunk_isRefusedAsTooLargeBeforeParsing() {
    assertRefused(engine, bearer("A".repeat(1 << 20)), FailureReason.TOO_LARGE);
  }
}
