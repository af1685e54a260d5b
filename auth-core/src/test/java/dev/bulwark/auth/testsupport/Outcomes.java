/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import dev.bulwark.auth.AuthEngine;
import dev.bulwark.auth.AuthResult;
import dev.bulwark.auth.FailureReason;
import dev.bulwark.auth.Principal;

/** Assertions on {@link AuthEngine#authenticate(String)} that also prove it did not throw. */
public final class Outcomes {
  private Outcomes() {}

  /** Authenticates, failing the test (with the exception as cause) if the engine throws. */
  public static AuthResult authenticate(AuthEngine engine, String authorization) {
    return assertDoesNotThrow(
        () -> engine.authenticate(authorization), "authenticate must never throw for bad input");
  }

  /** Asserts that {@code authorization} is refused for exactly {@code reason}. */
  public static AuthResult assertRefused(
      AuthEngine engine, String authorization, FailureReason reason) {
    AuthResult result = authenticate(engine, authorization);
    assertThat(result.isAuthenticated())
        .as("credential must be refused with %s, but was accepted: %s", reason, result)
        .isFalse();
    assertThat(result.failureReason())
        .as("failure reason (detail: %s)", result.detail())
        .isEqualTo(reason);
    return result;
  }

  /** Asserts that {@code authorization} is accepted and returns the principal. */
  public static Principal assertAccepted(AuthEngine engine, String authorization) {
    AuthResult result = authenticate(engine, authorization);
    assertThat(result.isAuthenticated()).as("credential must be accepted: %s", result).isTrue();
    return result.principal();
  }

  /** {@code "Bearer " + token}. */
  public static String bearer(String token) {
    return "Bearer " + token;
  }
}
