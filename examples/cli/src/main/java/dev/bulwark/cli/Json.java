/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.cli;

import java.util.Collection;

/**
 * Writes one JSON object on one line, in insertion order. Not thread-safe.
 *
 * <p>Strings are escaped after RFC 8259 section 7: quote, backslash and every control character
 * below U+0020, plus U+2028 and U+2029 so that the line stays one line for JavaScript readers too.
 */
final class Json {
  private final StringBuilder sb = new StringBuilder("{");

  Json put(String name, String value) {
    name(name);
    if (value == null) {
      sb.append("null");
    } else {
      string(sb, value);
    }
    return this;
  }

  Json put(String name, boolean value) {
    name(name);
    sb.append(value);
    return this;
  }

  Json put(String name, Collection<String> values) {
    name(name);
    sb.append('[');
    boolean first = true;
    for (String v : values) {
      if (!first) {
        sb.append(',');
      }
      first = false;
      string(sb, v);
    }
    sb.append(']');
    return this;
  }

  private void name(String name) {
    if (sb.length() > 1) {
      sb.append(',');
    }
    string(sb, name);
    sb.append(':');
  }

  @Override
  public String toString() {
    return sb + "}";
  }

  /** Appends {@code s} as a quoted, escaped JSON string. */
  static void string(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          out.append("\\\"");
          break;
        case '\\':
          out.append("\\\\");
          break;
        case '\n':
          out.append("\\n");
          break;
        case '\r':
          out.append("\\r");
          break;
        case '\t':
          out.append("\\t");
          break;
        case '\b':
          out.append("\\b");
          break;
        case '\f':
          out.append("\\f");
          break;
        default:
          if (c < 0x20 || c == '\u2028' || c == '\u2029') {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
      }
    }
    out.append('"');
  }
}
