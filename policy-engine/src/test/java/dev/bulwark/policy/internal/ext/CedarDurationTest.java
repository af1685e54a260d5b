/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy.internal.ext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CedarDurationTest {

  @ParameterizedTest
  @CsvSource({
    "1h, 3600000",
    "-10h, -36000000",
    "5d3ms, 432000003",
    "-3h5m, -11100000",
    "1d2h3m4s5ms, 93784005",
    "-1d2h3m4s5ms, -93784005",
    "1m, 60000",
    "1ms, 1",
    "1m1ms, 60001",
    "90m, 5400000",
    "0ms, 0",
    "-0ms, 0",
    "0d, 0",
    "0001s, 1000",
    "100000s, 100000000",
    "9223372036854775807ms, 9223372036854775807",
    "-9223372036854775808ms, -9223372036854775808"
  })
  void parse_wellFormed_givesMilliseconds(String text, long millis) {
    assertThat(CedarDuration.parse(text).toMilliseconds()).isEqualTo(millis);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "-",
        "a",
        "1",
        "-1",
        "\u27961ms",
        "11dd",
        "00000mm",
        "-d",
        "-h",
        "-ms",
        "-1hh",
        "-h2d",
        "d",
        "1w",
        "1us",
        "1H",
        "1D",
        "1.5h",
        "+1h",
        "--1h",
        " 1h",
        "1h ",
        "1 h",
        "1d-2h",
        "1h\n"
      })
  void parse_notQuantityUnitPairs_throwsInvalid(String text) {
    assertThatThrownBy(() -> CedarDuration.parse(text))
        .isInstanceOf(ExtensionException.class)
        .hasMessageStartingWith("duration: invalid duration");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1ms1s", "1ms1m", "1ms1h", "0ms1d", "1s1m", "1s1h", "0s0d", "0m0h", "0m0d", "1h1d",
        "1ms1m1d", "1h1h", "1d1d", "1ms1ms", "2m1m"
      })
  void parse_unitsOutOfOrderOrRepeated_throwsInvalid(String text) {
    assertThatThrownBy(() -> CedarDuration.parse(text))
        .isInstanceOf(ExtensionException.class)
        .hasMessageContaining("invalid duration");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "9223372036854775808ms",
        "-9223372036854775809ms",
        "18446744073709551616ms",
        "99999999999999999999999d",
        "106751991168d",
        "-106751991168d",
        "9223372036854775s808ms",
        "106751991167d7h12m55s808ms",
        "-106751991167d7h12m55s809ms"
      })
  void parse_totalOutside64Bits_throwsOverflow(String text) {
    assertThatThrownBy(() -> CedarDuration.parse(text))
        .isInstanceOf(ExtensionException.class)
        .hasMessageContaining("does not fit 64-bit milliseconds");
  }

  @Test
  void parse_malformedAndOverflowing_reportsMalformed() {
    assertThatThrownBy(() -> CedarDuration.parse("99999999999999999999999d1d"))
        .isInstanceOf(ExtensionException.class)
        .hasMessageContaining("invalid duration");
  }

  @Test
  void parse_randomMillisecondsSpelledInAllUnits_givesThoseMilliseconds() {
    Random random = new Random(3L);
    List<String> mismatches = new ArrayList<>();
    long[] edges = {
      Long.MIN_VALUE, Long.MIN_VALUE + 1, -1, 0, 1, Long.MAX_VALUE - 1, Long.MAX_VALUE
    };
    for (int i = 0; i < 5_000 + edges.length; i++) {
      long ms = i < edges.length ? edges[i] : random.nextLong() >> random.nextInt(64);
      String text = spelledOut(ms);
      long parsed = CedarDuration.parse(text).toMilliseconds();
      if (parsed != ms) {
        mismatches.add(text + " parsed to " + parsed);
      }
    }
    assertThat(mismatches).isEmpty();
  }

  @Test
  void parse_oneMillisecondBeyondEitherEnd_throwsOverflow() {
    BigInteger max = BigInteger.valueOf(Long.MAX_VALUE);
    BigInteger min = BigInteger.valueOf(Long.MIN_VALUE);
    for (BigInteger beyond : List.of(max.add(BigInteger.ONE), min.subtract(BigInteger.ONE))) {
      assertThatThrownBy(() -> CedarDuration.parse(spelledOut(beyond)))
          .isInstanceOf(ExtensionException.class)
          .hasMessageContaining("does not fit");
    }
  }

  @ParameterizedTest
  @CsvSource({
    "10d23h59m58s999ms, 950398999, 950398, 15839, 263, 10",
    "-10d23h59m58s999ms, -950398999, -950398, -15839, -263, -10",
    "1500ms, 1500, 1, 0, 0, 0",
    "-1500ms, -1500, -1, 0, 0, 0",
    "-1d23h, -169200000, -169200, -2820, -47, -1",
    "59m59s999ms, 3599999, 3599, 59, 0, 0",
    "0ms, 0, 0, 0, 0, 0",
    "-9223372036854775808ms, -9223372036854775808, -9223372036854775, -153722867280912,"
        + " -2562047788015, -106751991167"
  })
  void conversions_value_truncateTowardZero(
      String text, long ms, long seconds, long minutes, long hours, long days) {
    CedarDuration d = CedarDuration.parse(text);
    assertThat(d.toMilliseconds()).isEqualTo(ms);
    assertThat(d.toSeconds()).isEqualTo(seconds);
    assertThat(d.toMinutes()).isEqualTo(minutes);
    assertThat(d.toHours()).isEqualTo(hours);
    assertThat(d.toDays()).isEqualTo(days);
  }

  @ParameterizedTest
  @CsvSource({
    "1h, 60m, 0",
    "1d, 24h, 0",
    "1000ms, 1s, 0",
    "-1ms, 0ms, -1",
    "1ms, -1d, 1",
    "59m59s999ms, 1h, -1"
  })
  void compareTo_pairs_orderByLength(String a, String b, int sign) {
    CedarDuration x = CedarDuration.parse(a);
    CedarDuration y = CedarDuration.parse(b);
    assertThat(Integer.signum(x.compareTo(y))).isEqualTo(sign);
    assertThat(x.equals(y)).isEqualTo(sign == 0);
    if (sign == 0) {
      assertThat(x.hashCode()).isEqualTo(y.hashCode());
    }
  }

  @Test
  void toString_value_isMillisecondsWithUnit() {
    assertThat(CedarDuration.parse("-1m30s").toString()).isEqualTo("-90000ms");
    assertThat(CedarDuration.parse("1m30s").toCedarExpression()).isEqualTo("duration(\"90000ms\")");
  }

  private static String spelledOut(long ms) {
    return spelledOut(BigInteger.valueOf(ms));
  }

  /** Writes a millisecond count with every unit present, such as {@code -1d0h0m2s3ms}. */
  private static String spelledOut(BigInteger ms) {
    String sign = ms.signum() < 0 ? "-" : "";
    BigInteger rest = ms.abs();
    BigInteger[] qr = rest.divideAndRemainder(BigInteger.valueOf(1000));
    long millis = qr[1].longValue();
    qr = qr[0].divideAndRemainder(BigInteger.valueOf(60));
    long seconds = qr[1].longValue();
    qr = qr[0].divideAndRemainder(BigInteger.valueOf(60));
    long minutes = qr[1].longValue();
    qr = qr[0].divideAndRemainder(BigInteger.valueOf(24));
    long hours = qr[1].longValue();
    return sign + qr[0] + "d" + hours + "h" + minutes + "m" + seconds + "s" + millis + "ms";
  }
}
