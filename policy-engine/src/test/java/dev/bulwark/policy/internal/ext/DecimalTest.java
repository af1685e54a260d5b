/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy.internal.ext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DecimalTest {

  @ParameterizedTest
  @CsvSource({
    "1.0, 10000",
    "-1.0, -10000",
    "123.456, 1234560",
    "0.1234, 1234",
    "-0.0123, -123",
    "55.1, 551000",
    "00.000, 0",
    "-0.0, 0",
    "-0.5, -5000",
    "007.5, 75000",
    "0000000000000000000000000001.0, 10000",
    "922337203685477.5807, 9223372036854775807",
    "-922337203685477.5808, -9223372036854775808"
  })
  void parse_wellFormedInRange_givesScaledValue(String text, long scaled) {
    assertThat(Decimal.parse(text).scaledValue()).isEqualTo(scaled);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "-",
        "1234",
        "1.",
        ".1",
        "-.",
        "-.5",
        "1.0.",
        "1.0.0",
        "1.a",
        "a.1",
        "+1.0",
        "--1.0",
        "1.-5",
        " 1.0",
        "1.0 ",
        "1.0\n",
        "1,0",
        "1e3",
        "1.0e3",
        "0x1.0",
        "\uff11.0",
        "\u0661.\u0665"
      })
  void parse_notDigitsDotDigits_throwsNotWellFormed(String text) {
    assertThatThrownBy(() -> Decimal.parse(text))
        .isInstanceOf(ExtensionException.class)
        .hasMessageStartingWith("decimal: ")
        .hasMessageContaining("not a well-formed decimal");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0.12345", "0.00000", "1.23456", "-1.00000"})
  void parse_moreThanFourFractionalDigits_throws(String text) {
    assertThatThrownBy(() -> Decimal.parse(text))
        .isInstanceOf(ExtensionException.class)
        .hasMessageContaining("too many digits after the decimal point");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1000000000000000.0",
        "922337203685477.5808",
        "-922337203685477.5809",
        "-922337203685478.0",
        "922337203685478.0",
        "9223372036854775807.0",
        "99999999999999999999999.0",
        "-99999999999999999999999.0"
      })
  void parse_outsideSigned64BitScaledRange_throwsOutOfRange(String text) {
    assertThatThrownBy(() -> Decimal.parse(text))
        .isInstanceOf(ExtensionException.class)
        .hasMessageContaining("out of range");
  }

  @Test
  void parse_randomDigitStrings_agreesWithBigDecimalReference() {
    Random random = new Random(7L);
    BigDecimal min = BigDecimal.valueOf(Long.MIN_VALUE, 4);
    BigDecimal max = BigDecimal.valueOf(Long.MAX_VALUE, 4);
    List<String> mismatches = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      String text =
          (random.nextBoolean() ? "-" : "")
              + digits(random, 1 + random.nextInt(18))
              + "."
              + digits(random, 1 + random.nextInt(5));
      BigDecimal reference = new BigDecimal(text);
      boolean fits =
          reference.scale() <= 4 && reference.compareTo(min) >= 0 && reference.compareTo(max) <= 0;
      try {
        long scaled = Decimal.parse(text).scaledValue();
        if (!fits || reference.movePointRight(4).longValueExact() != scaled) {
          mismatches.add(text + " parsed to " + scaled);
        }
      } catch (ExtensionException e) {
        if (fits) {
          mismatches.add(text + " refused: " + e.getMessage());
        }
      }
    }
    assertThat(mismatches).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "1.23, 1.24, true, true, false, false",
    "1.24, 1.23, false, false, true, true",
    "1.23, 1.2300, false, true, false, true",
    "-1.23, 1.23, true, true, false, false",
    "-1.24, -1.23, true, true, false, false",
    "-0.0001, 0.0, true, true, false, false",
    "-0.0023, -0.23, false, false, true, true",
    "-1.0000, -0.9999, true, true, false, false",
    "-0.0, 0.0, false, true, false, true",
    "-922337203685477.5808, 922337203685477.5807, true, true, false, false"
  })
  void comparisons_pairs_orderByValue(
      String a, String b, boolean lt, boolean le, boolean gt, boolean ge) {
    Decimal x = Decimal.parse(a);
    Decimal y = Decimal.parse(b);
    assertThat(x.lessThan(y)).isEqualTo(lt);
    assertThat(x.lessThanOrEqual(y)).isEqualTo(le);
    assertThat(x.greaterThan(y)).isEqualTo(gt);
    assertThat(x.greaterThanOrEqual(y)).isEqualTo(ge);
    assertThat(Integer.signum(x.compareTo(y))).isEqualTo(lt ? -1 : gt ? 1 : 0);
  }

  @ParameterizedTest
  @CsvSource({
    "123.0, 123.0000, true",
    "123.0, 0123.0, true",
    "0.0, -0.0, true",
    "-0.23, 0.23, false",
    "123.0, 123.456, false"
  })
  void equals_sameValueDifferentSpelling_equal(String a, String b, boolean expected) {
    Decimal x = Decimal.parse(a);
    Decimal y = Decimal.parse(b);
    assertThat(x.equals(y)).isEqualTo(expected);
    if (expected) {
      assertThat(x.hashCode()).isEqualTo(y.hashCode());
    }
  }

  @ParameterizedTest
  @CsvSource({
    "1.5, 1.5000",
    "123.0, 123.0000",
    "1.23, 1.2300",
    "-123.456, -123.4560",
    "-0.0, 0.0000",
    "-0.0001, -0.0001",
    "-1.5, -1.5000",
    "922337203685477.5807, 922337203685477.5807",
    "-922337203685477.5808, -922337203685477.5808"
  })
  void toString_value_hasFourFractionalDigits(String text, String expected) {
    assertThat(Decimal.parse(text).toString()).isEqualTo(expected);
  }

  @Test
  void toString_randomScaledValues_parsesBackToEqualValue() {
    Random random = new Random(11L);
    List<Long> mismatches = new ArrayList<>();
    long[] edges = {Long.MIN_VALUE, Long.MIN_VALUE + 1, -10_000, -1, 0, 1, 9_999, Long.MAX_VALUE};
    for (int i = 0; i < 5_000 + edges.length; i++) {
      long v = i < edges.length ? edges[i] : random.nextLong() >> random.nextInt(64);
      if (Decimal.parse(Decimal.ofScaled(v).toString()).scaledValue() != v) {
        mismatches.add(v);
      }
    }
    assertThat(mismatches).isEmpty();
  }

  @Test
  void toCedarExpression_value_isDecimalCallOnCanonicalText() {
    assertThat(Decimal.parse("1.5").toCedarExpression()).isEqualTo("decimal(\"1.5000\")");
  }

  private static String digits(Random random, int count) {
    StringBuilder sb = new StringBuilder(count);
    for (int i = 0; i < count; i++) {
      sb.append((char) ('0' + random.nextInt(10)));
    }
    return sb.toString();
  }
}
