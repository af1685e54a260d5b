/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.internal.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.auth.FailureReason;
import dev.bulwark.auth.internal.Refusal;
import dev.bulwark.auth.internal.json.StrictJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link JwtClaims#numericDateMillis}: RFC 7519 section 2 NumericDates from the JSON text as the
 * engine parses it, accepted within [{@value JwtClaims#MIN_NUMERIC_DATE}, {@value
 * JwtClaims#MAX_NUMERIC_DATE}] seconds and refused as malformed outside it, never saturated.
 */
class JwtClaimsNumericDateTest {

  /** The claim {@code name} with the JSON number {@code literal}, read as the engine reads it. */
  private static long millis(String name, String literal) throws Refusal {
    byte[] json = ("{\"" + name + "\":" + literal + "}").getBytes(StandardCharsets.UTF_8);
    Map<String, Object> claims = StrictJson.parseObject(json, 4, json.length);
    return JwtClaims.numericDateMillis(claims, name);
  }

  private static FailureReason refusal(String name, String literal) {
    try {
      millis(name, literal);
    } catch (Refusal r) {
      return r.reason();
    }
    throw new AssertionError(name + " " + literal + " was accepted");
  }

  @Test
  void numericDate_ordinaryInteger_isThatSecondInMillis() throws Refusal {
    assertThat(millis("exp", "1780315200")).isEqualTo(1_780_315_200_000L);
  }

  @Test
  void numericDate_fractionalSeconds_roundedDownToTheMillisecond() throws Refusal {
    // RFC 7519 section 2: "non-integer values can be represented".
    assertThat(millis("exp", "1780315200.1239")).isEqualTo(1_780_315_200_123L);
  }

  @Test
  void numericDate_exponentNotationInRange_isAccepted() throws Refusal {
    assertThat(millis("iat", "1.7803152E9")).isEqualTo(1_780_315_200_000L);
  }

  @Test
  void numericDate_zero_isTheEpoch() throws Refusal {
    assertThat(millis("nbf", "0")).isZero();
    assertThat(millis("nbf", "-0")).isZero();
    assertThat(millis("nbf", "-0.0")).isZero();
  }

  @Test
  void numericDate_lastSecondOfYear9999_isAccepted() throws Refusal {
    assertThat(millis("exp", "253402300799"))
        .isEqualTo(Instant.parse("9999-12-31T23:59:59Z").toEpochMilli());
    assertThat(millis("exp", "253402300799.0"))
        .isEqualTo(Instant.parse("9999-12-31T23:59:59Z").toEpochMilli());
  }

  @ParameterizedTest
  @ValueSource(strings = {"exp", "nbf", "iat"})
  void numericDate_oneSecondAfterYear9999_isRefusedAsMalformed(String name) {
    assertThat(refusal(name, "253402300800")).isEqualTo(FailureReason.MALFORMED);
  }

  @ParameterizedTest
  @ValueSource(strings = {"exp", "nbf", "iat"})
  void numericDate_exponentOverflowingToInfinity_isRefusedAsMalformed(String name) {
    // 1e400 parses to +Infinity, which once saturated to year 292278994: a token never expiring.
    assertThat(refusal(name, "1e400")).isEqualTo(FailureReason.MALFORMED);
  }

  @ParameterizedTest
  @ValueSource(strings = {"exp", "nbf", "iat"})
  void numericDate_integerBeyondLong_isRefusedAsMalformed(String name) {
    assertThat(refusal(name, "99999999999999999999999999")).isEqualTo(FailureReason.MALFORMED);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "9223372036854775807",
        "9223372036854775",
        "1e300",
        "2.5340230080e11",
        "253402300799.001"
      })
  void numericDate_finiteButBeyondYear9999_isRefusedAsMalformed(String literal) {
    assertThat(refusal("exp", literal)).isEqualTo(FailureReason.MALFORMED);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"-1", "-0.001", "-1e400", "-9223372036854775808", "-99999999999999999999999999"})
  void numericDate_beforeTheEpoch_isRefusedAsMalformed(String literal) {
    // A negative exp once saturated to the far past, a negative nbf to "always valid": no issuer
    // writes either, and RFC 7519 section 2 counts seconds from the epoch until the date.
    assertThat(refusal("nbf", literal)).isEqualTo(FailureReason.MALFORMED);
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"1780315200\"", "true", "[1780315200]", "{\"s\":1780315200}", "null"})
  void numericDate_notANumber_isRefusedAsMalformed(String json) {
    assertThat(refusal("exp", json)).isEqualTo(FailureReason.MALFORMED);
  }

  @Test
  void numericDate_absent_isLongMinValue() throws Refusal {
    assertThat(JwtClaims.numericDateMillis(Map.of(), "exp")).isEqualTo(Long.MIN_VALUE);
  }

  @Test
  void numericDate_nanFromAMap_isRefusedAsMalformed() {
    // JSON has no NaN, but the check must not depend on the parser to keep it out.
    assertThatThrownBy(() -> JwtClaims.numericDateMillis(Map.of("exp", Double.NaN), "exp"))
        .isInstanceOfSatisfying(
            Refusal.class, r -> assertThat(r.reason()).isEqualTo(FailureReason.MALFORMED));
  }
}
