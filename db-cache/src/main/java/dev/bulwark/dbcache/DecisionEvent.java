/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.dbcache;

import dev.bulwark.auth.AuthResult;
import dev.bulwark.policy.Decision;
import dev.bulwark.policy.Request;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * One authentication or authorization decision, as the decision log stores it (a row of {@code
 * bulwark_decision_log}). Immutable and thread-safe.
 *
 * <p>An event never carries a credential, a key or a secret: the factories take from an {@link
 * AuthResult} only the principal's subject and the refusal's {@code FailureReason} name, and from a
 * {@link Request} only the entity uids of its principal, action and resource (never its context).
 *
 * @param decisionId the decision's id, unique among all decisions (the table's primary key)
 * @param time when the decision was made
 * @param kind authentication or authorization
 * @param principal who asked: the authenticated subject, or the request's principal uid in Cedar
 *     syntax ({@code User::"alice"}); null when authentication failed
 * @param action the request's action uid in Cedar syntax; null for an authentication
 * @param resource the request's resource uid in Cedar syntax; null for an authentication
 * @param decision allow or deny
 * @param determiningPolicies the ids of the policies that determined an authorization, sorted;
 *     empty for an authentication and for Cedar's default deny
 * @param erroringPolicies the ids of the policies whose evaluation failed, sorted, each once
 * @param policySetVersion the version of the policy set that decided, or null if not known
 * @param reason why a credential was refused (a {@code FailureReason} name), or null
 * @param latencyNanos how long the decision took, in nanoseconds
 */
public record DecisionEvent(
    UUID decisionId,
    Instant time,
    Kind kind,
    String principal,
    String action,
    String resource,
    Outcome decision,
    List<String> determiningPolicies,
    List<String> erroringPolicies,
    Long policySetVersion,
    String reason,
    long latencyNanos) {

  /** What was decided on. */
  public enum Kind {
    /** Whether a credential is accepted ({@code AuthEngine}). */
    AUTHENTICATION,
    /** Whether a request is allowed ({@code PolicyEngine}). */
    AUTHORIZATION
  }

  /** The outcome of a decision. */
  public enum Outcome {
    /** The credential was accepted, or the request allowed. */
    ALLOW,
    /** The credential was refused, or the request denied. */
    DENY
  }

  /**
   * Checks and copies the components.
   *
   * @throws NullPointerException if {@code decisionId}, {@code time}, {@code kind}, {@code
   *     decision}, either list or an id in a list is null
   * @throws IllegalArgumentException if {@code latencyNanos} is negative
   */
  public DecisionEvent {
    Objects.requireNonNull(decisionId, "decisionId");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(decision, "decision");
    determiningPolicies = List.copyOf(determiningPolicies);
    erroringPolicies = List.copyOf(erroringPolicies);
    if (latencyNanos < 0) {
      throw new IllegalArgumentException("latencyNanos must be at least 0, was " + latencyNanos);
    }
  }

  /**
   * The event of an authentication: allow with the principal's subject, or deny with the failure
   * reason's name. The event gets a random id and the current time.
   *
   * @param result what {@code AuthEngine.authenticate} returned
   * @param latencyNanos how long the authentication took, in nanoseconds
   * @return the event
   * @throws NullPointerException if {@code result} is null
   * @throws IllegalArgumentException if {@code latencyNanos} is negative
   */
  public static DecisionEvent authentication(AuthResult result, long latencyNanos) {
    Objects.requireNonNull(result, "result");
    boolean ok = result.isAuthenticated();
    return new DecisionEvent(
        UUID.randomUUID(),
        Instant.now(),
        Kind.AUTHENTICATION,
        ok ? result.principal().subject() : null,
        null,
        null,
        ok ? Outcome.ALLOW : Outcome.DENY,
        List.of(),
        List.of(),
        null,
        ok ? null : result.failureReason().name(),
        latencyNanos);
  }

  /**
   * The event of an authorization: the request's principal, action and resource uids (never its
   * context), allow or deny, the determining and the erroring policies. The reason is null: the
   * determining policies say why (none for Cedar's default deny). The event gets a random id and
   * the current time.
   *
   * @param request the request that was decided
   * @param decision what {@code PolicyEngine.authorize} returned for it
   * @param policySetVersion the version of the policy set that decided, or null if not known
   * @param latencyNanos how long the authorization took, in nanoseconds
   * @return the event
   * @throws NullPointerException if {@code request} or {@code decision} is null
   * @throws IllegalArgumentException if {@code latencyNanos} is negative
   */
  public static DecisionEvent authorization(
      Request request, Decision decision, Long policySetVersion, long latencyNanos) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(decision, "decision");
    List<String> determining = new ArrayList<>(decision.reasons());
    determining.sort(null);
    // A policy may report more than one error; it is listed once.
    Set<String> erroring = new LinkedHashSet<>();
    for (Decision.PolicyError e : decision.errors()) {
      erroring.add(e.policyId());
    }
    List<String> errors = new ArrayList<>(erroring);
    errors.sort(null);
    return new DecisionEvent(
        UUID.randomUUID(),
        Instant.now(),
        Kind.AUTHORIZATION,
        request.principal().toString(),
        request.action().toString(),
        request.resource().toString(),
        decision.isAllowed() ? Outcome.ALLOW : Outcome.DENY,
        determining,
        errors,
        policySetVersion,
        null,
        latencyNanos);
  }
}
