/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy;

import dev.bulwark.policy.internal.json.JsonWriter;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable, thread-safe authorization decision: allow or deny, the ids of the determining
 * policies ({@link #reasons()}), the policies whose evaluation failed ({@link #errors()}) and the
 * entities the request needed that do not exist ({@link #missingEntities()}).
 *
 * <p>As in Cedar, the reasons of an allow are the satisfied permit policies; of a deny, the
 * satisfied forbid policies (empty when nothing permitted: default deny). An erroring policy is
 * skipped, so it never contributes to an allow.
 */
public final class Decision {
  /** An immutable, thread-safe record of a policy whose evaluation raised an error. */
  public static final class PolicyError {
    private final String policyId;
    private final String message;

    /**
     * @param policyId the policy id
     * @param message the error message
     */
    public PolicyError(String policyId, String message) {
      this.policyId = Objects.requireNonNull(policyId, "policyId");
      this.message = Objects.requireNonNull(message, "message");
    }

    /**
     * @return the policy id
     */
    public String policyId() {
      return policyId;
    }

    /**
     * @return the error message
     */
    public String message() {
      return message;
    }

    @Override
    public String toString() {
      return policyId + ": " + message;
    }
  }

  private final boolean allowed;
  private final Set<String> reasons;
  private final List<PolicyError> errors;
  // The missing entities: Set.of() for none, an EntityUid for exactly one (the usual case, a
  // resource the store does not hold: its set is made only if asked for), or a Set.
  private final Object missingEntities;
  // The policy set that made the decision, to look its reasons up in.
  private final PolicySet policies;

  /** The engine hands over collections it never touches again; they are wrapped, not copied. */
  Decision(boolean allowed, Set<String> reasons, List<PolicyError> errors, PolicySet policies) {
    this(allowed, reasons, errors, Set.of(), policies);
  }

  private Decision(
      boolean allowed,
      Set<String> reasons,
      List<PolicyError> errors,
      Object missingEntities,
      PolicySet policies) {
    this.policies = policies;
    this.allowed = allowed;
    this.reasons = reasons;
    this.errors = errors;
    this.missingEntities = missingEntities;
  }

  /** A copy that also names the entities the request needed and the store did not have. */
  Decision withMissingEntities(Set<EntityUid> missing) {
    return new Decision(allowed, reasons, errors, missing, policies);
  }

  /** A copy that also names the one entity the request needed and the store did not have. */
  Decision withMissingEntity(EntityUid missing) {
    return new Decision(allowed, reasons, errors, missing, policies);
  }

  /**
   * @return true if the request is allowed
   */
  public boolean isAllowed() {
    return allowed;
  }

  /**
   * @return the ids of the determining policies, unmodifiable
   */
  public Set<String> reasons() {
    return reasons;
  }

  /**
   * Returns the determining policies (those {@link #reasons()} names) as the policy set that made
   * this decision holds them, ordered by id: their effects, annotations and text, to show an
   * {@code @message} or log why a request was allowed or denied. The set is the one in force when
   * the request was decided, even if {@link PolicyEngine#updatePolicies} has replaced it since, so
   * the answer always matches the reasons.
   *
   * @return the policies, unmodifiable; empty for a default deny
   */
  public List<Policy> determiningPolicies() {
    if (reasons.isEmpty()) {
      return List.of();
    }
    String[] ids = reasons.toArray(new String[0]);
    java.util.Arrays.sort(ids);
    List<Policy> out = new java.util.ArrayList<>(ids.length);
    for (String id : ids) {
      policies.policy(id).ifPresent(out::add);
    }
    return java.util.Collections.unmodifiableList(out);
  }

  /**
   * @return the policies whose evaluation failed, unmodifiable
   */
  public List<PolicyError> errors() {
    return errors;
  }

  /**
   * Returns the entities this request needed that do not exist: its principal or resource when the
   * entity store (with the request's own entities) does not have them, and every other entity whose
   * attributes, tags or ancestors a policy asked for and which is not there. Empty for most
   * decisions.
   *
   * <p>As in Cedar, a missing entity is not by itself an error: it has no attributes, no tags and
   * no ancestors, so {@code principal in Group::"staff"} is false for it and {@code principal.name}
   * is an evaluation error of that policy (listed in {@link #errors()}). A deny with missing
   * entities is therefore often "denied because the entity does not exist" (an unknown user, a
   * stale resource id), which a caller may want to answer differently (404 rather than 403) or to
   * log. The request's action is not listed when it is merely absent: an engine without a schema
   * often has no action entities, and none is needed to decide.
   *
   * @return the missing entities' uids, unmodifiable
   */
  @SuppressWarnings("unchecked")
  public Set<EntityUid> missingEntities() {
    return missingEntities instanceof EntityUid
        ? Set.of((EntityUid) missingEntities)
        : (Set<EntityUid>) missingEntities;
  }

  /**
   * Renders the decision as one line of JSON: {@code
   * {"decision":"allow","reasons":[..],"errors":[{"policy":..,"message":..}]}}, with reasons
   * sorted, followed by {@code "missingEntities":["User::\"x\"", ..]} (sorted) when there are any.
   *
   * @return the JSON text
   */
  public String toJson() {
    StringBuilder sb =
        new StringBuilder("{\"decision\":\"")
            .append(allowed ? "allow" : "deny")
            .append("\",\"reasons\":[");
    String[] rs = reasons.toArray(new String[0]);
    java.util.Arrays.sort(rs);
    for (int i = 0; i < rs.length; i++) {
      if (i > 0) {
        sb.append(',');
      }
      JsonWriter.string(rs[i], sb);
    }
    sb.append("],\"errors\":[");
    for (int i = 0; i < errors.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append("{\"policy\":");
      JsonWriter.string(errors.get(i).policyId(), sb);
      sb.append(",\"message\":");
      JsonWriter.string(errors.get(i).message(), sb);
      sb.append('}');
    }
    sb.append(']');
    Set<EntityUid> missing = missingEntities();
    if (!missing.isEmpty()) {
      EntityUid[] ms = missing.toArray(new EntityUid[0]);
      java.util.Arrays.sort(ms);
      sb.append(",\"missingEntities\":[");
      for (int i = 0; i < ms.length; i++) {
        if (i > 0) {
          sb.append(',');
        }
        JsonWriter.string(ms[i].toString(), sb);
      }
      sb.append(']');
    }
    return sb.append('}').toString();
  }

  @Override
  public String toString() {
    return "Decision["
        + (allowed ? "allow" : "deny")
        + ", reasons="
        + reasons
        + ", errors="
        + errors
        + (missingEntities().isEmpty() ? "" : ", missingEntities=" + missingEntities())
        + "]";
  }
}
