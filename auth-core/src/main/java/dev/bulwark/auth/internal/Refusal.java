/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.internal;

import dev.bulwark.auth.FailureReason;

/**
 * Why a credential was refused: the one way a refusal travels inside auth-core, thrown by the JWT
 * pipeline and by API-key verification alike and turned into a failed {@link
 * dev.bulwark.auth.AuthResult} at the engine's edge. Immutable. It has no stack trace and no cause,
 * so that refusing a flood of bad credentials costs an allocation, not a stack walk, and success
 * allocates no result wrapper; its message is the detail, which never holds the credential, a
 * secret, a key or a value copied from the token.
 */
public final class Refusal extends Exception {
  private static final long serialVersionUID = 1L;

  private final FailureReason reason;

  /**
   * A refusal for {@code reason}; {@code detail} must hold nothing secret from the credential (an
   * API key's public key id may appear, its secret never).
   */
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
}
