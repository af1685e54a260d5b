/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.example.load;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Writes a tree of maps, lists, strings, numbers, booleans and nulls as indented JSON, keys in the
 * maps' order. A number that is not finite is written as null (JSON has no NaN). Stateless.
 */
final class Json {
  private Json() {}

  /**
   * The JSON text of {@code value}.
   *
   * @throws IllegalArgumentException for a value of another type, or a map key that is not a string
   */
  static String write(Object value) {
    StringBuilder b = new StringBuilder();
    write(b, value, 0);
    return b.append('\n').toString();
  }

  private static void write(StringBuilder b, Object v, int depth) {
    if (v == null) {
      b.append("null");
    } else if (v instanceof String s) {
      quote(b, s);
    } else if (v instanceof Boolean) {
      b.append(v);
    } else if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      b.append(Double.isFinite(d) ? number(d) : "null");
    } else if (v instanceof Number) {
      b.append(v);
    } else if (v instanceof Map<?, ?> m) {
      if (m.isEmpty()) {
        b.append("{}");
        return;
      }
      b.append('{');
      Iterator<? extends Map.Entry<?, ?>> it = m.entrySet().iterator();
      while (it.hasNext()) {
        Map.Entry<?, ?> e = it.next();
        if (!(e.getKey() instanceof String key)) {
          throw new IllegalArgumentException("a JSON key must be a string, was " + e.getKey());
        }
        indent(b, depth + 1);
        quote(b, key);
        b.append(": ");
        write(b, e.getValue(), depth + 1);
        if (it.hasNext()) {
          b.append(',');
        }
      }
      indent(b, depth);
      b.append('}');
    } else if (v instanceof List<?> l) {
      if (l.isEmpty()) {
        b.append("[]");
        return;
      }
      b.append('[');
      for (int i = 0; i < l.size(); i++) {
        indent(b, depth + 1);
        write(b, l.get(i), depth + 1);
        if (i + 1 < l.size()) {
          b.append(',');
        }
      }
      indent(b, depth);
      b.append(']');
    } else {
      throw new IllegalArgumentException("no JSON for a " + v.getClass().getName());
    }
  }

  /** A double without a trailing {@code .0} when it is whole, and with at most 3 decimals. */
  private static String number(double d) {
    double r = Math.round(d * 1000) / 1000.0;
    return r == Math.rint(r) && Math.abs(r) < 1e15 ? Long.toString((long) r) : Double.toString(r);
  }

  private static void indent(StringBuilder b, int depth) {
    b.append('\n');
    for (int i = 0; i < depth; i++) {
      b.append("  ");
    }
  }

  private static void quote(StringBuilder b, String s) {
    b.append(dev.bulwark.example.http.Json.quote(s));
  }
}
