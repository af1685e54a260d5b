/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy.fuzz;

import java.util.List;
import java.util.Random;

/**
 * Deterministic input mutations for the parser fuzz properties: each input is a function of a seed
 * that jqwik draws (and reports on failure), so every failure replays.
 */
final class Mutator {
  private Mutator() {}

  /** Generates a random token soup from a grammar's vocabulary. */
  static String soup(Random r, List<String> vocabulary, int maxTokens) {
    StringBuilder sb = new StringBuilder();
    int n = r.nextInt(maxTokens + 1);
    for (int i = 0; i < n; i++) {
      sb.append(vocabulary.get(r.nextInt(vocabulary.size())));
      sb.append(r.nextInt(4) == 0 ? "\n" : " ");
    }
    return sb.toString();
  }

  /** Applies one to eight random edits to a valid input. */
  static String mutate(Random r, String base, List<String> vocabulary) {
    StringBuilder sb = new StringBuilder(base);
    int edits = 1 + r.nextInt(8);
    for (int e = 0; e < edits; e++) {
      int len = sb.length();
      int at = len == 0 ? 0 : r.nextInt(len + 1);
      switch (r.nextInt(9)) {
        case 0: // delete a range
          if (len > 0) {
            int end = Math.min(len, at + 1 + r.nextInt(20));
            sb.delete(Math.min(at, len), end);
          }
          break;
        case 1: // insert a token
          sb.insert(at, vocabulary.get(r.nextInt(vocabulary.size())));
          break;
        case 2: // insert a random char, including controls and surrogate halves
          sb.insert(at, (char) r.nextInt(r.nextBoolean() ? 128 : 0x10000));
          break;
        case 3: // duplicate a range
          if (len > 0) {
            int start = Math.min(at, len - 1);
            int end = Math.min(len, start + 1 + r.nextInt(60));
            sb.insert(end, sb.substring(start, end));
          }
          break;
        case 4: // truncate
          sb.setLength(Math.min(len, at));
          break;
        case 5: // deep nesting, to probe the depth limits
          String open = List.of("Set<", "{", "(", "[", "!", "-", "{\"a\":", "[").get(r.nextInt(8));
          sb.insert(at, open.repeat(1 + r.nextInt(r.nextBoolean() ? 50 : 20_000)));
          break;
        case 6: // swap two chars
          if (len > 1) {
            int i = r.nextInt(len);
            int j = r.nextInt(len);
            char c = sb.charAt(i);
            sb.setCharAt(i, sb.charAt(j));
            sb.setCharAt(j, c);
          }
          break;
        case 7: // a long run of one char
          sb.insert(at, String.valueOf((char) (32 + r.nextInt(95))).repeat(r.nextInt(5000)));
          break;
        default: // replace a char by a quote or backslash, which change lexing the most
          if (len > 0) {
            sb.setCharAt(r.nextInt(len), "\"\\/*@:".charAt(r.nextInt(6)));
          }
      }
    }
    return sb.toString();
  }
}
