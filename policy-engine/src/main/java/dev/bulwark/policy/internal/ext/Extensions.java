/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy.internal.ext;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The table of Cedar 4.x extension functions, for a table-driven evaluator. This class and its
 * enums are immutable and thread-safe.
 *
 * <p>Each {@link Function} has its Cedar name, its call style (Cedar's parser accepts {@code
 * ip("...")} but not {@code "...".ip()}, and {@code a.isInRange(b)} but not {@code isInRange(a,
 * b)}), its parameter types, receiver first for methods, and its result type. The evaluator checks
 * arity and argument types itself, because a wrong count or a wrong type is a different Cedar error
 * (wrong number of arguments, type error) from a failed call; it then calls {@link Function#apply},
 * or the value classes directly, and reports {@link ExtensionException} as Cedar's extension error.
 *
 * <p>Java types of values: {@code String}, {@code Boolean}, {@code Long}, {@link IpAddr}, {@link
 * Decimal}, {@link CedarDateTime}, {@link CedarDuration}.
 */
public final class Extensions {

  private Extensions() {}

  /** The Cedar types that extension functions take and return. */
  public enum ValueType {
    /** Cedar {@code String}; Java {@link String}. */
    STRING("String", String.class),
    /** Cedar {@code Bool}; Java {@link Boolean}. */
    BOOL("Bool", Boolean.class),
    /** Cedar {@code Long}; Java {@link Long}. */
    LONG("Long", Long.class),
    /** Cedar {@code ipaddr}; Java {@link IpAddr}. */
    IPADDR("ipaddr", IpAddr.class),
    /** Cedar {@code decimal}; Java {@link Decimal}. */
    DECIMAL("decimal", Decimal.class),
    /** Cedar {@code datetime}; Java {@link CedarDateTime}. */
    DATETIME("datetime", CedarDateTime.class),
    /** Cedar {@code duration}; Java {@link CedarDuration}. */
    DURATION("duration", CedarDuration.class);

    private final String cedarName;
    private final Class<?> javaType;

    ValueType(String cedarName, Class<?> javaType) {
      this.cedarName = cedarName;
      this.javaType = javaType;
    }

    /**
     * Returns the type's name as Cedar's schemas and messages write it, such as {@code ipaddr}.
     *
     * @return the Cedar name
     */
    public String cedarName() {
      return cedarName;
    }

    /**
     * Returns whether {@code value} is a Java value of this type.
     *
     * @param value any object
     * @return whether it has this type
     */
    public boolean isInstance(Object value) {
      return javaType.isInstance(value);
    }

    /**
     * Returns whether this is an extension type.
     *
     * @return {@code true} for ipaddr, decimal, datetime and duration
     */
    public boolean isExtension() {
      return ordinal() >= IPADDR.ordinal();
    }

    /**
     * Returns whether Cedar's {@code <}, {@code <=}, {@code >}, {@code >=} apply to two values of
     * this extension type. True for datetime and duration only; on two decimals or two ipaddrs they
     * are a type error (decimals compare with {@code lessThan} and its siblings). Both sides must
     * have the same type: {@code datetime < duration} is a type error too.
     *
     * @return whether the comparison operators are defined on this extension type
     */
    public boolean supportsComparisonOperators() {
      return this == DATETIME || this == DURATION;
    }

    /**
     * Returns the one-string-argument constructor of this extension type, used where Cedar accepts
     * an extension value written as its constructor call or, with a schema, as a bare string.
     *
     * @return the constructor, or empty for String, Bool and Long
     */
    public Optional<Function> constructor() {
      switch (this) {
        case IPADDR:
          return Optional.of(Function.IP);
        case DECIMAL:
          return Optional.of(Function.DECIMAL);
        case DATETIME:
          return Optional.of(Function.DATETIME);
        case DURATION:
          return Optional.of(Function.DURATION);
        default:
          return Optional.empty();
      }
    }

    /**
     * Finds an extension type by its Cedar name.
     *
     * @param cedarName such as {@code "decimal"}
     * @return the type, or empty if {@code cedarName} is not an extension type
     */
    public static Optional<ValueType> extensionType(String cedarName) {
      for (ValueType t : values()) {
        if (t.isExtension() && t.cedarName.equals(cedarName)) {
          return Optional.of(t);
        }
      }
      return Optional.empty();
    }
  }

  /** How a function is written in Cedar text. */
  public enum CallStyle {
    /** {@code name(arg)}. */
    FUNCTION,
    /** {@code receiver.name(args...)}. */
    METHOD
  }

  /** Every extension function of Cedar 4.x (with the standard features: binary isInRange). */
  public enum Function {
    /** {@code ip(String) -> ipaddr}. */
    IP("ip", CallStyle.FUNCTION, ValueType.IPADDR, ValueType.STRING),
    /** {@code ipaddr.isIpv4() -> Bool}. */
    IS_IPV4("isIpv4", CallStyle.METHOD, ValueType.BOOL, ValueType.IPADDR),
    /** {@code ipaddr.isIpv6() -> Bool}. */
    IS_IPV6("isIpv6", CallStyle.METHOD, ValueType.BOOL, ValueType.IPADDR),
    /** {@code ipaddr.isLoopback() -> Bool}. */
    IS_LOOPBACK("isLoopback", CallStyle.METHOD, ValueType.BOOL, ValueType.IPADDR),
    /** {@code ipaddr.isMulticast() -> Bool}. */
    IS_MULTICAST("isMulticast", CallStyle.METHOD, ValueType.BOOL, ValueType.IPADDR),
    /** {@code ipaddr.isInRange(ipaddr) -> Bool}. */
    IS_IN_RANGE("isInRange", CallStyle.METHOD, ValueType.BOOL, ValueType.IPADDR, ValueType.IPADDR),
    /** {@code decimal(String) -> decimal}. */
    DECIMAL("decimal", CallStyle.FUNCTION, ValueType.DECIMAL, ValueType.STRING),
    /** {@code decimal.lessThan(decimal) -> Bool}. */
    LESS_THAN("lessThan", CallStyle.METHOD, ValueType.BOOL, ValueType.DECIMAL, ValueType.DECIMAL),
    /** {@code decimal.lessThanOrEqual(decimal) -> Bool}. */
    LESS_THAN_OR_EQUAL(
        "lessThanOrEqual", CallStyle.METHOD, ValueType.BOOL, ValueType.DECIMAL, ValueType.DECIMAL),
    /** {@code decimal.greaterThan(decimal) -> Bool}. */
    GREATER_THAN(
        "greaterThan", CallStyle.METHOD, ValueType.BOOL, ValueType.DECIMAL, ValueType.DECIMAL),
    /** {@code decimal.greaterThanOrEqual(decimal) -> Bool}. */
    GREATER_THAN_OR_EQUAL(
        "greaterThanOrEqual",
        CallStyle.METHOD,
        ValueType.BOOL,
        ValueType.DECIMAL,
        ValueType.DECIMAL),
    /** {@code datetime(String) -> datetime}. */
    DATETIME("datetime", CallStyle.FUNCTION, ValueType.DATETIME, ValueType.STRING),
    /** {@code duration(String) -> duration}. */
    DURATION("duration", CallStyle.FUNCTION, ValueType.DURATION, ValueType.STRING),
    /** {@code datetime.offset(duration) -> datetime}. */
    OFFSET("offset", CallStyle.METHOD, ValueType.DATETIME, ValueType.DATETIME, ValueType.DURATION),
    /** {@code datetime.durationSince(datetime) -> duration}. */
    DURATION_SINCE(
        "durationSince",
        CallStyle.METHOD,
        ValueType.DURATION,
        ValueType.DATETIME,
        ValueType.DATETIME),
    /** {@code datetime.toDate() -> datetime}. */
    TO_DATE("toDate", CallStyle.METHOD, ValueType.DATETIME, ValueType.DATETIME),
    /** {@code datetime.toTime() -> duration}. */
    TO_TIME("toTime", CallStyle.METHOD, ValueType.DURATION, ValueType.DATETIME),
    /** {@code duration.toMilliseconds() -> Long}. */
    TO_MILLISECONDS("toMilliseconds", CallStyle.METHOD, ValueType.LONG, ValueType.DURATION),
    /** {@code duration.toSeconds() -> Long}. */
    TO_SECONDS("toSeconds", CallStyle.METHOD, ValueType.LONG, ValueType.DURATION),
    /** {@code duration.toMinutes() -> Long}. */
    TO_MINUTES("toMinutes", CallStyle.METHOD, ValueType.LONG, ValueType.DURATION),
    /** {@code duration.toHours() -> Long}. */
    TO_HOURS("toHours", CallStyle.METHOD, ValueType.LONG, ValueType.DURATION),
    /** {@code duration.toDays() -> Long}. */
    TO_DAYS("toDays", CallStyle.METHOD, ValueType.LONG, ValueType.DURATION);

    private static final Map<String, Function> BY_NAME;

    static {
      Map<String, Function> m = new HashMap<>();
      for (Function f : values()) {
        m.put(f.cedarName, f);
      }
      BY_NAME = Collections.unmodifiableMap(m);
    }

    private final String cedarName;
    private final CallStyle style;
    private final ValueType returnType;
    private final List<ValueType> parameterTypes;

    Function(String cedarName, CallStyle style, ValueType returnType, ValueType... parameters) {
      this.cedarName = cedarName;
      this.style = style;
      this.returnType = returnType;
      this.parameterTypes = List.of(parameters);
    }

    /**
     * Returns the name as written in Cedar, such as {@code isInRange}.
     *
     * @return the Cedar name
     */
    public String cedarName() {
      return cedarName;
    }

    /**
     * Returns how the function is written in Cedar text.
     *
     * @return the call style
     */
    public CallStyle style() {
      return style;
    }

    /**
     * Returns the parameter types, the receiver first for a method.
     *
     * @return an immutable list
     */
    public List<ValueType> parameterTypes() {
      return parameterTypes;
    }

    /**
     * Returns the number of arguments, the receiver included for a method.
     *
     * @return the arity
     */
    public int arity() {
      return parameterTypes.size();
    }

    /**
     * Returns the result type.
     *
     * @return the type of {@link #apply}'s result
     */
    public ValueType returnType() {
      return returnType;
    }

    /**
     * Returns whether this builds an extension value from one string ({@code ip}, {@code decimal},
     * {@code datetime}, {@code duration}).
     *
     * @return whether this is a constructor
     */
    public boolean isConstructor() {
      return style == CallStyle.FUNCTION;
    }

    /**
     * Calls the function on arguments whose count and types the caller has checked.
     *
     * @param args the arguments, receiver first, as the Java types of {@link #parameterTypes()}
     * @return the result, of the Java type of {@link #returnType()}
     * @throws ExtensionException if Cedar's function fails on these arguments
     * @throws IllegalArgumentException if the count or a type is wrong: a bug in the caller
     */
    public Object apply(Object... args) {
      if (args.length != parameterTypes.size()) {
        throw new IllegalArgumentException(
            cedarName + " takes " + parameterTypes.size() + " arguments, was " + args.length);
      }
      for (int i = 0; i < args.length; i++) {
        if (!parameterTypes.get(i).isInstance(args[i])) {
          throw new IllegalArgumentException(
              cedarName
                  + " argument "
                  + i
                  + " must be "
                  + parameterTypes.get(i).cedarName()
                  + ", was "
                  + (args[i] == null ? "null" : args[i].getClass().getSimpleName()));
        }
      }
      return invoke(args[0], args.length > 1 ? args[1] : null);
    }

    /**
     * Calls the function on arguments whose count and types the caller has checked, without the
     * argument array of {@link #apply} (the evaluator's per-request path).
     *
     * @param a the first argument (the receiver of a method)
     * @param b the second argument, or null for a one-argument function
     * @return the result, of the Java type of {@link #returnType()}
     * @throws ExtensionException if Cedar's function fails on these arguments
     */
    public Object invoke(Object a, Object b) {
      switch (this) {
        case IP:
          return IpAddr.parse((String) a);
        case IS_IPV4:
          return ((IpAddr) a).isIpv4();
        case IS_IPV6:
          return ((IpAddr) a).isIpv6();
        case IS_LOOPBACK:
          return ((IpAddr) a).isLoopback();
        case IS_MULTICAST:
          return ((IpAddr) a).isMulticast();
        case IS_IN_RANGE:
          return ((IpAddr) a).isInRange((IpAddr) b);
        case DECIMAL:
          return Decimal.parse((String) a);
        case LESS_THAN:
          return ((Decimal) a).lessThan((Decimal) b);
        case LESS_THAN_OR_EQUAL:
          return ((Decimal) a).lessThanOrEqual((Decimal) b);
        case GREATER_THAN:
          return ((Decimal) a).greaterThan((Decimal) b);
        case GREATER_THAN_OR_EQUAL:
          return ((Decimal) a).greaterThanOrEqual((Decimal) b);
        case DATETIME:
          return CedarDateTime.parse((String) a);
        case DURATION:
          return CedarDuration.parse((String) a);
        case OFFSET:
          return ((CedarDateTime) a).offset((CedarDuration) b);
        case DURATION_SINCE:
          return ((CedarDateTime) a).durationSince((CedarDateTime) b);
        case TO_DATE:
          return ((CedarDateTime) a).toDate();
        case TO_TIME:
          return ((CedarDateTime) a).toTime();
        case TO_MILLISECONDS:
          return ((CedarDuration) a).toMilliseconds();
        case TO_SECONDS:
          return ((CedarDuration) a).toSeconds();
        case TO_MINUTES:
          return ((CedarDuration) a).toMinutes();
        case TO_HOURS:
          return ((CedarDuration) a).toHours();
        case TO_DAYS:
          return ((CedarDuration) a).toDays();
        default:
          throw new AssertionError(this);
      }
    }

    /**
     * Finds a function by its Cedar name.
     *
     * @param cedarName such as {@code "isInRange"}
     * @return the function, or empty if Cedar has no extension function of that name
     */
    public static Optional<Function> byName(String cedarName) {
      return Optional.ofNullable(BY_NAME.get(cedarName));
    }
  }
}
