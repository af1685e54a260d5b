/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy.testsupport;

/**
 * Distinct strings that all share one {@link String#hashCode}: {@code "Aa"} and {@code "BB"} hash
 * alike, and so does every concatenation of the same number of them, so {@code blocks} blocks give
 * {@code 2^blocks} strings of length {@code 2 * blocks} with one hash code.
 */
public final class CollidingStrings {
  private CollidingStrings() {}

  /**
   * @param blocks the number of two-character blocks per string
   * @return {@code 2^blocks} distinct strings with equal hash codes
   */
  public static String[] of(int blocks) {
    String[] out = new String[1 << blocks];
    for (int i = 0; i < out.length; i++) {
      StringBuilder sb = new StringBuilder(2 * blocks);
      for (int b = 0; b < blocks; b++) {
        sb.append(((i >> b) & 1) == 0 ? "Aa" : "BB");
      }
      out[i] = sb.toString();
    }
    return out;
  }

  /**
   * Builds a JSON array whose elements are {@code template} with {@code %s} replaced by each
   * string.
   *
   * @param strings the strings
   * @param template the element's JSON, with one {@code %s}
   * @return the array's JSON text
   */
  public static String jsonArray(String[] strings, String template) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < strings.length; i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(template.replace("%s", strings[i]));
    }
    return sb.append(']').toString();
  }
}
