/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy.internal.eval;

import dev.bulwark.policy.EntityUid;
import java.util.List;
import java.util.Map;

/**
 * A parsed and compiled policy or template; immutable and thread-safe.
 *
 * <p>The condition list holds the {@code when} bodies and the negated {@code unless} bodies in
 * source order; the policy is satisfied when the scope matches and every condition is {@code true},
 * evaluated left to right with {@code &&}'s short-circuit, as Cedar joins them.
 */
public final class PolicyDef {
  private final String id;
  private final boolean permit;
  private final Map<String, String> annotations;
  private final Scope principal;
  private final Scope action;
  private final Scope resource;
  private final Expr[] conditions;
  private final boolean template;
  private final String templateId;
  private final String source;
  private final int start;
  private final int end;

  /**
   * @param id the policy id
   * @param permit true for permit, false for forbid
   * @param annotations the annotations, unmodifiable
   * @param principal the principal constraint
   * @param action the action constraint
   * @param resource the resource constraint
   * @param conditions the conditions
   * @param template true if it has slots
   * @param templateId for a linked policy, its template's id, else null
   */
  public PolicyDef(
      String id,
      boolean permit,
      Map<String, String> annotations,
      Scope principal,
      Scope action,
      Scope resource,
      List<Expr> conditions,
      boolean template,
      String templateId) {
    this(
        id,
        permit,
        annotations,
        principal,
        action,
        resource,
        conditions,
        template,
        templateId,
        null,
        -1,
        -1);
  }

  /**
   * @param id the policy id
   * @param permit true for permit, false for forbid
   * @param annotations the annotations, unmodifiable
   * @param principal the principal constraint
   * @param action the action constraint
   * @param resource the resource constraint
   * @param conditions the conditions
   * @param template true if it has slots
   * @param templateId for a linked policy, its template's id, else null
   * @param source the whole text the policy was parsed from (shared, not copied), or null
   * @param start the policy's start offset in {@code source}, or -1
   * @param end the policy's end offset (exclusive) in {@code source}, or -1
   */
  public PolicyDef(
      String id,
      boolean permit,
      Map<String, String> annotations,
      Scope principal,
      Scope action,
      Scope resource,
      List<Expr> conditions,
      boolean template,
      String templateId,
      String source,
      int start,
      int end) {
    this.source = source;
    this.start = start;
    this.end = end;
    this.id = id;
    this.permit = permit;
    this.annotations = annotations;
    this.principal = principal;
    this.action = action;
    this.resource = resource;
    this.conditions = conditions.toArray(new Expr[0]);
    this.template = template;
    this.templateId = templateId;
  }

  /**
   * @return the id
   */
  public String id() {
    return id;
  }

  /**
   * @return true for permit
   */
  public boolean isPermit() {
    return permit;
  }

  /**
   * @return the annotations
   */
  public Map<String, String> annotations() {
    return annotations;
  }

  /**
   * @return the principal constraint
   */
  public Scope principal() {
    return principal;
  }

  /**
   * @return the action constraint
   */
  public Scope action() {
    return action;
  }

  /**
   * @return the resource constraint
   */
  public Scope resource() {
    return resource;
  }

  /**
   * @return true if this is a template (has slots)
   */
  public boolean isTemplate() {
    return template;
  }

  /**
   * @return the template id of a linked policy, or null
   */
  public String templateId() {
    return templateId;
  }

  /**
   * @return the text the policy was parsed from (the whole file), or null
   */
  public String source() {
    return source;
  }

  /**
   * @return the policy's start offset in {@link #source()}, or -1
   */
  public int start() {
    return start;
  }

  /**
   * @return the policy's end offset in {@link #source()}, or -1
   */
  public int end() {
    return end;
  }

  /**
   * @return the conditions, in order (unless bodies negated)
   */
  public List<Expr> conditions() {
    return List.of(conditions);
  }

  /**
   * @return the height of the deepest condition
   */
  public int height() {
    int h = 0;
    for (Expr e : conditions) {
      h = Math.max(h, e.height());
    }
    return h;
  }

  /**
   * Evaluates the conditions (the scope is checked by the caller).
   *
   * @param env the request
   * @return true if all conditions hold
   * @throws EvalException on an evaluation error
   */
  public boolean conditionsHold(Env env) {
    for (Expr c : conditions) {
      if (!c.evalBool(env)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Returns this policy under another id, for a policy set rebuilt from stored policies whose ids
   * were given apart from their text.
   *
   * @param newId the id
   * @return the copy
   */
  public PolicyDef withId(String newId) {
    return new PolicyDef(
        newId,
        permit,
        annotations,
        principal,
        action,
        resource,
        List.of(conditions),
        template,
        templateId,
        source,
        start,
        end);
  }

  /**
   * Links this template.
   *
   * @param newId the linked policy's id
   * @param p the value of {@code ?principal}, or null if the template has none
   * @param r the value of {@code ?resource}, or null if the template has none
   * @return the linked policy
   */
  public PolicyDef link(String newId, EntityUid p, EntityUid r) {
    return new PolicyDef(
        newId,
        permit,
        annotations,
        principal.link(p),
        action,
        resource.link(r),
        List.of(conditions),
        false,
        id,
        source,
        start,
        end);
  }
}
