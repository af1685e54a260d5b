/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy;

import java.util.List;

/**
 * Thrown where an engine that validates policies ({@link PolicyEngine.Builder#validatePolicies}) is
 * given a policy set that the validator finds invalid: the policies are refused whole, and an
 * engine that already runs keeps its old ones. The message lists the first errors; {@link
 * #result()} has them all.
 */
public final class PolicyValidationException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** The message lists at most this many errors; the result has them all. */
  static final int MAX_LISTED = 10;

  /** The validator's findings; not serialized (a finding is not {@link java.io.Serializable}). */
  private final transient ValidationResult result;

  PolicyValidationException(ValidationResult result) {
    super(message(result));
    this.result = result;
  }

  private static String message(ValidationResult r) {
    List<ValidationIssue> errors = r.errors();
    StringBuilder sb =
        new StringBuilder("policies do not validate against the schema: ")
            .append(errors.size())
            .append(errors.size() == 1 ? " error" : " errors");
    for (int i = 0; i < Math.min(MAX_LISTED, errors.size()); i++) {
      sb.append('\n').append(errors.get(i));
    }
    if (errors.size() > MAX_LISTED) {
      sb.append("\n... and ").append(errors.size() - MAX_LISTED).append(" more");
    }
    return sb.toString();
  }

  /**
   * @return the validator's errors and warnings
   */
  public ValidationResult result() {
    return result;
  }
}
