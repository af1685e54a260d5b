/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.example.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import dev.bulwark.auth.ApiKeys;
import dev.bulwark.auth.GeneratedApiKey;
import dev.bulwark.auth.store.InMemoryRevocationStore;
import dev.bulwark.example.http.TokenMint;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;

/** The application's security rules through MockMvc, one rule a test. */
@SpringBootTest
@AutoConfigureMockMvc
class PhotoApplicationMockMvcTest {
  @Autowired MockMvc mvc;
  @Autowired TokenMint mint;
  @Autowired ApiKeys apiKeys;
  @Autowired InMemoryRevocationStore revocations;

  private MockHttpServletResponse perform(RequestBuilder request) throws Exception {
    return mvc.perform(request).andReturn().getResponse();
  }

  private String bearer(String subject) {
    return "Bearer " + mint.mint(subject);
  }

  @Test
  void photo_ownerWithToken_is200() throws Exception {
    MockHttpServletResponse r =
        perform(get("/photos/beach").header("Authorization", bearer("alice")));

    assertThat(r.getStatus()).isEqualTo(200);
    assertThat(r.getContentAsString()).contains("\"id\":\"beach\"");
  }

  @Test
  void photo_privatePhotoOfAnother_is403() throws Exception {
    MockHttpServletResponse r =
        perform(get("/photos/receipt").header("Authorization", bearer("alice")));

    assertThat(r.getStatus()).isEqualTo(403);
  }

  @Test
  void photo_sharedWithTheCallersGroup_is200() throws Exception {
    String token =
        mint.mint(
            "carol",
            List.of(),
            List.of("friends"),
            TokenMint.DEFAULT_SCOPES,
            TokenMint.DEFAULT_TTL);

    MockHttpServletResponse r =
        perform(get("/photos/beach").header("Authorization", "Bearer " + token));

    assertThat(r.getStatus()).isEqualTo(200);
  }

  @Test
  void photo_noCredential_is401WithTheEnginesChallenge() throws Exception {
    MockHttpServletResponse r = perform(get("/photos/beach"));

    assertThat(r.getStatus()).isEqualTo(401);
    assertThat(r.getHeader("WWW-Authenticate")).startsWith("Bearer realm=\"photos\"");
  }

  @Test
  void photo_tokenSignedByAnotherKey_is401NamingInvalidToken() throws Exception {
    String forged = TokenMint.generate().mint("alice");

    MockHttpServletResponse r =
        perform(get("/photos/beach").header("Authorization", "Bearer " + forged));

    assertThat(r.getStatus()).isEqualTo(401);
    assertThat(r.getHeader("WWW-Authenticate")).contains("error=\"invalid_token\"");
  }

  @Test
  void photo_malformedToken_is401() throws Exception {
    MockHttpServletResponse r =
        perform(get("/photos/beach").header("Authorization", "Bearer not.a.jwt"));

    assertThat(r.getStatus()).isEqualTo(401);
  }

  @Test
  void photo_revokedSubject_is401() throws Exception {
    String token = mint.mint("dave");
    revocations.revokeSubject("dave", Instant.now().plusSeconds(60));

    MockHttpServletResponse r =
        perform(get("/photos/sunset").header("Authorization", "Bearer " + token));

    assertThat(r.getStatus()).isEqualTo(401);
  }

  @Test
  void photo_twoAuthorizationHeaders_is401() throws Exception {
    MockHttpServletResponse r =
        perform(
            get("/photos/beach")
                .header("Authorization", bearer("alice"))
                .header("Authorization", bearer("bob")));

    assertThat(r.getStatus()).isEqualTo(401);
  }

  @Test
  void photo_ownersApiKey_is200() throws Exception {
    GeneratedApiKey key = apiKeys.generate("alice", Set.of("photos:read"), Duration.ofHours(1));

    MockHttpServletResponse r =
        perform(get("/photos/beach").header("Authorization", "ApiKey " + key.plaintext()));

    assertThat(r.getStatus()).isEqualTo(200);
  }

  @Test
  void edit_apiKeyWithoutWriteScope_is403() throws Exception {
    GeneratedApiKey key = apiKeys.generate("alice", Set.of("photos:read"), Duration.ofHours(1));

    MockHttpServletResponse r =
        perform(
            put("/photos/beach")
                .header("Authorization", "ApiKey " + key.plaintext())
                .contentType(MediaType.TEXT_PLAIN)
                .content("Waves"));

    assertThat(r.getStatus()).isEqualTo(403);
  }

  @Test
  void edit_ownerWithWriteScope_is200() throws Exception {
    MockHttpServletResponse r =
        perform(
            put("/photos/sunset")
                .header("Authorization", bearer("alice"))
                .contentType(MediaType.TEXT_PLAIN)
                .content("Evening"));

    assertThat(r.getStatus()).isEqualTo(200);
  }

  @Test
  void photo_unknownApiKey_is401() throws Exception {
    GeneratedApiKey key = apiKeys.generate("alice", Set.of("photos:read"), Duration.ofHours(1));
    apiKeys.revoke(key.keyId());

    MockHttpServletResponse r =
        perform(get("/photos/beach").header("Authorization", "ApiKey " + key.plaintext()));

    assertThat(r.getStatus()).isEqualTo(401);
  }

  @Test
  void public_noCredential_is200() throws Exception {
    assertThat(perform(get("/public")).getStatus()).isEqualTo(200);
  }

  @Test
  void unmappedPath_authenticatedCaller_is403() throws Exception {
    // denyAll: a route added without a rule is refused, not exposed.
    assertThat(perform(get("/admin").header("Authorization", bearer("alice"))).getStatus())
        .isEqualTo(403);
  }

  @Test
  void unauthorizedAnswer_neverEchoesTheCredential() throws Exception {
    String forged = TokenMint.generate().mint("alice");

    MockHttpServletResponse r =
        perform(get("/photos/beach").header("Authorization", "Bearer " + forged));

    assertThat(r.getContentAsString() + r.getHeader("WWW-Authenticate")).doesNotContain(forged);
  }
}
