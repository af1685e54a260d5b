/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy.internal.json;

import java.util.List;
import java.util.Map;

/** Writes values produced by {@link JsonReader} back to compact JSON text; stateless. */
public final class JsonWriter {
  private JsonWriter() {}

  /**
   * @param v a value as {@link JsonReader} returns them
   * @return its JSON text
   */
  public static String write(Object v) {
    StringBuilder sb = new StringBuilder();
    write(v, sb);
    return sb.toString();
  }

  private static void write(Object v, StringBuilder sb) {
    if (v instanceof Map) {
      sb.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        string((String) e.getKey(), sb);
        sb.append(':');
        write(e.getValue(), sb);
      }
      sb.append('}');
    } else if (v instanceof List) {
      sb.append('[');
      boolean first = true;
      for (Object e : (List<?>) v) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        write(e, sb);
      }
      sb.append(']');
    } else if (v instanceof String) {
      string((String) v, sb);
    } else {
      sb.append(v);
    }
  }

  /**
   * Appends a JSON string literal.
   *
   * @param s the string
   * @param sb the output
   */
  public static void string(String s, StringBuilder sb) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    sb.append('"');
  }
}
