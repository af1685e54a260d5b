/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy.internal.value;

import dev.bulwark.policy.EntityUid;

/** Stateless helpers on Cedar values; thread-safe. */
public final class Values {
  private Values() {}

  /**
   * Names the Cedar type of a value, for error messages.
   *
   * @param v a Cedar value
   * @return {@code bool}, {@code long}, {@code string}, {@code entity}, {@code set},
   *     {@code record} or the extension's type name
   */
  public static String typeName(Object v) {
    if (v instanceof Boolean) {
      return "bool";
    } else if (v instanceof Long) {
      return "long";
    } else if (v instanceof String) {
      return "string";
    } else if (v instanceof EntityUid) {
      return "entity";
    } else if (v instanceof CedarSet) {
      return "set";
    } else if (v instanceof CedarRecord) {
      return "record";
    }
    if (v != null) {
      for (dev.bulwark.policy.internal.ext.Extensions.ValueType t
          : dev.bulwark.policy.internal.ext.Extensions.ValueType.values()) {
        if (t.isExtension() && t.isInstance(v)) {
          return t.cedarName();
        }
      }
    }
    return v == null ? "null" : v.getClass().getSimpleName();
  }

  /**
   * Renders a value in Cedar syntax.
   *
   * @param v a Cedar value
   * @return its text
   */
  public static String render(Object v) {
    if (v instanceof String) {
      return quote((String) v);
    }
    return String.valueOf(v);
  }

  /**
   * Quotes a string as a Cedar string literal.
   *
   * @param s the string
   * @return the literal, with quotes
   */
  public static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          sb.append("\\\"");
          break;
        case '\\':
          sb.append("\\\\");
          break;
        case '\n':
          sb.append("\\n");
          break;
        case '\r':
          sb.append("\\r");
          break;
        case '\t':
          sb.append("\\t");
          break;
        case '\0':
          sb.append("\\0");
          break;
        default:
          if (c < 0x20) {
            sb.append("\\u{").append(Integer.toHexString(c)).append('}');
          } else {
            sb.append(c);
          }
      }
    }
    return sb.append('"').toString();
  }
}
