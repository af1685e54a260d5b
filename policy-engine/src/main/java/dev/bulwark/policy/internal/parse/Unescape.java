/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy.internal.parse;

import java.util.ArrayList;
import java.util.List;

/**
 * Cedar string-literal escapes, which are Rust's: backslash followed by n, r, t, backslash, 0,
 * quote or double quote; backslash-x with two hex digits (at most 0x7F); backslash-u with 1 to 6
 * hex digits in braces (underscores allowed after the first; a Unicode scalar value); and a
 * backslash before a newline, which skips the following whitespace. In {@code like} patterns an
 * escaped star is a literal star and a bare star a wildcard. Stateless.
 */
final class Unescape {
  private Unescape() {}

  /** Thrown with the offset (within the literal body) of a bad escape. */
  static final class BadEscape extends Exception {
    private static final long serialVersionUID = 1L;
    final int offset;

    BadEscape(String message, int offset) {
      super(message, null, false, false);
      this.offset = offset;
    }
  }

  static String string(String body) throws BadEscape {
    StringBuilder sb = new StringBuilder(body.length());
    run(body, sb, null);
    return sb.toString();
  }

  /**
   * @return pattern elements: literal runs and null for each wildcard
   */
  static List<String> pattern(String body) throws BadEscape {
    List<String> out = new ArrayList<>();
    StringBuilder sb = new StringBuilder();
    run(body, sb, out);
    if (sb.length() > 0) {
      out.add(sb.toString());
    }
    return out;
  }

  private static void run(String s, StringBuilder sb, List<String> pattern) throws BadEscape {
    int n = s.length();
    int i = 0;
    while (i < n) {
      char c = s.charAt(i);
      if (c == '\r') {
        throw new BadEscape("bare carriage return in string", i);
      }
      if (c != '\\') {
        if (pattern != null && c == '*') {
          if (sb.length() > 0) {
            pattern.add(sb.toString());
            sb.setLength(0);
          }
          pattern.add(null);
        } else {
          sb.append(c);
        }
        i++;
        continue;
      }
      if (i + 1 >= n) {
        throw new BadEscape("lone backslash", i);
      }
      char e = s.charAt(i + 1);
      switch (e) {
        case 'n':
          sb.append('\n');
          i += 2;
          break;
        case 'r':
          sb.append('\r');
          i += 2;
          break;
        case 't':
          sb.append('\t');
          i += 2;
          break;
        case '\\':
          sb.append('\\');
          i += 2;
          break;
        case '0':
          sb.append('\0');
          i += 2;
          break;
        case '\'':
          sb.append('\'');
          i += 2;
          break;
        case '"':
          sb.append('"');
          i += 2;
          break;
        case '*':
          if (pattern == null) {
            throw new BadEscape("invalid escape \\*", i);
          }
          sb.append('*');
          i += 2;
          break;
        case 'x':
          {
            if (i + 3 >= n + 0 && i + 3 > n) {
              throw new BadEscape("truncated \\x escape", i);
            }
            if (i + 4 > n) {
              throw new BadEscape("truncated \\x escape", i);
            }
            int h = Character.digit(s.charAt(i + 2), 16);
            int l = Character.digit(s.charAt(i + 3), 16);
            if (h < 0 || l < 0) {
              throw new BadEscape("invalid character in \\x escape", i);
            }
            int v = h * 16 + l;
            if (v > 0x7F) {
              throw new BadEscape("\\x escape out of range (must be at most \\x7F)", i);
            }
            sb.append((char) v);
            i += 4;
            break;
          }
        case 'u':
          {
            int j = i + 2;
            if (j >= n || s.charAt(j) != '{') {
              throw new BadEscape("\\u escape needs braces: \\u{...}", i);
            }
            j++;
            int v = 0;
            int digits = 0;
            boolean first = true;
            while (true) {
              if (j >= n) {
                throw new BadEscape("unclosed \\u{ escape", i);
              }
              char d = s.charAt(j);
              if (d == '}') {
                break;
              }
              if (d == '_') {
                if (first) {
                  throw new BadEscape("leading underscore in \\u escape", i);
                }
                j++;
                continue;
              }
              int dv = Character.digit(d, 16);
              if (dv < 0 || d > 'f') {
                throw new BadEscape("invalid character in \\u escape", i);
              }
              first = false;
              digits++;
              if (digits > 6) {
                throw new BadEscape("overlong \\u escape", i);
              }
              v = v * 16 + dv;
              j++;
            }
            if (digits == 0) {
              throw new BadEscape("empty \\u{} escape", i);
            }
            if (v >= 0xD800 && v <= 0xDFFF) {
              throw new BadEscape("\\u escape is a lone surrogate", i);
            }
            if (v > 0x10FFFF) {
              throw new BadEscape("\\u escape out of range", i);
            }
            sb.appendCodePoint(v);
            i = j + 1;
            break;
          }
        case '\n':
          {
            i += 2;
            while (i < n) {
              char w = s.charAt(i);
              if (w == ' ' || w == '\t' || w == '\n' || w == '\r') {
                i++;
              } else {
                break;
              }
            }
            break;
          }
        default:
          throw new BadEscape("invalid escape \\" + e, i);
      }
    }
  }
}
