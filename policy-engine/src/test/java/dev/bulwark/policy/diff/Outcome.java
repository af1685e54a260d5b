/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy.diff;

import java.util.Set;
import java.util.TreeSet;

/**
 * What an engine decided for one request, in a form both engines produce.
 *
 * @param rejected true if the engine refused the input (parse or validation error)
 * @param allow the decision
 * @param reasons the determining policy ids
 * @param errors the ids of policies whose evaluation raised an error
 * @param detail the refusal message, if any (not compared)
 */
record Outcome(
    boolean rejected, boolean allow, Set<String> reasons, Set<String> errors, String detail) {

  static Outcome rejected(String detail) {
    return new Outcome(true, false, Set.of(), Set.of(), detail);
  }

  static Outcome decided(boolean allow, Set<String> reasons, Set<String> errors) {
    return new Outcome(false, allow, new TreeSet<>(reasons), new TreeSet<>(errors), null);
  }

  boolean sameAs(Outcome o) {
    return rejected == o.rejected
        && (rejected || (allow == o.allow && reasons.equals(o.reasons) && errors.equals(o.errors)));
  }

  @Override
  public String toString() {
    return rejected
        ? "rejected(" + detail + ")"
        : (allow ? "allow" : "deny") + " reasons=" + reasons + " errors=" + errors;
  }
}
