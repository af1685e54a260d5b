/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import dev.bulwark.auth.AuthEngine;
import dev.bulwark.auth.Issuer;
import dev.bulwark.auth.Principal;
import dev.bulwark.policy.PolicyEngine;
import dev.bulwark.policy.PolicySet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A filter built with {@code authenticationOnly()} in front of {@code GET /me}, in Jetty on an
 * ephemeral port: it lets any authenticated caller through with the principal and no decision, and
 * refuses everyone else as the full filter does.
 */
class BulwarkFilterAuthenticationOnlyTest {
  private static final String ISSUER = "https://id.example.test";
  private static final String AUDIENCE = "me";

  /** How many requests reached the servlet behind the filter. */
  private static final AtomicInteger REACHED = new AtomicInteger();

  private static ECKey signingKey;
  private static FilterTestServer server;

  @BeforeAll
  static void start() throws Exception {
    signingKey = FilterTestServer.newSigningKey();
    BulwarkFilter filter =
        BulwarkFilter.builder().authEngine(authEngine()).authenticationOnly().build();

    server = FilterTestServer.start(filter, new WhoAmIServlet());
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @BeforeEach
  void resetCount() {
    REACHED.set(0);
  }

  private static AuthEngine authEngine() {
    return AuthEngine.builder()
        .issuer(
            Issuer.builder(ISSUER)
                .jwks(new JWKSet(signingKey.toPublicJWK()))
                .audiences(AUDIENCE)
                .algorithms("ES256")
                .build())
        .build();
  }

  /** Answers the subject and whether the filter put an entity or a decision on the request. */
  private static final class WhoAmIServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      REACHED.incrementAndGet();
      Principal principal = (Principal) req.getAttribute(BulwarkFilter.PRINCIPAL_ATTRIBUTE);
      resp.setContentType("text/plain");
      resp.getWriter()
          .print(
              "subject="
                  + principal.subject()
                  + " entity="
                  + req.getAttribute(BulwarkFilter.ENTITY_ATTRIBUTE)
                  + " decision="
                  + req.getAttribute(BulwarkFilter.DECISION_ATTRIBUTE));
    }
  }

  private static String token(ECKey key, String subject) throws JOSEException {
    return FilterTestServer.token(key, ISSUER, AUDIENCE, subject);
  }

  private static HttpResponse<String> get(String path, String... authorization)
      throws IOException, InterruptedException {
    return server.get(path, authorization);
  }

  @Test
  void authenticatedCaller_reachesServletWithPrincipalAndNoDecision() throws Exception {
    HttpResponse<String> r = get("/me", "Bearer " + token(signingKey, "alice"));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("subject=alice entity=null decision=null");
  }

  @Test
  void missingHeader_answers401WithChallengeAndNeverReachesTheServlet() throws Exception {
    HttpResponse<String> r = get("/me");

    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("WWW-Authenticate")).isPresent();
    assertThat(REACHED).hasValue(0);
  }

  @Test
  void tokenOfAnotherKey_answers401AndNeverReachesTheServlet() throws Exception {
    // The same kid and claims, signed by a key the issuer never published: authenticating only
    // must still verify the signature.
    ECKey impostor =
        new ECKeyGenerator(Curve.P_256).keyID("k1").algorithm(JWSAlgorithm.ES256).generate();

    HttpResponse<String> r = get("/me", "Bearer " + token(impostor, "alice"));

    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(REACHED).hasValue(0);
  }

  @Test
  void twoAuthorizationHeaders_answers400() throws Exception {
    HttpResponse<String> r =
        get("/me", "Bearer " + token(signingKey, "alice"), "Bearer " + token(signingKey, "bob"));

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(REACHED).hasValue(0);
  }

  @Test
  void builder_authenticationOnlyWithPolicyEngine_throwsNamingTheSetting() {
    BulwarkFilter.Builder b =
        BulwarkFilter.builder()
            .authEngine(authEngine())
            .authenticationOnly()
            .policyEngine(PolicyEngine.builder().policies(PolicySet.empty()).build());

    assertThatThrownBy(b::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("policyEngine")
        .hasMessageContaining("authenticationOnly");
  }

  @Test
  void builder_authenticationOnlyWithRoutes_throwsNamingTheSetting() {
    BulwarkFilter.Builder b =
        BulwarkFilter.builder()
            .authEngine(authEngine())
            .authenticationOnly()
            .routes(request -> null);

    assertThatThrownBy(b::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("routes");
  }

  @Test
  void builder_authenticationOnlyWithoutAuthEngine_throwsNamingTheSetting() {
    BulwarkFilter.Builder b = BulwarkFilter.builder().authenticationOnly();

    assertThatThrownBy(b::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("authEngine");
  }

  @Test
  void builder_authenticationOnlyTwice_throws() {
    BulwarkFilter.Builder b = BulwarkFilter.builder().authenticationOnly();

    assertThatThrownBy(b::authenticationOnly).isInstanceOf(IllegalStateException.class);
  }
}
