/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.example.spring;

import dev.bulwark.auth.FailureReason;
import org.springframework.security.core.AuthenticationException;

/**
 * Bulwark refused a credential: the reason, and the {@code WWW-Authenticate} value the engine chose
 * for it, which {@link BulwarkEntryPoint} sends. The message names the reason only, never the
 * credential.
 */
public final class BulwarkAuthenticationException extends AuthenticationException {
  private static final long serialVersionUID = 1L;

  private final FailureReason reason;
  private final String challenge;

  BulwarkAuthenticationException(FailureReason reason, String challenge) {
    super("credential refused: " + reason);
    this.reason = reason;
    this.challenge = challenge;
  }

  /** Why the engine refused the credential. */
  public FailureReason reason() {
    return reason;
  }

  /** The engine's {@code WWW-Authenticate} value for this refusal. */
  public String challenge() {
    return challenge;
  }
}
