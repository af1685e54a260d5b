/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.example.spring;

import dev.bulwark.auth.Principal;
import dev.bulwark.policy.Context;
import dev.bulwark.policy.Decision;
import dev.bulwark.policy.Entity;
import dev.bulwark.policy.EntityUid;
import dev.bulwark.policy.PolicyEngine;
import dev.bulwark.policy.PrincipalMapper;
import dev.bulwark.policy.Request;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * Decides a request with Bulwark's {@link PolicyEngine}: the caller is the {@link
 * BulwarkAuthentication}'s principal as a Cedar entity ({@link PrincipalMapper}), the action is
 * fixed per route, the resource is the entity of the given type whose id is the route's path
 * variable, and the context is built from the request. Thread-safe.
 *
 * <p>Every path fails closed: a caller Bulwark did not authenticate, a missing path variable, an id
 * or claim the schema refuses, a context that cannot be built, an entity store that cannot answer,
 * all deny. An allowed decision leaves the principal's entity and the decision on the request
 * ({@link #ENTITY_ATTRIBUTE}, {@link #DECISION_ATTRIBUTE}).
 */
public final class BulwarkAuthorizationManager
    implements AuthorizationManager<RequestAuthorizationContext> {
  /** The request attribute holding the caller's Cedar entity after an allowed decision. */
  public static final String ENTITY_ATTRIBUTE = "dev.bulwark.spring.entity";

  /** The request attribute holding the {@link Decision} after an allowed decision. */
  public static final String DECISION_ATTRIBUTE = "dev.bulwark.spring.decision";

  private static final AuthorizationDecision DENY = new AuthorizationDecision(false);
  private static final AuthorizationDecision ALLOW = new AuthorizationDecision(true);

  private final PolicyEngine policies;
  private final PrincipalMapper principals;
  private final EntityUid action;
  private final String resourceType;
  private final String idVariable;
  private final BiFunction<HttpServletRequest, EntityUid, Context> context;

  /**
   * A manager for one route.
   *
   * @param policies the engine that decides
   * @param principals maps the authenticated principal to its Cedar entity
   * @param action the Cedar action of the route, e.g. {@code Action::"view"}
   * @param resourceType the entity type of the resource, e.g. {@code Photo}
   * @param idVariable the route's path variable holding the resource id, e.g. {@code id}
   * @param context builds the request's Cedar context from the HTTP request and the action
   * @throws NullPointerException if an argument is null
   */
  public BulwarkAuthorizationManager(
      PolicyEngine policies,
      PrincipalMapper principals,
      EntityUid action,
      String resourceType,
      String idVariable,
      BiFunction<HttpServletRequest, EntityUid, Context> context) {
    this.policies = Objects.requireNonNull(policies, "policies");
    this.principals = Objects.requireNonNull(principals, "principals");
    this.action = Objects.requireNonNull(action, "action");
    this.resourceType = Objects.requireNonNull(resourceType, "resourceType");
    this.idVariable = Objects.requireNonNull(idVariable, "idVariable");
    this.context = Objects.requireNonNull(context, "context");
  }

  @Override
  public AuthorizationResult authorize(
      Supplier<? extends Authentication> authentication, RequestAuthorizationContext request) {
    Authentication a = authentication.get();
    if (!(a instanceof BulwarkAuthentication)) {
      return DENY; // anonymous, or authenticated by something other than Bulwark
    }
    String id = request.getVariables().get(idVariable);
    if (id == null) {
      return DENY;
    }
    Principal p = ((BulwarkAuthentication) a).getPrincipal();
    HttpServletRequest http = request.getRequest();
    try {
      Entity caller = principals.toEntity(p.subject(), p.claims(), p.roles(), p.scopes());
      Decision d =
          policies.authorize(
              Request.of(
                  caller.uid(),
                  action,
                  EntityUid.of(resourceType, id),
                  context.apply(http, action)),
              List.of(caller));
      if (!d.isAllowed()) {
        return DENY;
      }
      http.setAttribute(ENTITY_ATTRIBUTE, caller);
      http.setAttribute(DECISION_ATTRIBUTE, d);
      return ALLOW;
    } catch (RuntimeException e) {
      // InvalidRequestException (a claim, id or context the schema refuses), an entity store that
      // cannot answer, or a bug: nothing is allowed that was not decided.
      return DENY;
    }
  }

  @Override
  public String toString() {
    return "BulwarkAuthorizationManager{"
        + action
        + " on "
        + resourceType
        + "::{"
        + idVariable
        + "}}";
  }
}
