/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy.internal.value;

import dev.bulwark.policy.EntityUid;
import dev.bulwark.policy.internal.ext.CedarDateTime;
import dev.bulwark.policy.internal.ext.CedarDuration;
import dev.bulwark.policy.internal.ext.Decimal;
import dev.bulwark.policy.internal.ext.IpAddr;
import java.util.Comparator;

/** Stateless helpers on Cedar values; thread-safe. */
public final class Values {
  private Values() {}

  /**
   * A total order on Cedar values, consistent with {@code equals}: values of different types are
   * ordered by type (bool, long, string, entity, set, record, then the extension types), values of
   * one type by content. Sets and records are held in this order, as Cedar holds them in ordered
   * trees, so that no choice of element (such as strings of equal {@code hashCode}) makes building
   * or searching them slower than {@code log n} comparisons.
   */
  public static final Comparator<Object> ORDER = Values::compare;

  /**
   * Compares two Cedar values in the order of {@link #ORDER}.
   *
   * @param a a Cedar value
   * @param b a Cedar value
   * @return negative, zero or positive as {@code a} sorts before, with or after {@code b}
   * @throws IllegalArgumentException if either is not a Cedar value
   */
  public static int compare(Object a, Object b) {
    if (a == b) {
      return 0;
    }
    int ra = rank(a);
    int rb = rank(b);
    if (ra != rb) {
      return Integer.compare(ra, rb);
    }
    switch (ra) {
      case 0:
        return Boolean.compare((Boolean) a, (Boolean) b);
      case 1:
        return Long.compare((Long) a, (Long) b);
      case 2:
        return ((String) a).compareTo((String) b);
      case 3:
        return ((EntityUid) a).compareTo((EntityUid) b);
      case 4:
        return ((CedarSet) a).compareTo((CedarSet) b);
      case 5:
        return ((CedarRecord) a).compareTo((CedarRecord) b);
      case 6:
        return ((Decimal) a).compareTo((Decimal) b);
      case 7:
        return ((CedarDateTime) a).compareTo((CedarDateTime) b);
      case 8:
        return ((CedarDuration) a).compareTo((CedarDuration) b);
      default:
        return ((IpAddr) a).compareTo((IpAddr) b);
    }
  }

  private static int rank(Object v) {
    if (v instanceof Boolean) {
      return 0;
    } else if (v instanceof Long) {
      return 1;
    } else if (v instanceof String) {
      return 2;
    } else if (v instanceof EntityUid) {
      return 3;
    } else if (v instanceof CedarSet) {
      return 4;
    } else if (v instanceof CedarRecord) {
      return 5;
    } else if (v instanceof Decimal) {
      return 6;
    } else if (v instanceof CedarDateTime) {
      return 7;
    } else if (v instanceof CedarDuration) {
      return 8;
    } else if (v instanceof IpAddr) {
      return 9;
    }
    throw new IllegalArgumentException(
        "not a Cedar value: " + (v == null ? "null" : v.getClass().getName()));
  }

  /**
   * Names the Cedar type of a value, for error messages.
   *
   * @param v a Cedar value
   * @return {@code bool}, {@code long}, {@code string}, {@code entity}, {@code set}, {@code record}
   *     or the extension's type name
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
      for (dev.bulwark.policy.internal.ext.Extensions.ValueType t :
          dev.bulwark.policy.internal.ext.Extensions.ValueType.values()) {
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
