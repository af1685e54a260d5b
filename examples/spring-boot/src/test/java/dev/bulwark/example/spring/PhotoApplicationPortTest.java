/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.example.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.example.http.TokenMint;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

/** The application on a real port, through the JDK's HTTP client: the embedded server's view. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PhotoApplicationPortTest {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  @Value("${local.server.port}")
  int port;

  @Autowired TokenMint mint;

  private HttpResponse<String> get(String path, String authorization) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void photo_ownerWithToken_is200() throws Exception {
    assertThat(get("/photos/beach", "Bearer " + mint.mint("alice")).statusCode()).isEqualTo(200);
  }

  @Test
  void photo_noCredential_is401WithAChallenge() throws Exception {
    HttpResponse<String> r = get("/photos/beach", null);

    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
  }

  @Test
  void photo_otherUsersPrivatePhoto_is403() throws Exception {
    assertThat(get("/photos/receipt", "Bearer " + mint.mint("alice")).statusCode()).isEqualTo(403);
  }

  @Test
  void prometheus_afterAnAllowedRequest_carriesBulwarksMeters() throws Exception {
    get("/photos/beach", "Bearer " + mint.mint("alice"));

    HttpResponse<String> r = get("/actuator/prometheus", null);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body())
        .contains(
            "bulwark_auth_attempts_total{",
            "bulwark_policy_decisions_total{",
            "bulwark_auth_token_cache_gets_total{");
  }
}
