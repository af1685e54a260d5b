/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy.internal.validate;

import java.util.Map;

/**
 * The types of Cedar's extension functions, as its validator declares them ({@code
 * cedar-policy-core/src/validator/extensions/}); immutable.
 */
final class ExtSig {
  private static final VType IPADDR = VType.ext("ipaddr");
  private static final VType DECIMAL = VType.ext("decimal");
  private static final VType DATETIME = VType.ext("datetime");
  private static final VType DURATION = VType.ext("duration");

  private static final Map<String, ExtSig> ALL =
      Map.ofEntries(
          Map.entry("ip", new ExtSig(IPADDR, true, VType.STRING)),
          Map.entry("decimal", new ExtSig(DECIMAL, true, VType.STRING)),
          Map.entry("datetime", new ExtSig(DATETIME, true, VType.STRING)),
          Map.entry("duration", new ExtSig(DURATION, true, VType.STRING)),
          Map.entry("isIpv4", new ExtSig(VType.BOOL, false, IPADDR)),
          Map.entry("isIpv6", new ExtSig(VType.BOOL, false, IPADDR)),
          Map.entry("isLoopback", new ExtSig(VType.BOOL, false, IPADDR)),
          Map.entry("isMulticast", new ExtSig(VType.BOOL, false, IPADDR)),
          Map.entry("isInRange", new ExtSig(VType.BOOL, false, IPADDR, IPADDR)),
          Map.entry("lessThan", new ExtSig(VType.BOOL, false, DECIMAL, DECIMAL)),
          Map.entry("lessThanOrEqual", new ExtSig(VType.BOOL, false, DECIMAL, DECIMAL)),
          Map.entry("greaterThan", new ExtSig(VType.BOOL, false, DECIMAL, DECIMAL)),
          Map.entry("greaterThanOrEqual", new ExtSig(VType.BOOL, false, DECIMAL, DECIMAL)),
          Map.entry("offset", new ExtSig(DATETIME, false, DATETIME, DURATION)),
          Map.entry("durationSince", new ExtSig(DURATION, false, DATETIME, DATETIME)),
          Map.entry("toDate", new ExtSig(DATETIME, false, DATETIME)),
          Map.entry("toTime", new ExtSig(DURATION, false, DATETIME)),
          Map.entry("toMilliseconds", new ExtSig(VType.LONG, false, DURATION)),
          Map.entry("toSeconds", new ExtSig(VType.LONG, false, DURATION)),
          Map.entry("toMinutes", new ExtSig(VType.LONG, false, DURATION)),
          Map.entry("toHours", new ExtSig(VType.LONG, false, DURATION)),
          Map.entry("toDays", new ExtSig(VType.LONG, false, DURATION)));

  final VType result;

  /** A constructor, whose literal argument the validator parses. */
  final boolean checked;

  final VType[] params;

  private ExtSig(VType result, boolean checked, VType... params) {
    this.result = result;
    this.checked = checked;
    this.params = params;
  }

  static ExtSig of(String name) {
    return ALL.get(name);
  }

  /** A valid literal for a constructor, for hints. */
  static String example(String constructor) {
    switch (constructor) {
      case "ip":
        return "ip(\"10.0.0.0/24\")";
      case "decimal":
        return "decimal(\"1.2345\") (at most 4 decimal places)";
      case "datetime":
        return "datetime(\"2024-10-15T11:35:00Z\")";
      default:
        return "duration(\"1h30m\")";
    }
  }
}
