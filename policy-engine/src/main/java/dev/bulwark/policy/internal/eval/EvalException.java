/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy.internal.eval;

/**
 * A Cedar evaluation error (type mismatch, overflow, missing attribute or tag, unknown entity,
 * extension error); immutable. It has no stack trace: it is an expected outcome of evaluation,
 * caught by the authorizer for each policy, and filling the trace would dominate its cost.
 */
public final class EvalException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what went wrong
   */
  public EvalException(String message) {
    super(message, null, false, false);
  }
}
