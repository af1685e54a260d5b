/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy;

/**
 * A snapshot of a {@link PolicyEngine}'s counters, each counted since the engine was built;
 * immutable and thread-safe. Each count only grows. Taken while other threads decide, each figure
 * is exact but they are not read at the same instant.
 */
public final class PolicyStats {
  private final long allowed;
  private final long denied;
  private final long errors;
  private final long decisionsWithPolicyErrors;

  PolicyStats(long allowed, long denied, long errors, long decisionsWithPolicyErrors) {
    this.allowed = allowed;
    this.denied = denied;
    this.errors = errors;
    this.decisionsWithPolicyErrors = decisionsWithPolicyErrors;
  }

  /** Requests allowed. */
  public long allowed() {
    return allowed;
  }

  /** Requests denied, by a forbid or for want of a permit. */
  public long denied() {
    return denied;
  }

  /**
   * Requests not decided: an exception was thrown instead ({@link InvalidRequestException}, {@link
   * EntityStoreUnavailableException}, or an unexpected one).
   */
  public long errors() {
    return errors;
  }

  /**
   * Decisions (allowed or denied, counted there too) in which a policy raised an error and was
   * skipped; see {@link Decision#errors()}.
   */
  public long decisionsWithPolicyErrors() {
    return decisionsWithPolicyErrors;
  }

  @Override
  public String toString() {
    return "PolicyStats{allowed="
        + allowed
        + ", denied="
        + denied
        + ", errors="
        + errors
        + ", decisionsWithPolicyErrors="
        + decisionsWithPolicyErrors
        + "}";
  }
}
