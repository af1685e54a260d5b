/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.internal;

import dev.bulwark.auth.FailureReason;

/**
 * Why a credential was refused, thrown inside the verification pipeline and turned into a {@link
 * Verdict} at its edge. Immutable. It has no stack trace and no cause, so that refusing a flood of
 * bad tokens costs an allocation, not a stack walk; its message is the detail, which never holds the
 * credential, a key or a value copied from the token.
 */
public final class Refusal extends Exception {
  private static final long serialVersionUID = 1L;

  private final FailureReason reason;

  /** A refusal for {@code reason}; {@code detail} must hold nothing from the credential. */
  public Refusal(FailureReason reason, String detail) {
    super(detail, null, false, false);
    this.reason = reason;
  }

  /** Why the credential was refused. */
  public FailureReason reason() {
    return reason;
  }

  /** The fixed-vocabulary explanation, safe to log. */
  public String detail() {
    return getMessage();
  }

  /** This refusal as a failed {@link Verdict}. */
  public Verdict toVerdict() {
    return Verdict.fail(reason, getMessage());
  }
}
