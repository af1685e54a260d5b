/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.example.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.auth.AuthMethod;
import dev.bulwark.auth.FailureReason;
import dev.bulwark.auth.Principal;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs the demo once and checks what the engine answered at each step, not the wording. */
class QuickstartTest {

  private static Quickstart.Outcome outcome;

  @BeforeAll
  static void runDemo() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    outcome = Quickstart.run(new PrintStream(printed, true, StandardCharsets.UTF_8),
        Clock.systemUTC());
  }

  @Test
  void token_signedByPublishedKey_authenticatesAlice() {
    assertThat(outcome.token().isAuthenticated()).isTrue();
    Principal p = outcome.token().principal();
    assertThat(p.subject()).isEqualTo(Quickstart.USER);
    assertThat(p.issuer()).isEqualTo(Quickstart.ISSUER);
    assertThat(p.method()).isEqualTo(AuthMethod.JWT);
    assertThat(p.audiences()).contains(Quickstart.AUDIENCE);
    assertThat(p.scopes()).containsExactlyInAnyOrder("orders:read", "orders:write");
    assertThat(p.roles()).containsExactly("customer");
  }

  @Test
  void token_signedByUnpublishedKey_isRefusedAsBadSignature() {
    assertThat(outcome.forgedToken().isAuthenticated()).isFalse();
    assertThat(outcome.forgedToken().failureReason()).isEqualTo(FailureReason.BAD_SIGNATURE);
  }

  @Test
  void apiKey_freshlyGenerated_authenticatesServiceAccount() {
    assertThat(outcome.apiKey().isAuthenticated()).isTrue();
    Principal p = outcome.apiKey().principal();
    assertThat(p.subject()).isEqualTo(Quickstart.SERVICE_ACCOUNT);
    assertThat(p.method()).isEqualTo(AuthMethod.API_KEY);
    assertThat(p.scopes()).containsExactly("orders:read");
  }

  @Test
  void apiKey_afterRevocation_isRefusedAsRevoked() {
    assertThat(outcome.revokedApiKey().isAuthenticated()).isFalse();
    assertThat(outcome.revokedApiKey().failureReason()).isEqualTo(FailureReason.REVOKED);
  }
}
