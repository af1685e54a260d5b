/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy.internal.ext;

import java.util.Objects;

/**
 * A value of Cedar's {@code decimal} extension type: a fixed-point number with four fractional
 * digits, held as a 64-bit count of ten-thousandths. Instances are immutable and thread-safe.
 *
 * <p>{@code decimal("...")} accepts exactly: an optional {@code -}, one or more ASCII digits, a
 * {@code .}, and one to four ASCII digits; nothing before or after. So {@code 1.}, {@code .5},
 * {@code +1.0}, {@code 1}, {@code 1e3} and {@code 1.23456} are refused, while leading zeros ({@code
 * 007.5}) and {@code -0.0} are fine. The scaled value must fit a signed 64-bit integer: the range
 * is {@code -922337203685477.5808} to {@code 922337203685477.5807}.
 *
 * <p>Cedar compares decimals only through {@code lessThan} and its siblings; its {@code <} on two
 * decimals is a type error. Equality is by value: {@code decimal("1.0") == decimal("1.0000")}.
 */
public final class Decimal implements Comparable<Decimal> {

  private static final int FRACTION_DIGITS = 4;
  private static final long SCALE = 10_000L;

  private final long scaled;

  private Decimal(long scaled) {
    this.scaled = scaled;
  }

  /**
   * Parses the argument of Cedar's {@code decimal("...")}.
   *
   * @param text such as {@code "12.34"} or {@code "-0.0001"}
   * @return the value
   * @throws ExtensionException (function {@code decimal}) if Cedar refuses the text
   */
  public static Decimal parse(String text) {
    Objects.requireNonNull(text, "text");
    int n = text.length();
    int pos = text.startsWith("-") ? 1 : 0;
    int intStart = pos;
    while (pos < n && isDigit(text.charAt(pos))) {
      pos++;
    }
    int dot = pos;
    boolean wellFormed = dot > intStart && dot < n && text.charAt(dot) == '.';
    if (wellFormed) {
      pos = dot + 1;
      while (pos < n && isDigit(text.charAt(pos))) {
        pos++;
      }
      wellFormed = pos > dot + 1 && pos == n;
    }
    if (!wellFormed) {
      throw new ExtensionException(
          "decimal",
          ExtensionException.echo(text)
              + " is not a well-formed decimal value (digits are required on both sides of `.`)");
    }
    // Same order of checks as Cedar: the integer part's range, then the number of fractional
    // digits, then the sum.
    long integerPart;
    try {
      integerPart = Math.multiplyExact(Long.parseLong(text.substring(0, dot)), SCALE);
    } catch (NumberFormatException | ArithmeticException e) {
      throw overflow(text);
    }
    int fractionDigits = n - dot - 1;
    if (fractionDigits > FRACTION_DIGITS) {
      throw new ExtensionException(
          "decimal",
          "too many digits after the decimal point in "
              + ExtensionException.echo(text)
              + ", at most "
              + FRACTION_DIGITS
              + " are supported");
    }
    long fraction = Long.parseLong(text.substring(dot + 1));
    for (int i = fractionDigits; i < FRACTION_DIGITS; i++) {
      fraction *= 10;
    }
    try {
      return new Decimal(
          intStart == 1
              ? Math.subtractExact(integerPart, fraction)
              : Math.addExact(integerPart, fraction));
    } catch (ArithmeticException e) {
      throw overflow(text);
    }
  }

  /**
   * Returns the decimal whose value is {@code scaled / 10_000}.
   *
   * @param scaled the value in ten-thousandths
   * @return the decimal
   */
  public static Decimal ofScaled(long scaled) {
    return new Decimal(scaled);
  }

  /**
   * Returns the value in ten-thousandths: {@code 1.5} gives {@code 15000}.
   *
   * @return the scaled value
   */
  public long scaledValue() {
    return scaled;
  }

  /**
   * Cedar's {@code lessThan}.
   *
   * @param other the right-hand side
   * @return {@code this < other}
   */
  public boolean lessThan(Decimal other) {
    return scaled < other.scaled;
  }

  /**
   * Cedar's {@code lessThanOrEqual}.
   *
   * @param other the right-hand side
   * @return {@code this <= other}
   */
  public boolean lessThanOrEqual(Decimal other) {
    return scaled <= other.scaled;
  }

  /**
   * Cedar's {@code greaterThan}.
   *
   * @param other the right-hand side
   * @return {@code this > other}
   */
  public boolean greaterThan(Decimal other) {
    return scaled > other.scaled;
  }

  /**
   * Cedar's {@code greaterThanOrEqual}.
   *
   * @param other the right-hand side
   * @return {@code this >= other}
   */
  public boolean greaterThanOrEqual(Decimal other) {
    return scaled >= other.scaled;
  }

  /** Orders by value. */
  @Override
  public int compareTo(Decimal other) {
    return Long.compare(scaled, other.scaled);
  }

  /**
   * Cedar's canonical text: always four fractional digits, {@code -} only when negative, so {@code
   * decimal("-0.0")} prints {@code 0.0000} and {@code decimal("1.5")} prints {@code 1.5000}.
   *
   * @return the text, which {@link #parse} reads back to an equal value
   */
  @Override
  public String toString() {
    long whole = scaled / SCALE;
    long frac = Math.abs(scaled % SCALE);
    StringBuilder sb = new StringBuilder(24);
    if (scaled < 0) {
      sb.append('-');
    }
    sb.append(Math.abs(whole)).append('.');
    String f = Long.toString(frac);
    for (int i = f.length(); i < FRACTION_DIGITS; i++) {
      sb.append('0');
    }
    return sb.append(f).toString();
  }

  /**
   * The Cedar expression for this value as Cedar writes it canonically, such as {@code
   * decimal("1.5000")}.
   *
   * @return the expression text
   */
  public String toCedarExpression() {
    return "decimal(\"" + this + "\")";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Decimal && ((Decimal) o).scaled == scaled;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(scaled);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static ExtensionException overflow(String text) {
    return new ExtensionException(
        "decimal",
        ExtensionException.echo(text)
            + " is out of range: the value must be between -922337203685477.5808"
            + " and 922337203685477.5807");
  }
}
