/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy.internal.validate;

import java.util.Collection;

/** Near spellings for "did you mean" hints; stateless. */
final class Fuzzy {
  private Fuzzy() {}

  /** Names longer than this are not compared (edit distance is quadratic in the length). */
  private static final int MAX_LENGTH = 128;

  /**
   * The candidate nearest to the key by edit distance, if near enough to be a misspelling: at most
   * a third of the key's length apart, and at least 2 (a swapped pair of letters).
   *
   * @param key the name written
   * @param candidates the names that exist
   * @return the nearest, or null if none is near
   */
  static String nearest(String key, Collection<String> candidates) {
    if (key.isEmpty() || key.length() > MAX_LENGTH) {
      return null;
    }
    int limit = Math.max(2, key.length() / 3);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String c : candidates) {
      if (c.length() > MAX_LENGTH || Math.abs(c.length() - key.length()) > limit) {
        continue;
      }
      int d = distance(key, c);
      if (d < bestDistance) {
        bestDistance = d;
        best = c;
      }
    }
    return bestDistance <= limit ? best : null;
  }

  /** Levenshtein distance with adjacent transpositions counted as one edit. */
  static int distance(String a, String b) {
    int n = a.length();
    int m = b.length();
    int[][] d = new int[n + 1][m + 1];
    for (int i = 0; i <= n; i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= m; j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= n; i++) {
      for (int j = 1; j <= m; j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          v = Math.min(v, d[i - 2][j - 2] + 1);
        }
        d[i][j] = v;
      }
    }
    return d[n][m];
  }
}
