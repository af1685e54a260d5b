/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy.internal.schema;

import java.util.Map;

/** Stateless helpers on {@link SchemaType}; thread-safe. */
final class SchemaTypes {
  private SchemaTypes() {}

  /** Renders a type for an error message, cut off below {@code depth} levels. */
  static String describe(SchemaType t, int depth) {
    if (t instanceof SchemaType.Primitive) {
      switch ((SchemaType.Primitive) t) {
        case BOOL:
          return "Bool";
        case LONG:
          return "Long";
        default:
          return "String";
      }
    }
    if (t instanceof SchemaType.SetOf) {
      return depth <= 0
          ? "Set<..>"
          : "Set<" + describe(((SchemaType.SetOf) t).element(), depth - 1) + ">";
    }
    if (t instanceof SchemaType.RecordType) {
      if (depth <= 0) {
        return "{..}";
      }
      StringBuilder sb = new StringBuilder("{");
      int n = 0;
      for (Map.Entry<String, SchemaType.Attribute> e :
          ((SchemaType.RecordType) t).attributes().entrySet()) {
        if (n > 0) {
          sb.append(", ");
        }
        if (++n > 8) {
          sb.append("..");
          break;
        }
        sb.append(e.getKey())
            .append(e.getValue().required() ? "" : "?")
            .append(": ")
            .append(describe(e.getValue().type(), depth - 1));
      }
      return sb.append('}').toString();
    }
    return t.toString();
  }
}
