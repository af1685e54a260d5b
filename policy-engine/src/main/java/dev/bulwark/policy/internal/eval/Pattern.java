/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy.internal.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * A compiled {@code like} pattern: literal segments separated by wildcards; immutable and
 * thread-safe. Matching is linear-time greedy with one backtrack point (the classic glob
 * algorithm), so no pattern can make matching exponential.
 */
public final class Pattern {
  private final String[] segments;
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
    // Middle segments: find each leftmost occurrence in [pos, end); greedy leftmost is optimal.
    for (int i = 1; i < segments.length - 1; i++) {
      String seg = segments[i];
      if (seg.isEmpty()) {
        continue;
      }
      int at = s.indexOf(seg, pos);
      if (at < 0 || at + seg.length() > end) {
        return false;
      }
      pos = at + seg.length();
    }
    return true;
  }

  @Override
  public String toString() {
    return source;
  }
}
