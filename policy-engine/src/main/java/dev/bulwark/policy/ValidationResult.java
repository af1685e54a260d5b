/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy;

import java.util.List;

/**
 * What the policy validator found in a policy set ({@link Schema#validate(PolicySet)}): errors,
 * which make it invalid, and warnings, which do not; immutable and thread-safe.
 */
public final class ValidationResult {
  private final List<ValidationIssue> errors;
  private final List<ValidationIssue> warnings;

  ValidationResult(List<ValidationIssue> errors, List<ValidationIssue> warnings) {
    this.errors = List.copyOf(errors);
    this.warnings = List.copyOf(warnings);
  }

  /**
   * @return true if there is no error (warnings allowed)
   */
  public boolean isValid() {
    return errors.isEmpty();
  }

  /**
   * @return the errors, in policy order, unmodifiable
   */
  public List<ValidationIssue> errors() {
    return errors;
  }

  /**
   * @return the warnings, in policy order, unmodifiable
   */
  public List<ValidationIssue> warnings() {
    return warnings;
  }

  /**
   * @return every error then every warning, one per line, as {@link ValidationIssue#toString}
   */
  @Override
  public String toString() {
    if (errors.isEmpty() && warnings.isEmpty()) {
      return "valid";
    }
    StringBuilder sb = new StringBuilder();
    for (ValidationIssue i : errors) {
      sb.append(i).append('\n');
    }
    for (ValidationIssue i : warnings) {
      sb.append(i).append('\n');
    }
    return sb.toString();
  }
}
