/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.example.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.auth.AuthMethod;
import dev.bulwark.auth.FailureReason;
import dev.bulwark.auth.Principal;
import dev.bulwark.policy.EntityUid;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the demo once and checks what the engines answered at each step, and that the output gives
 * each decision's determining policy and its message.
 */
class QuickstartTest {

  private static Quickstart.Outcome outcome;
  private static String printed;

  @BeforeAll
  static void runDemo() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    outcome =
        Quickstart.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), Clock.systemUTC());
    printed = bytes.toString(StandardCharsets.UTF_8);
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
  void caller_mappedFromVerifiedPrincipal_isUserWithRolesAsParents() {
    assertThat(outcome.caller().uid()).isEqualTo(EntityUid.of("User", Quickstart.USER));
    assertThat(outcome.caller().parents()).containsExactly(EntityUid.of("Role", "customer"));
  }

  @Test
  void view_ownOrderFromOffice_allowedByTheCustomerPolicy() {
    assertThat(outcome.view().isAllowed()).isTrue();
    assertThat(outcome.view().reasons()).containsExactly("customers-view-own-orders");
    assertThat(outcome.view().errors()).isEmpty();
    assertThat(outcome.view().missingEntities()).isEmpty();
  }

  @Test
  void cancel_fromOutsideTheOffice_deniedByTheForbidPolicy() {
    assertThat(outcome.cancel().isAllowed()).isFalse();
    assertThat(outcome.cancel().reasons()).containsExactly("cancel-only-from-office");
    assertThat(outcome.cancel().errors()).isEmpty();
  }

  @Test
  void output_eachDecision_printsItsDeterminingPolicyAndMessage() {
    assertThat(printed)
        .contains(
            "-> allow, determined by customers-view-own-orders: customers may view their"
                + " own orders")
        .contains(
            "-> deny, determined by cancel-only-from-office: orders may be cancelled only"
                + " from the office network");
  }

  @Test
  void output_apiKeySecret_neverPrinted() {
    assertThat(printed).contains("_********").doesNotContainPattern("bk_live_\\w{16}_\\w{43}");
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
