/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.internal;

import dev.bulwark.auth.FailureReason;
import dev.bulwark.auth.Principal;

/**
 * What one credential check concluded, before the engine turns it into an {@link
 * dev.bulwark.auth.AuthResult} with its challenge. Immutable. Failures are values, not exceptions,
 * so that refusing a flood of bad credentials costs no stack traces.
 */
public final class Verdict {
  private final Principal principal;
  private final FailureReason reason;
  private final String detail;

  private Verdict(Principal principal, FailureReason reason, String detail) {
    this.principal = principal;
    this.reason = reason;
    this.detail = detail;
  }

  public static Verdict ok(Principal principal) {
    return new Verdict(principal, null, null);
  }

  /** {@code detail} must never contain the credential or a secret. */
  public static Verdict fail(FailureReason reason, String detail) {
    return new Verdict(null, reason, detail);
  }

  public boolean isOk() {
    return principal != null;
  }

  public Principal principal() {
    return principal;
  }

  public FailureReason reason() {
    return reason;
  }

  public String detail() {
    return detail;
  }
}
