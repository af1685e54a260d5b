/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy.internal.eval;

import dev.bulwark.policy.internal.ext.CedarDateTime;
import dev.bulwark.policy.internal.ext.CedarDuration;
import dev.bulwark.policy.internal.ext.ExtensionException;
import dev.bulwark.policy.internal.ext.Extensions;
import dev.bulwark.policy.internal.value.Values;
import java.util.List;
import java.util.Set;

/**
 * Dispatch of Cedar's extension functions and methods to the extension value classes; stateless
 * and thread-safe.
 */
public final class ExtCalls {
  private ExtCalls() {}

  /** Constructor functions, called as {@code f(x)}. */
  public static final Set<String> FUNCTIONS = Set.of("ip", "decimal", "datetime", "duration");

  /** Methods, called as {@code x.f(...)}. */
  public static final Set<String> METHODS = Set.of("isIpv4", "isIpv6", "isLoopback",
      "isMulticast", "isInRange", "lessThan", "lessThanOrEqual", "greaterThan",
      "greaterThanOrEqual", "offset", "durationSince", "toDate", "toTime", "toMilliseconds",
      "toSeconds", "toMinutes", "toHours", "toDays");

  /**
   * The number of arguments of an extension function, counting a method's receiver.
   *
   * @param fn a name in {@link #FUNCTIONS} or {@link #METHODS}
   * @return the arity
   */
  public static int arity(String fn) {
    switch (fn) {
      case "isInRange":
      case "lessThan":
      case "lessThanOrEqual":
      case "greaterThan":
      case "greaterThanOrEqual":
      case "offset":
      case "durationSince":
        return 2;
      default:
        return 1;
    }
  }

  /**
   * Calls an extension function.
   *
   * @param fn the function name
   * @param args the evaluated arguments (receiver first for methods)
   * @return the result
   * @throws EvalException on a type error or an extension error
   */
  public static Object call(String fn, Object[] args) {
    Extensions.Function f = Extensions.Function.byName(fn).orElse(null);
    if (f == null) {
      throw new EvalException("unknown extension function " + fn);
    }
    List<Extensions.ValueType> params = f.parameterTypes();
    if (params.size() != args.length) {
      throw new EvalException(fn + " takes " + params.size() + " arguments, got " + args.length);
    }
    for (int i = 0; i < args.length; i++) {
      if (!params.get(i).isInstance(args[i])) {
        throw new EvalException("type error: " + fn + " expects " + params.get(i).cedarName()
            + ", got " + Values.typeName(args[i]));
      }
    }
    try {
      return f.apply(args);
    } catch (ExtensionException e) {
      throw new EvalException(e.getMessage());
    }
  }

  static boolean isOrdered(Object v) {
    return v instanceof CedarDateTime || v instanceof CedarDuration;
  }

  static int compareOrdered(Object a, Object b) {
    if (a instanceof CedarDateTime) {
      return ((CedarDateTime) a).compareTo((CedarDateTime) b);
    }
    return ((CedarDuration) a).compareTo((CedarDuration) b);
  }
}
