/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.metrics;

/** The timers' sample interval: its check, and the words it adds to a timer's description. */
final class Sampling {
  private Sampling() {}

  /**
   * Returns {@code interval} if it is a power of two from 1 to {@code max}, the engines' own rule,
   * checked here so that a bad value fails when the binder is made rather than when it is bound.
   *
   * @throws IllegalArgumentException naming the setting and the value otherwise
   */
  static int checkInterval(int interval, int max) {
    if (interval < 1 || interval > max || Integer.bitCount(interval) != 1) {
      throw new IllegalArgumentException(
          "timerSampleInterval must be a power of two from 1 to " + max + ", got " + interval);
    }
    return interval;
  }

  /** {@code what}, and when the timer is a sample, how large a one. */
  static String describe(String what, int interval) {
    return interval == 1 ? what : what + " (a random sample of 1 in " + interval + ")";
  }
}
