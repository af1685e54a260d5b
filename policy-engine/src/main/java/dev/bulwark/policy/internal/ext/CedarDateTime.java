/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy.internal.ext;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A value of Cedar's {@code datetime} extension type: a signed 64-bit number of milliseconds since
 * 1970-01-01T00:00:00Z, leap seconds not counted. Instances are immutable and thread-safe.
 *
 * <h2>What {@code datetime("...")} accepts</h2>
 *
 * Exactly these four shapes, all ASCII digits, nothing before or after:
 *
 * <ul>
 *   <li>{@code YYYY-MM-DD} (midnight UTC);
 *   <li>{@code YYYY-MM-DDThh:mm:ssZ};
 *   <li>{@code YYYY-MM-DDThh:mm:ss.SSSZ} (exactly three fractional digits);
 *   <li>either of the two above with {@code +hhmm} or {@code -hhmm} instead of {@code Z} (no colon,
 *       hours below 24, minutes below 60); the offset is subtracted to get UTC.
 * </ul>
 *
 * The year has exactly four digits, so {@code 0000} to {@code 9999} (year 0 exists: the calendar is
 * the proleptic Gregorian one); month and day must form a real date; hour below 24, minute and
 * second below 60 (no leap second {@code :60}). Refused among others: a lower-case {@code t} or
 * {@code z}, a space instead of {@code T}, {@code hh:mm} offsets, a missing {@code Z}, one, two or
 * four fractional digits, {@code Z} after a date without a time.
 *
 * <p>Values reached through {@link #offset} can lie outside years 0 to 9999; every arithmetic step
 * that leaves the 64-bit range throws. Cedar's {@code <}, {@code <=}, {@code >}, {@code >=} work on
 * two datetimes: use {@link #compareTo}. Equality is by instant: {@code datetime("2024-01-01") ==
 * datetime("2024-01-01T01:00:00+0100")}.
 */
public final class CedarDateTime implements Comparable<CedarDateTime> {

  private static final long DAY_MILLIS = 86_400_000L;
  private static final long MIN_EPOCH_DAY = LocalDate.of(0, 1, 1).toEpochDay();
  private static final long MAX_EPOCH_DAY = LocalDate.of(9999, 12, 31).toEpochDay();

  private final long epochMillis;

  private CedarDateTime(long epochMillis) {
    this.epochMillis = epochMillis;
  }

  /**
   * Returns the datetime {@code epochMillis} milliseconds after the Unix epoch.
   *
   * @param epochMillis any value; negative is before 1970
   * @return the datetime
   */
  public static CedarDateTime ofEpochMillis(long epochMillis) {
    return new CedarDateTime(epochMillis);
  }

  /**
   * Parses the argument of Cedar's {@code datetime("...")}.
   *
   * @param text such as {@code "2024-10-15"} or {@code "2024-10-15T11:38:02.101-0130"}
   * @return the value
   * @throws ExtensionException (function {@code datetime}) if Cedar refuses the text
   */
  public static CedarDateTime parse(String text) {
    Objects.requireNonNull(text, "text");
    int n = text.length();
    // Syntax first, left to right, then the meaning (a real date, a real time, an offset in
    // range), in the same order as Cedar so that the reported problem is the one Cedar reports.
    if (n < 10
        || !digits(text, 0, 4)
        || text.charAt(4) != '-'
        || !digits(text, 5, 2)
        || text.charAt(7) != '-'
        || !digits(text, 8, 2)) {
      throw fail(text, "invalid date pattern, expected YYYY-MM-DD at the start");
    }
    int year = number(text, 0, 4);
    int month = number(text, 5, 2);
    int day = number(text, 8, 2);
    if (n == 10) {
      return new CedarDateTime(epochDay(text, year, month, day) * DAY_MILLIS);
    }
    if (n < 19
        || text.charAt(10) != 'T'
        || !digits(text, 11, 2)
        || text.charAt(13) != ':'
        || !digits(text, 14, 2)
        || text.charAt(16) != ':'
        || !digits(text, 17, 2)) {
      throw fail(text, "invalid hour/minute/second pattern, expected Thh:mm:ss after the date");
    }
    int hour = number(text, 11, 2);
    int minute = number(text, 14, 2);
    int second = number(text, 17, 2);
    int pos = 19;
    int millis = 0;
    if (pos < n && text.charAt(pos) == '.') {
      if (!digits(text, pos + 1, 3)) {
        throw msOffsetPattern(text);
      }
      millis = number(text, pos + 1, 3);
      pos += 4;
    }
    boolean zulu = pos + 1 == n && text.charAt(pos) == 'Z';
    boolean numericOffset =
        pos + 5 == n
            && (text.charAt(pos) == '+' || text.charAt(pos) == '-')
            && digits(text, pos + 1, 4);
    if (!zulu && !numericOffset) {
      throw msOffsetPattern(text);
    }
    int offsetHours = numericOffset ? number(text, pos + 1, 2) : 0;
    int offsetMinutes = numericOffset ? number(text, pos + 3, 2) : 0;
    int offsetSign = numericOffset && text.charAt(pos) == '-' ? -1 : 1;
    long days = epochDay(text, year, month, day);
    if (hour >= 24 || minute >= 60 || second >= 60) {
      throw fail(
          text,
          "invalid hour/minute/second "
              + text.substring(11, 19)
              + ": hour must be below 24, minute and second below 60");
    }
    if (offsetHours >= 24 || offsetMinutes >= 60) {
      throw fail(
          text,
          "invalid offset "
              + text.substring(n - 5)
              + ": hours must be below 24 and minutes below 60");
    }
    // Years 0..9999 with an offset below a day stay far inside the 64-bit range.
    long local = days * DAY_MILLIS + hour * 3_600_000L + minute * 60_000L + second * 1000L + millis;
    return new CedarDateTime(
        local - offsetSign * (offsetHours * 3_600_000L + offsetMinutes * 60_000L));
  }

  /**
   * Returns the number of milliseconds since 1970-01-01T00:00:00Z.
   *
   * @return the epoch milliseconds, negative before 1970
   */
  public long epochMillis() {
    return epochMillis;
  }

  /**
   * Cedar's {@code offset(duration)}: this datetime moved by {@code duration}.
   *
   * @param duration how far to move, may be negative
   * @return the moved datetime
   * @throws ExtensionException (function {@code offset}) if the result leaves the 64-bit range
   */
  public CedarDateTime offset(CedarDuration duration) {
    try {
      return new CedarDateTime(Math.addExact(epochMillis, duration.toMilliseconds()));
    } catch (ArithmeticException e) {
      throw new ExtensionException(
          "offset",
          "overflows when adding an offset: " + toCedarExpression() + " + (" + duration + ")");
    }
  }

  /**
   * Cedar's {@code durationSince(other)}: {@code this - other}, negative if {@code other} is later.
   *
   * @param other the earlier datetime
   * @return the duration between the two
   * @throws ExtensionException (function {@code durationSince}) if the difference leaves the 64-bit
   *     range
   */
  public CedarDuration durationSince(CedarDateTime other) {
    try {
      return CedarDuration.ofMillis(Math.subtractExact(epochMillis, other.epochMillis));
    } catch (ArithmeticException e) {
      throw new ExtensionException(
          "durationSince",
          "overflows when computing the duration between "
              + toCedarExpression()
              + " and "
              + other.toCedarExpression());
    }
  }

  /**
   * Cedar's {@code toDate()}: midnight UTC of the day this datetime falls on. Before 1970 that is
   * the day's start, not the next midnight toward 1970: {@code 1969-12-31T23:00:00Z} gives {@code
   * 1969-12-31}.
   *
   * @return the start of the UTC day
   * @throws ExtensionException (function {@code toDate}) if that midnight lies below the 64-bit
   *     range, which happens only within a day of {@link Long#MIN_VALUE} milliseconds
   */
  public CedarDateTime toDate() {
    try {
      return new CedarDateTime(
          Math.subtractExact(epochMillis, Math.floorMod(epochMillis, DAY_MILLIS)));
    } catch (ArithmeticException e) {
      throw new ExtensionException(
          "toDate", "overflows when computing the date of " + toCedarExpression());
    }
  }

  /**
   * Cedar's {@code toTime()}: the time since this datetime's UTC midnight, always between 0 and
   * 23:59:59.999, also before 1970.
   *
   * @return the time of day as a duration
   */
  public CedarDuration toTime() {
    return CedarDuration.ofMillis(Math.floorMod(epochMillis, DAY_MILLIS));
  }

  /** Orders by instant. */
  @Override
  public int compareTo(CedarDateTime other) {
    return Long.compare(epochMillis, other.epochMillis);
  }

  /**
   * The Cedar expression for this value as Cedar writes it canonically: {@code
   * datetime("1970-01-01").offset(duration("<epochMillis>ms"))}.
   *
   * @return the expression text
   */
  public String toCedarExpression() {
    return "datetime(\"1970-01-01\").offset(duration(\"" + epochMillis + "ms\"))";
  }

  /**
   * For people, not Cedar: {@code YYYY-MM-DDThh:mm:ss.SSSZ} when the year is 0 to 9999, a text that
   * {@link #parse} reads back to an equal value; otherwise {@link #toCedarExpression()}.
   *
   * @return the text
   */
  @Override
  public String toString() {
    long days = Math.floorDiv(epochMillis, DAY_MILLIS);
    long ms = Math.floorMod(epochMillis, DAY_MILLIS);
    if (days < MIN_EPOCH_DAY || days > MAX_EPOCH_DAY) {
      return toCedarExpression();
    }
    LocalDate date = LocalDate.ofEpochDay(days);
    StringBuilder sb = new StringBuilder(24);
    pad(sb, date.getYear(), 4).append('-');
    pad(sb, date.getMonthValue(), 2).append('-');
    pad(sb, date.getDayOfMonth(), 2).append('T');
    pad(sb, ms / 3_600_000L, 2).append(':');
    pad(sb, ms / 60_000L % 60, 2).append(':');
    pad(sb, ms / 1000 % 60, 2).append('.');
    return pad(sb, ms % 1000, 3).append('Z').toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CedarDateTime && ((CedarDateTime) o).epochMillis == epochMillis;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(epochMillis);
  }

  private static long epochDay(String text, int year, int month, int day) {
    if (month < 1 || month > 12 || day < 1 || day > lengthOfMonth(year, month)) {
      throw fail(text, "invalid date " + text.substring(0, 10));
    }
    return LocalDate.of(year, month, day).toEpochDay();
  }

  private static int lengthOfMonth(int year, int month) {
    switch (month) {
      case 2:
        boolean leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        return leap ? 29 : 28;
      case 4:
      case 6:
      case 9:
      case 11:
        return 30;
      default:
        return 31;
    }
  }

  private static boolean digits(String s, int from, int count) {
    if (from + count > s.length()) {
      return false;
    }
    for (int i = from; i < from + count; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static int number(String s, int from, int count) {
    int v = 0;
    for (int i = from; i < from + count; i++) {
      v = v * 10 + (s.charAt(i) - '0');
    }
    return v;
  }

  private static StringBuilder pad(StringBuilder sb, long value, int width) {
    String s = Long.toString(value);
    for (int i = s.length(); i < width; i++) {
      sb.append('0');
    }
    return sb.append(s);
  }

  private static ExtensionException msOffsetPattern(String text) {
    return fail(
        text,
        "invalid millisecond and/or offset pattern, expected Z, .SSSZ, (+|-)hhmm or"
            + " .SSS(+|-)hhmm after the time");
  }

  private static ExtensionException fail(String text, String problem) {
    return new ExtensionException("datetime", problem + " in " + ExtensionException.echo(text));
  }
}
