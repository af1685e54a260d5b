/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy.internal.schema;

import dev.bulwark.policy.PolicyParseException;

/** Unescapes the body of a Cedar string literal; stateless and thread-safe. */
final class CedarStrings {
  private CedarStrings() {}

  /**
   * Unescapes {@code \n \r \t \\ \0 \' \" \xHH} (at most 7F) and the unicode escape (backslash,
   * {@code u{H..H}}: one to six hex digits, a Unicode scalar value), as Cedar's {@code
   * to_unescaped_string} does.
   *
   * @param body the literal without its quotes
   * @param line the literal's line, for errors
   * @param column the literal's column, for errors
   * @return the string value
   * @throws PolicyParseException on an invalid escape
   */
  static String unescape(String body, int line, int column) throws PolicyParseException {
    if (body.indexOf('\\') < 0) {
      return body;
    }
    StringBuilder sb = new StringBuilder(body.length());
    int n = body.length();
    for (int i = 0; i < n; i++) {
      char c = body.charAt(i);
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      if (i + 1 >= n) {
        throw bad(body, i, line, column);
      }
      char e = body.charAt(++i);
      switch (e) {
        case 'n':
          sb.append('\n');
          break;
        case 'r':
          sb.append('\r');
          break;
        case 't':
          sb.append('\t');
          break;
        case '\\':
          sb.append('\\');
          break;
        case '0':
          sb.append('\0');
          break;
        case '\'':
          sb.append('\'');
          break;
        case '"':
          sb.append('"');
          break;
        case 'x':
          {
            if (i + 2 >= n) {
              throw bad(body, i - 1, line, column);
            }
            int hi = Character.digit(body.charAt(i + 1), 16);
            int lo = Character.digit(body.charAt(i + 2), 16);
            if (hi < 0 || lo < 0 || hi > 7) {
              throw bad(body, i - 1, line, column);
            }
            sb.append((char) (hi * 16 + lo));
            i += 2;
            break;
          }
        case 'u':
          {
            if (i + 1 >= n || body.charAt(i + 1) != '{') {
              throw bad(body, i - 1, line, column);
            }
            int close = body.indexOf('}', i + 2);
            if (close < 0 || close - (i + 2) < 1 || close - (i + 2) > 6) {
              throw bad(body, i - 1, line, column);
            }
            int cp = 0;
            for (int k = i + 2; k < close; k++) {
              int d = Character.digit(body.charAt(k), 16);
              if (d < 0) {
                throw bad(body, i - 1, line, column);
              }
              cp = cp * 16 + d;
            }
            if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
              throw bad(body, i - 1, line, column);
            }
            sb.appendCodePoint(cp);
            i = close;
            break;
          }
        default:
          throw bad(body, i - 1, line, column);
      }
    }
    return sb.toString();
  }

  private static PolicyParseException bad(String body, int at, int line, int column) {
    String esc = body.substring(at, Math.min(body.length(), at + 4));
    return new PolicyParseException(
        "invalid escape " + CedarSchemaParser.excerpt(esc) + " in string literal", line, column);
  }
}
