/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.dbcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.auth.AuthMethod;
import dev.bulwark.auth.AuthResult;
import dev.bulwark.auth.FailureReason;
import dev.bulwark.auth.Principal;
import dev.bulwark.dbcache.DecisionEvent.Kind;
import dev.bulwark.dbcache.DecisionEvent.Outcome;
import dev.bulwark.policy.Context;
import dev.bulwark.policy.Decision;
import dev.bulwark.policy.EntityUid;
import dev.bulwark.policy.PolicyEngine;
import dev.bulwark.policy.PolicySet;
import dev.bulwark.policy.Request;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DecisionEventTest {
  private static final String TOKEN =
      "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2VjcmV0LXNpZ25hdHVyZQ";

  private static PolicyEngine engine() throws Exception {
    return PolicyEngine.builder()
        .policies(
            PolicySet.parse(
                String.join(
                    "\n",
                    "@id(\"readers\") permit(principal, action == Action::\"read\", resource);",
                    "@id(\"read,all\") permit(principal, action == Action::\"read\", resource);",
                    "@id(\"level\") permit(principal, action == Action::\"write\", resource)"
                        + " when { principal.level > 3 };",
                    "@id(\"level2\") permit(principal, action == Action::\"write\", resource)"
                        + " when { principal.rank > 3 };")))
        .build();
  }

  private static Principal alice() {
    return Principal.builder(AuthMethod.JWT, "https://issuer.example", "alice")
        .credentialId("jti-1")
        .claims(Map.of("token", TOKEN))
        .build();
  }

  @Test
  void authentication_success_recordsSubjectAndAllow() {
    Instant before = Instant.now();
    DecisionEvent e = DecisionEvent.authentication(AuthResult.success(alice()), 1500);
    assertThat(e.kind()).isEqualTo(Kind.AUTHENTICATION);
    assertThat(e.decision()).isEqualTo(Outcome.ALLOW);
    assertThat(e.principal()).isEqualTo("alice");
    assertThat(e.action()).isNull();
    assertThat(e.resource()).isNull();
    assertThat(e.reason()).isNull();
    assertThat(e.determiningPolicies()).isEmpty();
    assertThat(e.erroringPolicies()).isEmpty();
    assertThat(e.policySetVersion()).isNull();
    assertThat(e.latencyNanos()).isEqualTo(1500);
    assertThat(e.time()).isBetween(before, Instant.now());
  }

  @Test
  void authentication_failure_recordsReasonNameAndDeny() {
    DecisionEvent e =
        DecisionEvent.authentication(
            AuthResult.failure(FailureReason.EXPIRED, "token expired", "Bearer error=x"), 10);
    assertThat(e.decision()).isEqualTo(Outcome.DENY);
    assertThat(e.principal()).isNull();
    assertThat(e.reason()).isEqualTo("EXPIRED");
  }

  /** An event is stored and logged: it carries the subject, never a claim or the credential. */
  @Test
  void authentication_principalWithTokenInClaims_eventCarriesNoClaimOrCredentialId() {
    DecisionEvent e = DecisionEvent.authentication(AuthResult.success(alice()), 1);
    assertThat(e.toString()).doesNotContain(TOKEN).doesNotContain("jti-1");
  }

  @Test
  void authentication_failureDetail_isNotRecorded() {
    DecisionEvent e =
        DecisionEvent.authentication(
            AuthResult.failure(FailureReason.MALFORMED, "detail-text", "Bearer"), 1);
    assertThat(e.toString()).doesNotContain("detail-text");
  }

  @Test
  void authentication_twoEvents_haveDistinctIds() {
    AuthResult r = AuthResult.success(alice());
    assertThat(DecisionEvent.authentication(r, 1).decisionId())
        .isNotEqualTo(DecisionEvent.authentication(r, 1).decisionId());
  }

  @Test
  void authorization_allow_recordsUidsAndSortedDeterminingPolicies() throws Exception {
    Request req =
        Request.of(
            EntityUid.of("User", "alice"),
            EntityUid.of("Action", "read"),
            EntityUid.of("Doc", "d1"),
            Context.empty());
    Decision d = engine().authorize(req);
    DecisionEvent e = DecisionEvent.authorization(req, d, 17L, 2000);
    assertThat(e.kind()).isEqualTo(Kind.AUTHORIZATION);
    assertThat(e.decision()).isEqualTo(Outcome.ALLOW);
    assertThat(e.principal()).isEqualTo("User::\"alice\"");
    assertThat(e.action()).isEqualTo("Action::\"read\"");
    assertThat(e.resource()).isEqualTo("Doc::\"d1\"");
    assertThat(e.determiningPolicies()).containsExactly("read,all", "readers");
    assertThat(e.erroringPolicies()).isEmpty();
    assertThat(e.policySetVersion()).isEqualTo(17L);
    assertThat(e.reason()).isNull();
    assertThat(e.latencyNanos()).isEqualTo(2000);
  }

  @Test
  void authorization_denyWithErrors_recordsSortedErroringPoliciesAndNoDetermining()
      throws Exception {
    Request req =
        Request.of(
            EntityUid.of("User", "bob"),
            EntityUid.of("Action", "write"),
            EntityUid.of("Doc", "d1"));
    Decision d = engine().authorize(req);
    DecisionEvent e = DecisionEvent.authorization(req, d, null, 5);
    assertThat(e.decision()).isEqualTo(Outcome.DENY);
    assertThat(e.determiningPolicies()).isEmpty();
    assertThat(e.erroringPolicies()).containsExactly("level", "level2");
    assertThat(e.policySetVersion()).isNull();
  }

  @Test
  void constructor_negativeLatency_throwsIllegalArgumentExceptionNamingIt() {
    assertThatThrownBy(
            () ->
                new DecisionEvent(
                    UUID.randomUUID(),
                    Instant.now(),
                    Kind.AUTHENTICATION,
                    null,
                    null,
                    null,
                    Outcome.DENY,
                    List.of(),
                    List.of(),
                    null,
                    null,
                    -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("latencyNanos must be at least 0, was -1");
  }

  @Test
  void constructor_missingDecisionId_throwsNullPointerException() {
    assertThatThrownBy(
            () ->
                new DecisionEvent(
                    null,
                    Instant.now(),
                    Kind.AUTHENTICATION,
                    null,
                    null,
                    null,
                    Outcome.DENY,
                    List.of(),
                    List.of(),
                    null,
                    null,
                    1))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("decisionId");
  }
}
