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
import dev.bulwark.auth.ApiKeys;
import dev.bulwark.auth.AuthEngine;
import dev.bulwark.auth.GeneratedApiKey;
import dev.bulwark.auth.Issuer;
import dev.bulwark.auth.Principal;
import dev.bulwark.auth.store.ApiKeyRecord;
import dev.bulwark.auth.store.ApiKeyStore;
import dev.bulwark.auth.store.InMemoryApiKeyStore;
import dev.bulwark.auth.store.StoreUnavailableException;
import dev.bulwark.policy.Decision;
import dev.bulwark.policy.Entity;
import dev.bulwark.policy.EntityStore;
import dev.bulwark.policy.EntityStoreUnavailableException;
import dev.bulwark.policy.EntityUid;
import dev.bulwark.policy.InMemoryEntityStore;
import dev.bulwark.policy.PolicyEngine;
import dev.bulwark.policy.PolicySet;
import dev.bulwark.policy.PrincipalMapper;
import dev.bulwark.policy.Schema;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The filter in a real servlet container: Jetty on an ephemeral port, called over HTTP. Documents
 * live at {@code GET /docs/{id}}; alice may view {@code Doc::"d1"}, nobody {@code Doc::"d2"}.
 */
class BulwarkFilterTest {
  private static final String ISSUER = "https://id.example.test";
  private static final String AUDIENCE = "docs";

  private static final String SCHEMA =
      "entity Role; entity User in [Role]; entity Doc;"
          + " action view appliesTo { principal: User, resource: Doc };";
  private static final String POLICIES =
      "@id(\"alice-views-d1\")\n"
          + "permit (principal == User::\"alice\", action == Action::\"view\","
          + " resource == Doc::\"d1\");";
  private static final String ENTITIES =
      "[{\"uid\": {\"type\": \"Doc\", \"id\": \"d1\"}, \"attrs\": {}, \"parents\": []},"
          + " {\"uid\": {\"type\": \"Doc\", \"id\": \"d2\"}, \"attrs\": {}, \"parents\": []}]";

  /** Both stores answer until a test says they are down. */
  private static final AtomicBoolean KEY_STORE_DOWN = new AtomicBoolean();

  private static final AtomicBoolean ENTITY_STORE_DOWN = new AtomicBoolean();

  private static ECKey signingKey;
  private static ApiKeys apiKeys;
  private static FilterTestServer server;

  @BeforeAll
  static void start() throws Exception {
    signingKey = FilterTestServer.newSigningKey();
    InMemoryApiKeyStore keys = new InMemoryApiKeyStore();
    ApiKeyStore flakyKeys =
        new ApiKeyStore() {
          @Override
          public Optional<ApiKeyRecord> findByKeyId(String keyId) {
            if (KEY_STORE_DOWN.get()) {
              throw new StoreUnavailableException("down for the test", null);
            }
            return keys.findByKeyId(keyId);
          }

          @Override
          public void insert(ApiKeyRecord record) {
            keys.insert(record);
          }

          @Override
          public boolean markRevoked(String keyId) {
            return keys.markRevoked(keyId);
          }
        };
    apiKeys = ApiKeys.builder().prefix("bk_test").store(flakyKeys).build();
    AuthEngine auth =
        AuthEngine.builder()
            .issuer(
                Issuer.builder(ISSUER)
                    .jwks(new JWKSet(signingKey.toPublicJWK()))
                    .audiences(AUDIENCE)
                    .algorithms("ES256")
                    .build())
            .apiKeys(apiKeys)
            // Every request reaches the key store, so that a store outage is seen at once.
            .tokenCacheMaximumSize(0)
            .build();
    Schema schema = Schema.parse(SCHEMA);
    EntityStore docs = InMemoryEntityStore.fromJson(ENTITIES, schema);
    EntityStore flakyDocs =
        uid -> {
          if (ENTITY_STORE_DOWN.get()) {
            throw new EntityStoreUnavailableException("down for the test", null);
          }
          return docs.find(uid);
        };
    PolicyEngine policies =
        PolicyEngine.builder()
            .schema(schema)
            .policies(PolicySet.parse(POLICIES))
            .entities(flakyDocs)
            .build();
    BulwarkFilter filter =
        BulwarkFilter.builder()
            .authEngine(auth)
            .policyEngine(policies)
            .principalMapper(PrincipalMapper.builder("User").rolesAs("Role").build())
            .routes(BulwarkFilterTest::route)
            .build();

    server = FilterTestServer.start(filter, new EchoServlet());
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @AfterEach
  void storesUp() {
    KEY_STORE_DOWN.set(false);
    ENTITY_STORE_DOWN.set(false);
  }

  /** {@code GET /docs/{id}} is viewing {@code Doc::"{id}"}; anything else is no route. */
  private static Route route(HttpServletRequest request) {
    String path = request.getRequestURI();
    if (!"GET".equals(request.getMethod()) || !path.startsWith("/docs/")) {
      return null;
    }
    return Route.of(
        EntityUid.of("Action", "view"), EntityUid.of("Doc", path.substring("/docs/".length())));
  }

  /** Answers 200 with what the filter put on the request. */
  private static final class EchoServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      Principal principal = (Principal) req.getAttribute(BulwarkFilter.PRINCIPAL_ATTRIBUTE);
      Entity entity = (Entity) req.getAttribute(BulwarkFilter.ENTITY_ATTRIBUTE);
      Decision decision = (Decision) req.getAttribute(BulwarkFilter.DECISION_ATTRIBUTE);
      resp.setContentType("text/plain");
      resp.getWriter()
          .print(
              "subject="
                  + principal.subject()
                  + " entity="
                  + entity.uid()
                  + " allowed="
                  + decision.isAllowed()
                  + " reasons="
                  + decision.reasons());
    }
  }

  private static String token(String subject) throws JOSEException {
    return token(signingKey, subject);
  }

  private static String token(ECKey key, String subject) throws JOSEException {
    return FilterTestServer.token(key, ISSUER, AUDIENCE, subject);
  }

  private static HttpResponse<String> get(String path, String... authorization)
      throws IOException, InterruptedException {
    return server.get(path, authorization);
  }

  @Test
  void missingHeader_answers401WithChallenge() throws Exception {
    HttpResponse<String> r = get("/docs/d1");

    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
  }

  @Test
  void badToken_answers401WithInvalidToken() throws Exception {
    // The same kid and claims, signed by a key the issuer never published.
    ECKey impostor =
        new ECKeyGenerator(Curve.P_256).keyID("k1").algorithm(JWSAlgorithm.ES256).generate();

    HttpResponse<String> r = get("/docs/d1", "Bearer " + token(impostor, "alice"));

    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(v -> assertThat(v).contains("error=\"invalid_token\""));
  }

  @Test
  void refusal_neverEchoesTheCredential() throws Exception {
    String forged = token("alice") + "x";

    HttpResponse<String> r = get("/docs/d1", "Bearer " + forged);

    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.body()).doesNotContain(forged.substring(forged.length() - 20));
    assertThat(r.headers().map().toString()).doesNotContain(forged.substring(forged.length() - 20));
  }

  @Test
  void allowedRequest_reachesServletWithPrincipalEntityAndDecision() throws Exception {
    HttpResponse<String> r = get("/docs/d1", "Bearer " + token("alice"));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body())
        .isEqualTo("subject=alice entity=User::\"alice\" allowed=true reasons=[alice-views-d1]");
  }

  @Test
  void deniedRequest_answers403() throws Exception {
    HttpResponse<String> r = get("/docs/d2", "Bearer " + token("alice"));

    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).isEqualTo("{\"error\":\"forbidden\"}");
  }

  @Test
  void unknownRoute_answers404() throws Exception {
    HttpResponse<String> r = get("/elsewhere", "Bearer " + token("alice"));

    assertThat(r.statusCode()).isEqualTo(404);
  }

  @Test
  void keyStoreDown_answers503NotA401() throws Exception {
    GeneratedApiKey key = apiKeys.generate("alice", Set.of(), Duration.ofDays(1));
    KEY_STORE_DOWN.set(true);

    HttpResponse<String> r = get("/docs/d1", "ApiKey " + key.plaintext());

    assertThat(r.statusCode()).isEqualTo(503);
  }

  @Test
  void entityStoreDown_answers503() throws Exception {
    ENTITY_STORE_DOWN.set(true);

    HttpResponse<String> r = get("/docs/d1", "Bearer " + token("alice"));

    assertThat(r.statusCode()).isEqualTo(503);
  }

  @Test
  void twoAuthorizationHeaders_answers400EvenIfTheFirstIsValid() throws Exception {
    // A proxy that reads the last header and this filter reading the first would disagree on who
    // is calling: the filter refuses the pair instead of picking one.
    HttpResponse<String> r =
        get("/docs/d1", "Bearer " + token("alice"), "Bearer " + token("mallory"));

    assertThat(r.statusCode()).isEqualTo(400);
  }

  @Test
  void builder_withoutRoutes_throwsNamingTheSetting() {
    BulwarkFilter.Builder b = BulwarkFilter.builder();

    assertThatThrownBy(b::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("authEngine");
  }
}
