/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy.internal.json;

import dev.bulwark.policy.EntityUid;
import dev.bulwark.policy.InvalidRequestException;
import dev.bulwark.policy.internal.ext.CedarDateTime;
import dev.bulwark.policy.internal.ext.CedarDuration;
import dev.bulwark.policy.internal.ext.Decimal;
import dev.bulwark.policy.internal.ext.ExtensionException;
import dev.bulwark.policy.internal.ext.IpAddr;
import dev.bulwark.policy.internal.value.CedarRecord;
import dev.bulwark.policy.internal.value.CedarSet;
import java.math.BigDecimal;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Turns Java values into Cedar values, optionally directed by a schema's declared type, as {@link
 * EntityJson} does for JSON values. Stateless and thread-safe.
 *
 * <p>The mapping: {@link String}, {@link Boolean}; {@link Long}, {@link Integer}, {@link Short} and
 * {@link Byte} to a Cedar long; {@link EntityUid} to an entity reference; a {@link Collection} to a
 * set; a {@link Map} with string keys to a record; {@link Instant}, {@link OffsetDateTime} and
 * {@link ZonedDateTime} to {@code datetime} (Cedar counts milliseconds: finer precision is dropped,
 * rounding towards the past); {@link Duration} to {@code duration} (milliseconds, likewise); {@link
 * InetAddress} to {@code ipaddr} (a single address); a {@link BigDecimal} with at most four
 * fractional digits to {@code decimal}. Where the declared type is an extension type, a string is
 * that type's constructor argument, as in Cedar's JSON with a schema ({@code "10.0.0.0/8"} for
 * {@code ipaddr}). Anything else, {@code null}, floating-point numbers included, is refused: Cedar
 * has no such value, and guessing one (rounding a double, reading null as absent) could change a
 * decision.
 *
 * <p>Nesting is bounded by {@link EntityJson#MAX_VALUE_DEPTH}, so that a collection that contains
 * itself is refused rather than overflowing the stack.
 */
public final class JavaValues {
  private JavaValues() {}

  /** Decimal's fractional digits, as Cedar's {@code decimal} has them. */
  private static final int DECIMAL_DIGITS = 4;

  /** More integer digits than this cannot fit a long of ten-thousandths. */
  private static final int DECIMAL_MAX_INTEGER_DIGITS = 15;

  /**
   * Converts a Java value.
   *
   * @param v the value
   * @param type the declared type, or null
   * @param where where the value is, for messages ({@code context attribute ip})
   * @return the Cedar value
   * @throws InvalidRequestException if it is not a Cedar value
   */
  public static Object convert(Object v, ValueType type, String where) {
    return convert(v, type, (Object) where, 0);
  }

  /**
   * Converts a Java value whose place is {@code prefix} followed by {@code name} ({@code "context
   * attribute "}, {@code "ip"}): the two are joined only if a message needs them, so that a value
   * that converts costs no string building.
   *
   * @param v the value
   * @param type the declared type, or null
   * @param prefix the start of the place, for messages: a string, or an object whose {@code
   *     toString()} makes it (called only for a message)
   * @param name the rest of it
   * @return the Cedar value
   * @throws InvalidRequestException if it is not a Cedar value
   */
  public static Object convert(Object v, ValueType type, Object prefix, String name) {
    Object same = asIs(v, type);
    return same != null ? same : convert(v, type, new Where(prefix, "", name), 0);
  }

  /**
   * {@code v} itself when it is a Cedar value as it stands (a string not declared as an extension
   * type, a boolean, a long, an entity uid), else null: such a value needs no conversion and no
   * place for a message, which is most of the values of a context or an entity.
   */
  private static Object asIs(Object v, ValueType type) {
    if (v instanceof String) {
      return type == null || type.kind() != ValueType.Kind.EXTENSION ? v : null;
    }
    return v instanceof Boolean || v instanceof Long || v instanceof EntityUid ? v : null;
  }

  /**
   * Where a value is, for messages: a parent place and a name, joined by {@link #toString()} only
   * when a message is made. Values convert far more often than they fail, and joining the names of
   * every nested attribute on the way down was most of the cost of converting a small record.
   */
  private static final class Where {
    private final Object parent;
    private final String separator;
    private final String name;

    Where(Object parent, String separator, String name) {
      this.parent = parent;
      this.separator = separator;
      this.name = name;
    }

    @Override
    public String toString() {
      return parent + separator + name;
    }
  }

  private static Object convert(Object v, ValueType type, Object where, int depth) {
    if (depth > EntityJson.MAX_VALUE_DEPTH) {
      throw new InvalidRequestException(
          where + ": value nested deeper than " + EntityJson.MAX_VALUE_DEPTH + " levels");
    }
    if (v instanceof String) {
      if (type != null && type.kind() == ValueType.Kind.EXTENSION) {
        return extension(type.extensionName(), (String) v, where);
      }
      return v;
    }
    if (v instanceof Boolean || v instanceof Long || v instanceof EntityUid) {
      return v;
    }
    if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if (v instanceof Map) {
      return record(
          (Map<?, ?>) v,
          type != null && type.kind() == ValueType.Kind.RECORD ? type.attributes() : null,
          where,
          depth);
    }
    if (v instanceof Collection) {
      ValueType element = type != null && type.kind() == ValueType.Kind.SET ? type.element() : null;
      Collection<?> c = (Collection<?>) v;
      Object[] out = new Object[c.size()];
      Iterator<?> it = c.iterator();
      for (int i = 0; i < out.length; i++) {
        out[i] = convert(it.next(), element, new Where(where, "", "[..]"), depth + 1);
      }
      return CedarSet.ofArray(out);
    }
    if (v instanceof Instant) {
      return datetime((Instant) v, where);
    }
    if (v instanceof OffsetDateTime) {
      return datetime(((OffsetDateTime) v).toInstant(), where);
    }
    if (v instanceof ZonedDateTime) {
      return datetime(((ZonedDateTime) v).toInstant(), where);
    }
    if (v instanceof Duration) {
      try {
        return CedarDuration.ofMillis(((Duration) v).toMillis());
      } catch (ArithmeticException e) {
        throw new InvalidRequestException(
            where + ": the duration does not fit Cedar's 64-bit" + " milliseconds");
      }
    }
    if (v instanceof InetAddress) {
      return ip((InetAddress) v, where);
    }
    if (v instanceof BigDecimal) {
      return decimal((BigDecimal) v, where);
    }
    if (v instanceof IpAddr
        || v instanceof Decimal
        || v instanceof CedarDateTime
        || v instanceof CedarDuration
        || v instanceof CedarSet
        || v instanceof CedarRecord) {
      return v;
    }
    if (v == null) {
      throw new InvalidRequestException(where + ": null is not a Cedar value");
    }
    throw new InvalidRequestException(
        where
            + ": a "
            + v.getClass().getName()
            + " is not a Cedar value (Cedar has strings, booleans, 64-bit integers, entity uids, sets,"
            + " records, datetime, duration, ipaddr and decimal)");
  }

  /**
   * Converts the attributes of a record.
   *
   * @param m the attributes, string keys
   * @param declared the declared attribute types, or null
   * @param where where the record is, for messages
   * @return the record
   * @throws InvalidRequestException if a key is not a string or a value is not a Cedar value
   */
  public static CedarRecord record(Map<?, ?> m, Map<String, ValueType> declared, String where) {
    return record(m, declared, (Object) where, 0);
  }

  private static CedarRecord record(
      Map<?, ?> m, Map<String, ValueType> declared, Object where, int depth) {
    Map<String, Object> out = new HashMap<>(Math.max(4, m.size() * 2));
    for (Map.Entry<?, ?> e : m.entrySet()) {
      if (!(e.getKey() instanceof String)) {
        throw new InvalidRequestException(
            where
                + ": a record's attribute names must be"
                + " strings, found a "
                + (e.getKey() == null ? "null" : e.getKey().getClass().getName()));
      }
      String k = (String) e.getKey();
      ValueType t = declared == null ? null : declared.get(k);
      // A value that is already a Cedar value, within the depth bound, needs no place for a
      // message.
      Object same = depth + 1 <= EntityJson.MAX_VALUE_DEPTH ? asIs(e.getValue(), t) : null;
      out.put(
          k, same != null ? same : convert(e.getValue(), t, new Where(where, ".", k), depth + 1));
    }
    return CedarRecord.of(out);
  }

  /**
   * Builds an extension value from its constructor's argument.
   *
   * @param extensionType {@code ipaddr}, {@code decimal}, {@code datetime} or {@code duration}
   * @param text the argument
   * @param where where the value is, for messages
   * @return the value
   * @throws InvalidRequestException if Cedar's constructor refuses the text
   */
  public static Object extension(String extensionType, String text, String where) {
    return extension(extensionType, text, (Object) where);
  }

  private static Object extension(String extensionType, String text, Object where) {
    try {
      switch (extensionType) {
        case "ipaddr":
          return IpAddr.parse(text);
        case "decimal":
          return Decimal.parse(text);
        case "datetime":
          return CedarDateTime.parse(text);
        case "duration":
          return CedarDuration.parse(text);
        default:
          throw new InvalidRequestException(where + ": unknown extension type " + extensionType);
      }
    } catch (ExtensionException e) {
      throw new InvalidRequestException(where + ": " + e.getMessage());
    }
  }

  private static CedarDateTime datetime(Instant t, Object where) {
    try {
      // Floor to the millisecond (toEpochMilli truncates towards zero before 1970).
      long millis =
          Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1000L), t.getNano() / 1_000_000);
      return CedarDateTime.ofEpochMillis(millis);
    } catch (ArithmeticException e) {
      throw new InvalidRequestException(
          where + ": the instant does not fit Cedar's 64-bit" + " milliseconds");
    }
  }

  private static IpAddr ip(InetAddress a, Object where) {
    byte[] b = a.getAddress();
    StringBuilder sb = new StringBuilder(40);
    if (a instanceof Inet6Address) {
      // Built from the bytes: getHostAddress() appends a scope id ("%eth0"), which Cedar refuses
      // and which says nothing about the address itself.
      for (int i = 0; i < b.length; i += 2) {
        if (i > 0) {
          sb.append(':');
        }
        sb.append(Integer.toHexString(((b[i] & 0xff) << 8) | (b[i + 1] & 0xff)));
      }
    } else {
      for (int i = 0; i < b.length; i++) {
        if (i > 0) {
          sb.append('.');
        }
        sb.append(b[i] & 0xff);
      }
    }
    return (IpAddr) extension("ipaddr", sb.toString(), where);
  }

  private static Decimal decimal(BigDecimal d, Object where) {
    BigDecimal s = d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
    // Both checks come before any arithmetic, which for a scale of a billion would take long.
    if (s.scale() > DECIMAL_DIGITS || s.precision() - s.scale() > DECIMAL_MAX_INTEGER_DIGITS) {
      throw new InvalidRequestException(
          where
              + ": "
              + describe(s)
              + " is not a Cedar decimal"
              + " (at most "
              + DECIMAL_DIGITS
              + " fractional digits, magnitude below 922337203685477)");
    }
    try {
      return Decimal.ofScaled(s.movePointRight(DECIMAL_DIGITS).longValueExact());
    } catch (ArithmeticException e) {
      throw new InvalidRequestException(
          where + ": " + describe(s) + " is not a Cedar decimal" + " (out of range)");
    }
  }

  private static String describe(BigDecimal s) {
    // A value with a huge exponent prints as scientific notation, which stays short.
    String text = s.toString();
    return text.length() > 40 ? text.substring(0, 40) + "..." : text;
  }
}
