/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy.internal.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * A compiled {@code like} pattern: literal segments separated by wildcards; immutable and
 * thread-safe.
 *
 * <p>Matching runs in time linear in the length of the string plus the pattern, whatever the
 * pattern. With {@code *} as the only wildcard, the first segment must be a prefix and the last a
 * suffix; every segment between them is matched at its leftmost occurrence after the previous one
 * (taking the leftmost occurrence never loses a match, since a later start only leaves less room
 * for the segments after it). Each segment's search scans a part of the string disjoint from the
 * other segments' scans. Searching a long segment with {@link String#indexOf} would be quadratic in
 * the worst case ({@code *aaa…ab*} against {@code aaa…a}), so segments longer than {@link
 * #SHORT_SEGMENT} chars are searched with Knuth-Morris-Pratt, whose failure table is built once
 * here; shorter ones use {@code indexOf}, whose worst case is bounded by their length.
 */
public final class Pattern {
  /**
   * Longest segment searched with {@link String#indexOf}: its cost per char of the string is at
   * most this many comparisons, so it stays linear.
   */
  static final int SHORT_SEGMENT = 16;

  private final String[] segments;

  /** Knuth-Morris-Pratt failure tables of the middle segments, null where the segment is short. */
  private final int[][] failure;

  private final String source;

  /**
   * @param elems the pattern: {@link String} literal chars runs and {@code null} for a wildcard
   * @param source the pattern as written, for diagnostics
   */
  public Pattern(List<String> elems, String source) {
    this.source = source;
    List<String> segs = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean sawStar = false;
    for (String e : elems) {
      if (e == null) {
        sawStar = true;
        segs.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(e);
      }
    }
    segs.add(cur.toString());
    this.segments = segs.toArray(new String[0]);
    assert sawStar == segments.length > 1;
    this.failure = new int[segments.length][];
    for (int i = 1; i < segments.length - 1; i++) {
      if (segments[i].length() > SHORT_SEGMENT) {
        failure[i] = failureTable(segments[i]);
      }
    }
  }

  /**
   * @param s the string
   * @return true if the whole string matches
   */
  public boolean matches(String s) {
    if (segments.length == 1) {
      return s.equals(segments[0]);
    }
    String first = segments[0];
    String last = segments[segments.length - 1];
    if (!s.startsWith(first)) {
      return false;
    }
    int pos = first.length();
    int end = s.length() - last.length();
    if (end < pos || !s.startsWith(last, end)) {
      return false;
    }
    // Middle segments: each at its leftmost occurrence within [pos, end).
    for (int i = 1; i < segments.length - 1; i++) {
      String seg = segments[i];
      if (seg.isEmpty()) {
        continue;
      }
      int at = failure[i] == null ? s.indexOf(seg, pos) : search(s, pos, end, seg, failure[i]);
      if (at < 0 || at + seg.length() > end) {
        return false;
      }
      pos = at + seg.length();
    }
    return true;
  }

  /**
   * For each prefix {@code seg[0..i]}, the length of its longest proper prefix that is also its
   * suffix.
   */
  private static int[] failureTable(String seg) {
    int[] f = new int[seg.length()];
    int k = 0;
    for (int i = 1; i < seg.length(); i++) {
      while (k > 0 && seg.charAt(i) != seg.charAt(k)) {
        k = f[k - 1];
      }
      if (seg.charAt(i) == seg.charAt(k)) {
        k++;
      }
      f[i] = k;
    }
    return f;
  }

  /** Knuth-Morris-Pratt: the first index of {@code seg} in {@code s[from, end)}, or -1. */
  private static int search(String s, int from, int end, String seg, int[] f) {
    int m = seg.length();
    int k = 0;
    for (int i = from; i < end; i++) {
      char c = s.charAt(i);
      while (k > 0 && c != seg.charAt(k)) {
        k = f[k - 1];
      }
      if (c == seg.charAt(k)) {
        k++;
        if (k == m) {
          return i - m + 1;
        }
      }
    }
    return -1;
  }

  @Override
  public String toString() {
    return source;
  }
}
