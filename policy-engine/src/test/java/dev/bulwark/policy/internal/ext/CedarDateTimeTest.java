/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy.internal.ext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CedarDateTimeTest {

  @ParameterizedTest
  @CsvSource({
    "2024-10-15, 2024-10-15T00:00:00",
    "2024-10-15T11:38:02Z, 2024-10-15T11:38:02",
    "2024-10-15T11:38:02.101Z, 2024-10-15T11:38:02.101",
    "2024-10-15T11:38:02.101+1134, 2024-10-15T00:04:02.101",
    "2024-10-15T11:38:02.101-1134, 2024-10-15T23:12:02.101",
    "2024-10-15T11:38:02+1134, 2024-10-15T00:04:02",
    "2024-10-15T11:38:02-1134, 2024-10-15T23:12:02",
    "2024-10-15T23:59:00+2359, 2024-10-15T00:00:00",
    "2024-10-15T00:00:00-2359, 2024-10-15T23:59:00",
    "2024-10-15T00:00:00+0000, 2024-10-15T00:00:00",
    "2024-10-15T00:00:00-0000, 2024-10-15T00:00:00",
    "1970-01-01, 1970-01-01T00:00:00",
    "1969-12-31T23:59:59.999Z, 1969-12-31T23:59:59.999",
    "1900-01-01, 1900-01-01T00:00:00",
    "2024-02-29, 2024-02-29T00:00:00",
    "2000-02-29, 2000-02-29T00:00:00",
    "0000-02-29, 0000-02-29T00:00:00",
    "0000-01-01, 0000-01-01T00:00:00",
    "0000-01-01T00:00:00+0100, -0001-12-31T23:00:00",
    "9999-12-31T23:59:59.999Z, 9999-12-31T23:59:59.999",
    "9999-12-31T23:59:59.999-2359, +10000-01-01T23:58:59.999"
  })
  void parse_acceptedShape_givesUtcInstant(String text, String utc) {
    long expected = LocalDateTime.parse(utc).toInstant(ZoneOffset.UTC).toEpochMilli();
    assertThat(CedarDateTime.parse(text).epochMillis()).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "a",
        "-",
        "-1",
        "11-12-13",
        "1111-1x-20",
        "0000-0a-01",
        "10000-01-01",
        "10000-01-01T00:00:00Z",
        "-2024-01-01",
        "+2024-01-01",
        " 2024-01-01",
        "2024-1-01",
        "2024/01/01",
        "\uff12024-01-01"
      })
  void parse_noDateAtStart_throwsDatePattern(String text) {
    assertThatThrownBy(() -> CedarDateTime.parse(text))
        .isInstanceOf(ExtensionException.class)
        .hasMessageStartingWith("datetime: invalid date pattern");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2024-10-15Z",
        "2024-01-01 ",
        "2024-01-01T",
        "2024-01-01Ta",
        "2024-01-01T01:",
        "2024-01-01T01:02",
        "2024-01-01T01:02:0b",
        "2024-01-01T01::02:03",
        "2024-01-01T1:02:03Z",
        "2024-01-01t00:00:00Z",
        "2024-01-01 00:00:00Z",
        "2024-01-01T00:00Z"
      })
  void parse_noTimeAfterDate_throwsTimePattern(String text) {
    assertThatThrownBy(() -> CedarDateTime.parse(text))
        .isInstanceOf(ExtensionException.class)
        .hasMessageContaining("invalid hour/minute/second pattern");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2024-01-01T00:00:00",
        "2024-01-01T00:00:00T",
        "2024-01-01T00:00:00z",
        "2024-01-01T00:00:00ZZ",
        "2024-10-15T11:38:02ZZ",
        "2024-01-01T00:00:00 Z",
        "2024-01-01T00:00:00x001Z",
        "2024-01-01T00:00:00.001ZZ",
        "2024-01-01T00:00:00.001",
        "2024-01-01T00:00:00.0001Z",
        "2024-01-01T00:00:00.01Z",
        "2024-01-01T00:00:00.1Z",
        "2024-01-01T00:00:00.Z",
        "2024-01-01T00:00:00,001Z",
        "2024-01-01T00:00:00\u27950000",
        "2024-01-01T00:00:00.001\u27960000",
        "2024-01-01T00:00:00.001+00000",
        "2024-01-01T00:00:00.001-00000",
        "2024-01-01T00:00:00+00:00",
        "2024-01-01T00:00:00+00",
        "2024-01-01T00:00:00+000",
        "2024-01-01T00:00:00Z+0000",
        "2024-01-01T00:00:00+0000Z",
        "2024-01-01T00:00:00.001Z\n"
      })
  void parse_badMillisecondsOrOffset_throwsOffsetPattern(String text) {
    assertThatThrownBy(() -> CedarDateTime.parse(text))
        .isInstanceOf(ExtensionException.class)
        .hasMessageContaining("invalid millisecond and/or offset pattern");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2024-00-01",
        "2024-01-00",
        "2024-02-30",
        "2025-02-29",
        "1900-02-29",
        "2024-13-01",
        "2024-20-01",
        "2024-01-32",
        "2024-01-99",
        "2024-04-31",
        "2024-04-31T00:00:00Z"
      })
  void parse_dateNotInCalendar_throwsInvalidDate(String text) {
    assertThatThrownBy(() -> CedarDateTime.parse(text))
        .isInstanceOf(ExtensionException.class)
        .hasMessageContaining("invalid date " + text.substring(0, 10));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2024-01-01T24:00:00Z",
        "2024-01-01T31:02:03Z",
        "2024-01-01T01:60:03Z",
        "2016-12-31T23:59:60Z",
        "2016-12-31T23:59:61.000Z",
        "2016-12-31T23:59:99+0100"
      })
  void parse_timeOutOfRange_throwsInvalidTime(String text) {
    assertThatThrownBy(() -> CedarDateTime.parse(text))
        .isInstanceOf(ExtensionException.class)
        .hasMessageContaining("invalid hour/minute/second " + text.substring(11, 19));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2016-12-31T00:00:00+1160",
        "2016-12-31T00:00:00+1199",
        "2016-12-31T00:00:00+2400",
        "2016-12-31T00:00:00-2400",
        "2016-12-31T00:00:00.000-9900"
      })
  void parse_offsetOutOfRange_throwsInvalidOffset(String text) {
    assertThatThrownBy(() -> CedarDateTime.parse(text))
        .isInstanceOf(ExtensionException.class)
        .hasMessageContaining("invalid offset " + text.substring(text.length() - 5));
  }

  @Test
  void parse_randomFieldsAndOffsets_agreesWithJavaTimeReference() {
    Random random = new Random(5L);
    List<String> mismatches = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      LocalDateTime local =
          LocalDateTime.of(
              random.nextInt(10_000),
              1 + random.nextInt(12),
              1 + random.nextInt(28),
              random.nextInt(24),
              random.nextInt(60),
              random.nextInt(60),
              random.nextInt(1000) * 1_000_000);
      int offsetMinutes = random.nextInt(24 * 60) * (random.nextBoolean() ? 1 : -1);
      boolean withMillis = random.nextBoolean();
      String text =
          pad(local.getYear(), 4)
              + "-"
              + pad(local.getMonthValue(), 2)
              + "-"
              + pad(local.getDayOfMonth(), 2)
              + "T"
              + pad(local.getHour(), 2)
              + ":"
              + pad(local.getMinute(), 2)
              + ":"
              + pad(local.getSecond(), 2)
              + (withMillis ? "." + pad(local.getNano() / 1_000_000, 3) : "")
              + (offsetMinutes < 0 ? "-" : "+")
              + pad(Math.abs(offsetMinutes) / 60, 2)
              + pad(Math.abs(offsetMinutes) % 60, 2);
      if (!withMillis) {
        local = local.withNano(0);
      }
      long expected = local.toInstant(ZoneOffset.UTC).toEpochMilli() - offsetMinutes * 60_000L;
      long parsed = CedarDateTime.parse(text).epochMillis();
      if (parsed != expected) {
        mismatches.add(text + " parsed to " + parsed + ", expected " + expected);
      }
    }
    assertThat(mismatches).isEmpty();
  }

  @Test
  void offset_byDays_movesAcrossTheEpoch() {
    CedarDateTime epoch = CedarDateTime.ofEpochMillis(0);
    assertThat(epoch.offset(CedarDuration.parse("1d")))
        .isEqualTo(CedarDateTime.parse("1970-01-02"));
    assertThat(epoch.offset(CedarDuration.parse("-1d")))
        .isEqualTo(CedarDateTime.parse("1969-12-31"));
  }

  @Test
  void offset_toOneBeyondLongRange_throwsOverflow() {
    CedarDateTime max = CedarDateTime.ofEpochMillis(Long.MAX_VALUE);
    CedarDateTime min = CedarDateTime.ofEpochMillis(Long.MIN_VALUE);
    assertThatThrownBy(() -> max.offset(CedarDuration.ofMillis(1)))
        .isInstanceOf(ExtensionException.class)
        .hasMessageStartingWith("offset: overflows");
    assertThatThrownBy(() -> min.offset(CedarDuration.ofMillis(-1)))
        .isInstanceOf(ExtensionException.class)
        .hasMessageStartingWith("offset: overflows");
  }

  @Test
  void offset_toTheLongRangeEdges_succeeds() {
    CedarDateTime epoch = CedarDateTime.ofEpochMillis(0);
    assertThat(epoch.offset(CedarDuration.ofMillis(Long.MAX_VALUE)).epochMillis())
        .isEqualTo(Long.MAX_VALUE);
    assertThat(epoch.offset(CedarDuration.ofMillis(Long.MIN_VALUE)).epochMillis())
        .isEqualTo(Long.MIN_VALUE);
    assertThat(
            CedarDateTime.ofEpochMillis(Long.MAX_VALUE)
                .offset(CedarDuration.ofMillis(-1))
                .epochMillis())
        .isEqualTo(Long.MAX_VALUE - 1);
  }

  @Test
  void durationSince_laterAndEarlier_givesSignedDifference() {
    CedarDateTime today = CedarDateTime.parse("2024-10-24");
    CedarDateTime yesterday = CedarDateTime.parse("2024-10-23");
    assertThat(today.durationSince(CedarDateTime.ofEpochMillis(0)))
        .isEqualTo(CedarDuration.parse("20020d"));
    assertThat(yesterday.durationSince(today)).isEqualTo(CedarDuration.parse("-1d"));
    assertThat(today.durationSince(yesterday)).isEqualTo(CedarDuration.parse("1d"));
  }

  @Test
  void durationSince_differenceBeyondLongRange_throwsOverflow() {
    CedarDateTime today = CedarDateTime.parse("2024-10-24");
    assertThatThrownBy(() -> today.durationSince(CedarDateTime.ofEpochMillis(Long.MIN_VALUE)))
        .isInstanceOf(ExtensionException.class)
        .hasMessageStartingWith("durationSince: overflows");
  }

  @ParameterizedTest
  @ValueSource(strings = {"2024-10-24", "2024-10-23", "1970-01-01", "1900-01-01", "0000-01-01"})
  void toDate_anyTimeOfDay_givesThatDaysMidnight(String day) {
    CedarDateTime midnight = CedarDateTime.parse(day);
    CedarDuration lastMillisecond = CedarDuration.parse("23h59m59s999ms");
    assertThat(midnight.toDate()).isEqualTo(midnight);
    assertThat(midnight.offset(lastMillisecond).toDate()).isEqualTo(midnight);
  }

  @ParameterizedTest
  @ValueSource(strings = {"2024-10-24", "1970-01-01", "1900-01-01", "0000-01-01"})
  void toDate_justBeforeMidnight_givesThePreviousDay(String day) {
    CedarDateTime midnight = CedarDateTime.parse(day);
    CedarDateTime before = midnight.offset(CedarDuration.parse("-23h59m59s999ms"));
    assertThat(before.toDate()).isEqualTo(midnight.offset(CedarDuration.parse("-1d")));
  }

  @Test
  void toDate_before1970_floorsTowardThePast() {
    assertThat(CedarDateTime.parse("1969-12-31T23:00:00Z").toDate())
        .isEqualTo(CedarDateTime.parse("1969-12-31"));
    assertThat(CedarDateTime.ofEpochMillis(-1).toDate().epochMillis()).isEqualTo(-86_400_000L);
  }

  @Test
  void toDate_midnightBelowLongRange_throwsOverflow() {
    assertThatThrownBy(() -> CedarDateTime.ofEpochMillis(Long.MIN_VALUE).toDate())
        .isInstanceOf(ExtensionException.class)
        .hasMessageStartingWith("toDate: overflows");
  }

  @Test
  void toDate_atLongMax_succeeds() {
    long max = Long.MAX_VALUE;
    assertThat(CedarDateTime.ofEpochMillis(max).toDate().epochMillis())
        .isEqualTo(max - Math.floorMod(max, 86_400_000L));
  }

  @Test
  void toTime_before1970_isNonNegativeTimeOfDay() {
    assertThat(CedarDateTime.parse("1969-12-31T23:00:00Z").toTime())
        .isEqualTo(CedarDuration.parse("23h"));
    assertThat(
            CedarDateTime.parse("1900-01-01")
                .offset(CedarDuration.parse("-23h59m59s999ms"))
                .toTime())
        .isEqualTo(CedarDuration.parse("1ms"));
    long t = CedarDateTime.ofEpochMillis(Long.MIN_VALUE).toTime().toMilliseconds();
    assertThat(t).isBetween(0L, 86_399_999L);
  }

  @Test
  void toTime_after1970_isTimeSinceMidnight() {
    assertThat(CedarDateTime.parse("2024-10-15T11:38:02.101Z").toTime())
        .isEqualTo(CedarDuration.parse("11h38m2s101ms"));
    assertThat(
            CedarDateTime.parse("2024-10-15")
                .offset(CedarDuration.parse("23h59m59s999ms"))
                .toTime())
        .isEqualTo(CedarDuration.parse("23h59m59s999ms"));
  }

  @ParameterizedTest
  @CsvSource({
    "2024-01-01, 2024-01-01T01:00:00+0100, 0",
    "2024-01-01, 2024-01-01T00:00:00.000Z, 0",
    "1900-01-01, 1970-01-01, -1",
    "2024-10-24, 2024-10-23, 1",
    "1969-12-31T23:59:59.999Z, 1970-01-01, -1"
  })
  void compareTo_pairs_orderByInstant(String a, String b, int sign) {
    CedarDateTime x = CedarDateTime.parse(a);
    CedarDateTime y = CedarDateTime.parse(b);
    assertThat(Integer.signum(x.compareTo(y))).isEqualTo(sign);
    assertThat(x.equals(y)).isEqualTo(sign == 0);
    if (sign == 0) {
      assertThat(x.hashCode()).isEqualTo(y.hashCode());
    }
  }

  @Test
  void toString_inCalendarRange_isUtcTextThatParsesBack() {
    CedarDateTime dt = CedarDateTime.parse("2024-10-15T11:38:02.101+1134");
    assertThat(dt.toString()).isEqualTo("2024-10-15T00:04:02.101Z");
    Random random = new Random(9L);
    long min = CedarDateTime.parse("0000-01-01").epochMillis();
    long max = CedarDateTime.parse("9999-12-31T23:59:59.999Z").epochMillis();
    List<String> mismatches = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      long ms = min + (long) (random.nextDouble() * (max - min));
      CedarDateTime value = CedarDateTime.ofEpochMillis(ms);
      if (CedarDateTime.parse(value.toString()).epochMillis() != ms) {
        mismatches.add(ms + " printed as " + value);
      }
    }
    assertThat(mismatches).isEmpty();
  }

  @Test
  void toString_beyondYear9999_isCedarExpression() {
    assertThat(CedarDateTime.ofEpochMillis(Long.MAX_VALUE).toString())
        .isEqualTo("datetime(\"1970-01-01\").offset(duration(\"9223372036854775807ms\"))");
  }

  @Test
  void toCedarExpression_value_isOffsetFromEpoch() {
    assertThat(CedarDateTime.parse("1970-01-02").toCedarExpression())
        .isEqualTo("datetime(\"1970-01-01\").offset(duration(\"86400000ms\"))");
  }

  private static String pad(int value, int width) {
    String s = Integer.toString(value);
    return "0".repeat(Math.max(0, width - s.length())) + s;
  }
}
