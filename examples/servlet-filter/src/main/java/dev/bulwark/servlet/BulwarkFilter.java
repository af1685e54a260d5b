/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.servlet;

import dev.bulwark.auth.AuthEngine;
import dev.bulwark.auth.AuthResult;
import dev.bulwark.auth.FailureReason;
import dev.bulwark.auth.Principal;
import dev.bulwark.policy.Decision;
import dev.bulwark.policy.Entity;
import dev.bulwark.policy.EntityStoreUnavailableException;
import dev.bulwark.policy.InvalidRequestException;
import dev.bulwark.policy.PolicyEngine;
import dev.bulwark.policy.PrincipalMapper;
import dev.bulwark.policy.Request;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.List;
import java.util.Objects;

/**
 * A servlet filter that lets a request through only when its caller is authenticated and Cedar
 * allows what it asks. Immutable and thread-safe once built; one instance serves every request.
 *
 * <p>For each request the filter:
 *
 * <ol>
 *   <li>authenticates the {@code Authorization} header with the {@link AuthEngine}; a refused
 *       credential gets 401 with the engine's {@code WWW-Authenticate} challenge, an unreachable
 *       credential store 503, and a request with more than one {@code Authorization} header 400 (a
 *       proxy and this filter could read different ones);
 *   <li>maps the request to a Cedar action, resource and context with the {@link RouteMapper} (404
 *       when it names no route, 400 when it is malformed for its route);
 *   <li>maps the principal to a Cedar entity with the {@link PrincipalMapper} (its roles and scopes
 *       given apart from its claims, so an API key's scopes count too) and decides the request with
 *       the {@link PolicyEngine}, the caller travelling with the request; a deny gets 403, an
 *       unreachable entity store 503, and a caller or request Cedar refuses 403;
 *   <li>on allow, puts the {@link Principal}, the caller's {@link Entity} and the {@link Decision}
 *       on the request under {@link #PRINCIPAL_ATTRIBUTE}, {@link #ENTITY_ATTRIBUTE} and {@link
 *       #DECISION_ATTRIBUTE}, and calls the rest of the chain.
 * </ol>
 *
 * <p>A filter built with {@link Builder#authenticationOnly()} does the first step only: an
 * authenticated request goes on with its {@link Principal} under {@link #PRINCIPAL_ATTRIBUTE} (no
 * entity, no decision), for routes that every authenticated caller may use, such as one that
 * answers who the caller is. It refuses exactly as above when authentication fails.
 *
 * <p>Every refusal ends the request with a short JSON body naming the status ({@code
 * {"error":"unauthorized"}}) and {@code Cache-Control: no-store}; the chain is not called. Neither
 * a response nor a log line ever holds the credential: refusals are logged at {@code DEBUG} on the
 * {@code System.Logger} named after this class, with the engine's failure reason and the route's
 * action only.
 */
public final class BulwarkFilter implements Filter {
  /** The request attribute holding the authenticated {@link Principal}: {@value}. */
  public static final String PRINCIPAL_ATTRIBUTE = "dev.bulwark.servlet.principal";

  /** The request attribute holding the caller's Cedar {@link Entity}: {@value}. */
  public static final String ENTITY_ATTRIBUTE = "dev.bulwark.servlet.entity";

  /** The request attribute holding the allowing {@link Decision}: {@value}. */
  public static final String DECISION_ATTRIBUTE = "dev.bulwark.servlet.decision";

  /** The header the credential is read from: {@value}. */
  public static final String AUTHORIZATION = "Authorization";

  private static final System.Logger LOG = System.getLogger(BulwarkFilter.class.getName());
  private static final String JSON = "application/json";

  private final AuthEngine auth;
  private final PolicyEngine policies;
  private final PrincipalMapper principals;
  private final RouteMapper routes;
  private final boolean authenticationOnly;

  private BulwarkFilter(Builder b) {
    this.auth = b.auth;
    this.policies = b.policies;
    this.principals = b.principals;
    this.routes = b.routes;
    this.authenticationOnly = b.authenticationOnly;
  }

  /**
   * Returns a builder; every setting is required unless {@link Builder#authenticationOnly()} is
   * chosen.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Filters one request as the class Javadoc describes.
   *
   * @throws ServletException if the request or response is not HTTP, or the rest of the chain
   *     throws it
   * @throws IOException if the response cannot be written, or the rest of the chain throws it
   */
  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    if (!(req instanceof HttpServletRequest) || !(res instanceof HttpServletResponse)) {
      throw new ServletException("BulwarkFilter filters HTTP requests only");
    }
    HttpServletRequest request = (HttpServletRequest) req;
    HttpServletResponse response = (HttpServletResponse) res;

    Enumeration<String> headers = request.getHeaders(AUTHORIZATION);
    String header = headers != null && headers.hasMoreElements() ? headers.nextElement() : null;
    if (headers != null && headers.hasMoreElements()) {
      // Which of two credentials counts would depend on who reads them: refuse both.
      LOG.log(System.Logger.Level.DEBUG, "refused: more than one Authorization header");
      refuse(response, HttpServletResponse.SC_BAD_REQUEST, "bad_request");
      return;
    }
    AuthResult result = auth.authenticate(header);
    if (!result.isAuthenticated()) {
      FailureReason reason = result.failureReason();
      LOG.log(System.Logger.Level.DEBUG, "refused: {0}", reason);
      if (reason == FailureReason.STORE_UNAVAILABLE) {
        // Not the caller's fault: a 401 would tell a client to drop a credential that is valid.
        refuse(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "unavailable");
        return;
      }
      response.setHeader("WWW-Authenticate", result.wwwAuthenticate());
      refuse(response, HttpServletResponse.SC_UNAUTHORIZED, "unauthorized");
      return;
    }
    Principal principal = result.principal();
    if (authenticationOnly) {
      request.setAttribute(PRINCIPAL_ATTRIBUTE, principal);
      chain.doFilter(request, response);
      return;
    }

    Route route;
    try {
      route = routes.map(request);
    } catch (IllegalArgumentException e) {
      // InvalidRequestException and EntityUid's refusals: the request, not the caller, is wrong.
      // The message is not logged: it may quote the path, which the client chose.
      LOG.log(System.Logger.Level.DEBUG, "refused: request malformed for its route");
      refuse(response, HttpServletResponse.SC_BAD_REQUEST, "bad_request");
      return;
    }
    if (route == null) {
      refuse(response, HttpServletResponse.SC_NOT_FOUND, "not_found");
      return;
    }

    Entity caller;
    Decision decision;
    try {
      caller =
          principals.toEntity(
              principal.subject(), principal.claims(), principal.roles(), principal.scopes());
      decision =
          policies.authorize(
              Request.of(caller.uid(), route.action(), route.resource(), route.context()),
              List.of(caller));
    } catch (EntityStoreUnavailableException e) {
      LOG.log(System.Logger.Level.DEBUG, "refused {0}: entity store unavailable", route.action());
      refuse(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "unavailable");
      return;
    } catch (InvalidRequestException e) {
      // A claim of a shape the mapper refuses, or a caller the schema refuses: the caller's
      // credential does not describe anyone the policies can judge, so nothing is allowed. The
      // message names claims and shapes, never their values.
      LOG.log(System.Logger.Level.DEBUG, "refused {0}: {1}", route.action(), e.getMessage());
      refuse(response, HttpServletResponse.SC_FORBIDDEN, "forbidden");
      return;
    }
    if (!decision.isAllowed()) {
      LOG.log(
          System.Logger.Level.DEBUG,
          "denied {0} on {1}, determined by {2}",
          route.action(),
          route.resource(),
          decision.reasons());
      refuse(response, HttpServletResponse.SC_FORBIDDEN, "forbidden");
      return;
    }
    request.setAttribute(PRINCIPAL_ATTRIBUTE, principal);
    request.setAttribute(ENTITY_ATTRIBUTE, caller);
    request.setAttribute(DECISION_ATTRIBUTE, decision);
    chain.doFilter(request, response);
  }

  private static void refuse(HttpServletResponse response, int status, String error)
      throws IOException {
    response.setStatus(status);
    response.setHeader("Cache-Control", "no-store");
    response.setContentType(JSON);
    byte[] body = ("{\"error\":\"" + error + "\"}").getBytes(StandardCharsets.UTF_8);
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  @Override
  public String toString() {
    if (authenticationOnly) {
      return "BulwarkFilter{" + auth + ", authenticationOnly}";
    }
    return "BulwarkFilter{" + auth + ", " + policies + ", " + principals + "}";
  }

  /** Builds a {@link BulwarkFilter}; not thread-safe. Each setting may be made once. */
  public static final class Builder {
    private AuthEngine auth;
    private PolicyEngine policies;
    private PrincipalMapper principals;
    private RouteMapper routes;
    private boolean authenticationOnly;

    private Builder() {}

    /**
     * The engine that authenticates each request's {@code Authorization} header.
     *
     * @param auth the engine
     * @return this builder
     * @throws NullPointerException if null
     * @throws IllegalStateException if already set
     */
    public Builder authEngine(AuthEngine auth) {
      this.auth = once(this.auth, "authEngine", auth);
      return this;
    }

    /**
     * The engine that decides each authenticated request.
     *
     * @param policies the engine
     * @return this builder
     * @throws NullPointerException if null
     * @throws IllegalStateException if already set
     */
    public Builder policyEngine(PolicyEngine policies) {
      this.policies = once(this.policies, "policyEngine", policies);
      return this;
    }

    /**
     * The mapping from an authenticated principal to its Cedar entity.
     *
     * @param principals the mapper
     * @return this builder
     * @throws NullPointerException if null
     * @throws IllegalStateException if already set
     */
    public Builder principalMapper(PrincipalMapper principals) {
      this.principals = once(this.principals, "principalMapper", principals);
      return this;
    }

    /**
     * The mapping from an HTTP request to the Cedar action, resource and context it asks for.
     *
     * @param routes the mapper
     * @return this builder
     * @throws NullPointerException if null
     * @throws IllegalStateException if already set
     */
    public Builder routes(RouteMapper routes) {
      this.routes = once(this.routes, "routes", routes);
      return this;
    }

    /**
     * Makes the filter authenticate only: an authenticated request goes on with its {@link
     * Principal} and no Cedar decision is asked for. For a route that every authenticated caller
     * may use; a route whose answer depends on who may see what needs the decision. The policy
     * engine, the principal mapper and the routes must then not be set.
     *
     * @return this builder
     * @throws IllegalStateException if already chosen
     */
    public Builder authenticationOnly() {
      if (authenticationOnly) {
        throw new IllegalStateException("authenticationOnly was already chosen");
      }
      this.authenticationOnly = true;
      return this;
    }

    /**
     * Builds the filter.
     *
     * @return the filter
     * @throws IllegalStateException if a setting is missing, or if {@link #authenticationOnly()}
     *     was chosen together with a policy engine, a principal mapper or routes (a filter that
     *     would silently ignore the policies it was given)
     */
    public BulwarkFilter build() {
      require(auth, "authEngine");
      if (authenticationOnly) {
        // Given policies that would never be asked, someone meant them to guard these routes.
        refuse(policies, "policyEngine");
        refuse(principals, "principalMapper");
        refuse(routes, "routes");
        return new BulwarkFilter(this);
      }
      require(policies, "policyEngine");
      require(principals, "principalMapper");
      require(routes, "routes");
      return new BulwarkFilter(this);
    }

    private static <T> T once(T current, String setting, T value) {
      Objects.requireNonNull(value, setting);
      if (current != null) {
        throw new IllegalStateException(setting + " was already set");
      }
      return value;
    }

    private static void require(Object value, String setting) {
      if (value == null) {
        throw new IllegalStateException(setting + " is required");
      }
    }

    private static void refuse(Object value, String setting) {
      if (value != null) {
        throw new IllegalStateException(
            setting + " must not be set with authenticationOnly: it would never be asked");
      }
    }
  }
}
