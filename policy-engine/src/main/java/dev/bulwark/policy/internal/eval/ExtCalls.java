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
 * Dispatch of Cedar's extension functions and methods to the extension value classes; stateless and
 * thread-safe.
 */
public final class ExtCalls {
  private ExtCalls() {}

  /** Constructor functions, called as {@code f(x)}. */
  public static final Set<String> FUNCTIONS = Set.of("ip", "decimal", "datetime", "duration");

  /** Methods, called as {@code x.f(...)}. */
  public static final Set<String> METHODS =
      Set.of(
          "isIpv4",
          "isIpv6",
          "isLoopback",
          "isMulticast",
          "isInRange",
          "lessThan",
          "lessThanOrEqual",
          "greaterThan",
          "greaterThanOrEqual",
          "offset",
          "durationSince",
          "toDate",
          "toTime",
          "toMilliseconds",
          "toSeconds",
          "toMinutes",
          "toHours",
          "toDays");

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
        throw new EvalException(
            "type error: "
                + fn
                + " expects "
                + params.get(i).cedarName()
                + ", got "
                + Values.typeName(args[i]));
      }
    }
    try {
      return f.apply(args);
    } catch (ExtensionException e) {
      throw new EvalException(e.getMessage());
    }
  }

  /**
   * {@link #call(String, Object[])} for a function known at compile time and one argument.
   *
   * @param f the function
   * @param a the evaluated argument
   * @return the result
   * @throws EvalException on a wrong argument count, a type error or an extension error
   */
  static Object call1(Extensions.Function f, Object a) {
    if (f.arity() != 1) {
      throw new EvalException(f.cedarName() + " takes " + f.arity() + " arguments, got 1");
    }
    checkArg(f, 0, a);
    try {
      return f.invoke(a, null);
    } catch (ExtensionException e) {
      throw new EvalException(e.getMessage());
    }
  }

  /**
   * {@link #call(String, Object[])} for a function known at compile time and two arguments.
   *
   * @param f the function
   * @param a the first evaluated argument (the receiver)
   * @param b the second evaluated argument
   * @return the result
   * @throws EvalException on a wrong argument count, a type error or an extension error
   */
  static Object call2(Extensions.Function f, Object a, Object b) {
    if (f.arity() != 2) {
      throw new EvalException(f.cedarName() + " takes " + f.arity() + " arguments, got 2");
    }
    checkArg(f, 0, a);
    checkArg(f, 1, b);
    try {
      return f.invoke(a, b);
    } catch (ExtensionException e) {
      throw new EvalException(e.getMessage());
    }
  }

  private static void checkArg(Extensions.Function f, int i, Object v) {
    Extensions.ValueType t = f.parameterTypes().get(i);
    if (!t.isInstance(v)) {
      throw new EvalException(
          "type error: "
              + f.cedarName()
              + " expects "
              + t.cedarName()
              + ", got "
              + Values.typeName(v));
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
