/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the durations of the command line ({@code 30s}, {@code 5m}, {@code 90d}). Stateless. */
final class Durations {
  private static final Pattern SHORT = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

  private Durations() {}

  /**
   * Parses {@code value} given for {@code option}: a non-negative whole number with a unit {@code
   * ms}, {@code s}, {@code m}, {@code h} or {@code d}, or an ISO-8601 duration such as {@code
   * PT30S}.
   *
   * @throws UsageException naming the option and the value when it is neither, or negative
   */
  static Duration parse(String option, String value) throws UsageException {
    Matcher m = SHORT.matcher(value);
    Duration d;
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      switch (m.group(2)) {
        case "ms":
          d = Duration.ofMillis(n);
          break;
        case "s":
          d = Duration.ofSeconds(n);
          break;
        case "m":
          d = Duration.ofMinutes(n);
          break;
        case "h":
          d = Duration.ofHours(n);
          break;
        default:
          d = Duration.ofDays(n);
          break;
      }
    } else {
      try {
        d = Duration.parse(value);
      } catch (DateTimeParseException e) {
        throw new UsageException(
            option + " must be a duration like 30s, 5m, 12h or 90d, was '" + value + "'");
      }
    }
    if (d.isNegative()) {
      throw new UsageException(option + " must not be negative, was '" + value + "'");
    }
    return d;
  }
}
