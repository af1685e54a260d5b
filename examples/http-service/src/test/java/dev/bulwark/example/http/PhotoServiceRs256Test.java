/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.example.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The service given an RSA signing key: it accepts RS256 tokens of that key beside ES256. */
class PhotoServiceRs256Test {
  private static PhotoService service;
  private static HttpClient client;

  @BeforeAll
  static void start() throws Exception {
    service = PhotoService.builder().port(0).rsaSigningKey(TokenMint.generateRsaKey()).start();
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
    HttpRequest r =
        HttpRequest.newBuilder(service.uri().resolve(path))
            .header("Authorization", authorization)
            .GET()
            .build();
    return client.send(r, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void ownPhoto_withRs256Token_answers200() throws Exception {
    HttpResponse<String> r =
        get("/photos/beach", "Bearer " + service.tokenMint().mintRs256("alice"));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("\"viewer\":\"alice\"");
  }

  @Test
  void me_withEs256Token_stillAnswers200() throws Exception {
    assertThat(get("/me", "Bearer " + service.tokenMint().mint("alice")).statusCode())
        .isEqualTo(200);
  }

  @Test
  void me_withRs256TokenOfAnotherKeyWithTheSameKid_answers401() throws Exception {
    // The kid the service trusts, on a key it never saw: the signature must decide.
    RSAKey impostor =
        new RSAKeyGenerator(TokenMint.RSA_KEY_BITS).keyID(TokenMint.DEFAULT_RSA_KEY_ID).generate();
    TokenMint forger = TokenMint.of(TokenMint.generate().ecKey(), impostor);

    assertThat(get("/me", "Bearer " + forger.mintRs256("alice")).statusCode()).isEqualTo(401);
  }

  @Test
  void mintRs256_eachCall_signsADifferentToken() {
    TokenMint mint = service.tokenMint();

    assertThat(mint.mintRs256("alice")).isNotEqualTo(mint.mintRs256("alice"));
  }
}
