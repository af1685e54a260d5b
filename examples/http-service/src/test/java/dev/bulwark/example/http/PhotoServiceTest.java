/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.example.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.auth.GeneratedApiKey;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The service started on an ephemeral port with its own in-memory database, called over HTTP as a
 * client would. The seed: alice owns {@code beach} (shared with the friends group) and {@code
 * sunset} (public), bob owns {@code receipt}.
 */
class PhotoServiceTest {
  private static PhotoService service;
  private static HttpClient client;

  @BeforeAll
  static void start() throws Exception {
    service = PhotoService.builder().port(0).start();
    client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  @AfterAll
  static void stop() {
    if (service != null) {
      service.close();
    }
  }

  private static HttpResponse<String> get(String path, String authorization)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(service.uri().resolve(path)).GET();
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> put(String path, String authorization, String body)
      throws IOException, InterruptedException {
    HttpRequest r =
        HttpRequest.newBuilder(service.uri().resolve(path))
            .header("Authorization", authorization)
            .header("Content-Type", "text/plain; charset=utf-8")
            .PUT(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return client.send(r, HttpResponse.BodyHandlers.ofString());
  }

  private static String bearer(String subject, List<String> roles, List<String> groups) {
    return "Bearer "
        + service
            .tokenMint()
            .mint(subject, roles, groups, TokenMint.DEFAULT_SCOPES, TokenMint.DEFAULT_TTL);
  }

  @Test
  void health_withDatabaseAndKeys_answers200Up() throws Exception {
    HttpResponse<String> r = get("/health", null);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body())
        .startsWith("{\"status\":\"UP\",\"database\":{\"status\":\"UP\"")
        .contains("\"issuer\":\"" + TokenMint.ISSUER + "\"", "\"keysAvailable\":true");
  }

  @Test
  void publicRoute_withoutCredentials_answers200() throws Exception {
    assertThat(get("/public", null).statusCode()).isEqualTo(200);
  }

  @Test
  void photo_withoutCredentials_answers401WithChallenge() throws Exception {
    HttpResponse<String> r = get("/photos/beach", null);

    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("WWW-Authenticate")).isPresent();
  }

  @Test
  void ownPhoto_withJwt_answers200() throws Exception {
    HttpResponse<String> r = get("/photos/beach", "Bearer " + service.tokenMint().mint("alice"));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("\"id\":\"beach\"", "\"viewer\":\"alice\"");
  }

  @Test
  void sharedPhoto_withJwtOfGroupMember_answers200() throws Exception {
    assertThat(get("/photos/beach", bearer("bob", List.of(), List.of("friends"))).statusCode())
        .isEqualTo(200);
  }

  @Test
  void privatePhoto_withJwtOfStranger_answers403() throws Exception {
    assertThat(get("/photos/beach", bearer("carol", List.of(), List.of("family"))).statusCode())
        .isEqualTo(403);
  }

  @Test
  void publicPhoto_withJwtOfStranger_answers200() throws Exception {
    assertThat(get("/photos/sunset", bearer("carol", List.of(), List.of())).statusCode())
        .isEqualTo(200);
  }

  @Test
  void anyPhoto_withJwtOfAdminOnLoopback_answers200() throws Exception {
    assertThat(get("/photos/receipt", bearer("dana", List.of("admin"), List.of())).statusCode())
        .isEqualTo(200);
  }

  @Test
  void me_withJwt_answersTheSubjectWithoutADecision() throws Exception {
    // carol may view none of the seed's private photos: /me asks Cedar nothing.
    HttpResponse<String> r = get("/me", bearer("carol", List.of(), List.of()));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("{\"subject\":\"carol\",\"method\":\"JWT\"}");
  }

  @Test
  void me_withApiKey_answersTheKeysOwner() throws Exception {
    HttpResponse<String> r = get("/me", "ApiKey " + service.demoApiKey("bob").plaintext());

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("{\"subject\":\"bob\",\"method\":\"API_KEY\"}");
  }

  @Test
  void me_withoutCredentials_answers401WithChallenge() throws Exception {
    HttpResponse<String> r = get("/me", null);

    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("WWW-Authenticate")).isPresent();
  }

  @Test
  void rs256Token_atServiceWithoutRsaKey_answers401() throws Exception {
    // A mint with an RSA key the service was never given: only ES256 is on its allow-list.
    TokenMint other = TokenMint.of(TokenMint.generate().ecKey(), TokenMint.generateRsaKey());

    assertThat(get("/me", "Bearer " + other.mintRs256("alice")).statusCode()).isEqualTo(401);
  }

  @Test
  void ownPhoto_withApiKey_answers200() throws Exception {
    GeneratedApiKey alice = service.demoApiKey("alice");

    assertThat(get("/photos/beach", "ApiKey " + alice.plaintext()).statusCode()).isEqualTo(200);
  }

  @Test
  void edit_withReadOnlyApiKeyOfOwner_answers403() throws Exception {
    // bob owns the receipt, but his demo key lacks photos:write, which the forbid policy demands.
    GeneratedApiKey bob = service.demoApiKey("bob");

    assertThat(put("/photos/receipt", "ApiKey " + bob.plaintext(), "mine").statusCode())
        .isEqualTo(403);
  }

  @Test
  void edit_withWriteKeyOfOwner_changesTheTitle() throws Exception {
    String alice = "ApiKey " + service.demoApiKey("alice").plaintext();

    HttpResponse<String> r = put("/photos/sunset", alice, "Sunset over the bay");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(get("/photos/sunset", alice).body()).contains("\"title\":\"Sunset over the bay\"");
  }

  @Test
  void revokedApiKey_answers401() throws Exception {
    GeneratedApiKey key = service.createApiKey("alice", Set.of("photos:read"), Duration.ofDays(1));
    assertThat(get("/photos/beach", "ApiKey " + key.plaintext()).statusCode()).isEqualTo(200);

    service.revokeApiKey(key.keyId());

    HttpResponse<String> r = get("/photos/beach", "ApiKey " + key.plaintext());
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(v -> assertThat(v).contains("invalid_token"));
  }

  @Test
  void malformedPhotoId_answers400() throws Exception {
    assertThat(get("/photos/a.b", "Bearer " + service.tokenMint().mint("alice")).statusCode())
        .isEqualTo(400);
  }

  @Test
  void metrics_answersPrometheusTextWithJettyAndJvmMeters() throws Exception {
    HttpResponse<String> r = get("/metrics", null);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
    assertThat(r.body()).contains("jetty_threads_busy", "jvm_memory_used_bytes");
  }

  @Test
  void metrics_afterAnAllowedRequest_countsItInBulwarksMeters() throws Exception {
    get("/public", null);
    get("/photos/beach", "Bearer " + service.tokenMint().mint("alice"));

    String body = get("/metrics", null).body();

    assertThat(body)
        .contains(
            "bulwark_auth_attempts_total{",
            "bulwark_policy_decisions_total{",
            "cache_gets_total{cache=\"bulwark.api_keys\"",
            "bulwark_db_query_seconds_count{",
            "hikaricp_connections");
  }

  @Test
  void demoApiKey_toString_neverShowsTheSecret() {
    GeneratedApiKey key = service.demoApiKey("alice");

    assertThat(key.toString()).doesNotContain(key.plaintext());
    assertThat(service.toString()).doesNotContain(key.plaintext());
  }

  @Test
  void uri_pointsAtTheEphemeralPort() {
    assertThat(service.uri()).isEqualTo(URI.create("http://127.0.0.1:" + service.port() + "/"));
  }
}
