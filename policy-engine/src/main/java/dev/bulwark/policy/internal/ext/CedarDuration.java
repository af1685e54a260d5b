/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy.internal.ext;

import java.util.Objects;

/**
 * A value of Cedar's {@code duration} extension type: a signed 64-bit number of milliseconds.
 * Instances are immutable and thread-safe.
 *
 * <p>{@code duration("...")} accepts an optional leading {@code -} followed by one or more
 * quantity-unit pairs, units in the order {@code d h m s ms}, each at most once; a quantity is one
 * or more ASCII digits (leading zeros allowed). The sign applies to the whole duration: {@code
 * -1d2h} is minus 26 hours. Refused: the empty string, {@code -} alone, a bare number ({@code 1}),
 * a unit without a quantity, units out of order or repeated ({@code 1s1m}, {@code 1h1h}), other
 * units ({@code 1w}, {@code 1us}), a {@code +} sign, whitespace, and any total outside the signed
 * 64-bit range ({@code -9223372036854775808ms} is in range).
 *
 * <p>Cedar's {@code <}, {@code <=}, {@code >}, {@code >=} work on two durations: use {@link
 * #compareTo}. Equality is by value: {@code duration("1h") == duration("60m")}.
 */
public final class CedarDuration implements Comparable<CedarDuration> {

  private static final long[] UNIT_MILLIS = {86_400_000L, 3_600_000L, 60_000L, 1_000L, 1L};
  private static final int DAYS = 0;
  private static final int HOURS = 1;
  private static final int MINUTES = 2;
  private static final int SECONDS = 3;
  private static final int MILLIS = 4;

  private final long millis;

  private CedarDuration(long millis) {
    this.millis = millis;
  }

  /**
   * Returns the duration of {@code millis} milliseconds.
   *
   * @param millis any value
   * @return the duration
   */
  public static CedarDuration ofMillis(long millis) {
    return new CedarDuration(millis);
  }

  /**
   * Parses the argument of Cedar's {@code duration("...")}.
   *
   * @param text such as {@code "1d2h3m4s5ms"} or {@code "-90m"}
   * @return the value
   * @throws ExtensionException (function {@code duration}) if Cedar refuses the text or the total
   *     does not fit 64 bits
   */
  public static CedarDuration parse(String text) {
    Objects.requireNonNull(text, "text");
    int n = text.length();
    boolean negative = text.startsWith("-");
    // First the whole pattern, then the numbers, as Cedar does: a malformed text is reported as
    // malformed even when it also holds an overflowing quantity.
    int[] quantityStart = new int[5];
    int[] quantityEnd = new int[5];
    int pos = negative ? 1 : 0;
    int lastUnit = -1;
    if (pos == n) {
      throw invalidPattern(text);
    }
    while (pos < n) {
      int start = pos;
      while (pos < n && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
        pos++;
      }
      if (pos == start || pos == n) {
        throw invalidPattern(text);
      }
      int end = pos;
      int unit;
      char c = text.charAt(pos);
      if (c == 'd') {
        unit = DAYS;
      } else if (c == 'h') {
        unit = HOURS;
      } else if (c == 'm') {
        boolean ms = pos + 1 < n && text.charAt(pos + 1) == 's';
        unit = ms ? MILLIS : MINUTES;
        if (ms) {
          pos++;
        }
      } else if (c == 's') {
        unit = SECONDS;
      } else {
        throw invalidPattern(text);
      }
      pos++;
      if (unit <= lastUnit) {
        throw invalidPattern(text);
      }
      lastUnit = unit;
      quantityStart[unit] = start;
      quantityEnd[unit] = end;
    }
    long[] quantity = new long[5];
    for (int unit = DAYS; unit <= MILLIS; unit++) {
      if (quantityEnd[unit] > 0) {
        try {
          quantity[unit] =
              Long.parseUnsignedLong(text.substring(quantityStart[unit], quantityEnd[unit]));
        } catch (NumberFormatException e) {
          throw overflow(text);
        }
      }
    }
    // Milliseconds first, then the larger units, each step checked: the same steps as Cedar.
    // Only a negative millisecond count may reach 2^63, so that "-9223372036854775808ms" parses.
    long total;
    if (negative) {
      if (Long.compareUnsigned(quantity[MILLIS], Long.MIN_VALUE) > 0) {
        throw overflow(text);
      }
      total = -quantity[MILLIS];
    } else {
      if (quantity[MILLIS] < 0) {
        throw overflow(text);
      }
      total = quantity[MILLIS];
    }
    try {
      for (int unit = SECONDS; unit >= DAYS; unit--) {
        if (quantity[unit] < 0) {
          throw overflow(text);
        }
        long part = Math.multiplyExact(quantity[unit], UNIT_MILLIS[unit]);
        total = negative ? Math.subtractExact(total, part) : Math.addExact(total, part);
      }
    } catch (ArithmeticException e) {
      throw overflow(text);
    }
    return new CedarDuration(total);
  }

  /**
   * Cedar's {@code toMilliseconds()}.
   *
   * @return the number of milliseconds
   */
  public long toMilliseconds() {
    return millis;
  }

  /**
   * Cedar's {@code toSeconds()}: whole seconds, truncated toward zero ({@code -1500ms} gives -1).
   *
   * @return the number of whole seconds
   */
  public long toSeconds() {
    return millis / 1000;
  }

  /**
   * Cedar's {@code toMinutes()}: whole minutes, truncated toward zero.
   *
   * @return the number of whole minutes
   */
  public long toMinutes() {
    return toSeconds() / 60;
  }

  /**
   * Cedar's {@code toHours()}: whole hours, truncated toward zero.
   *
   * @return the number of whole hours
   */
  public long toHours() {
    return toMinutes() / 60;
  }

  /**
   * Cedar's {@code toDays()}: whole days of 24 hours, truncated toward zero.
   *
   * @return the number of whole days
   */
  public long toDays() {
    return toHours() / 24;
  }

  /** Orders by length, negative durations first. */
  @Override
  public int compareTo(CedarDuration other) {
    return Long.compare(millis, other.millis);
  }

  /**
   * Cedar's canonical text: the number of milliseconds and {@code ms}, such as {@code 90000ms}.
   *
   * @return the text, which {@link #parse} reads back to an equal value
   */
  @Override
  public String toString() {
    return millis + "ms";
  }

  /**
   * The Cedar expression for this value as Cedar writes it canonically, such as {@code
   * duration("90000ms")}.
   *
   * @return the expression text
   */
  public String toCedarExpression() {
    return "duration(\"" + this + "\")";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CedarDuration && ((CedarDuration) o).millis == millis;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(millis);
  }

  private static ExtensionException invalidPattern(String text) {
    return new ExtensionException(
        "duration",
        "invalid duration "
            + ExtensionException.echo(text)
            + ": expected quantity-unit pairs in the order d h m s ms with an optional leading"
            + " `-`, such as 1d2h3m4s5ms");
  }

  private static ExtensionException overflow(String text) {
    return new ExtensionException(
        "duration",
        "duration " + ExtensionException.echo(text) + " does not fit 64-bit milliseconds");
  }
}
