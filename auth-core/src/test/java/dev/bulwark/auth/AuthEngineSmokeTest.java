/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuthEngineSmokeTest {
  private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

  @ParameterizedTest
  @ValueSource(strings = {"RS256", "ES256", "EdDSA", "HS256"})
  void authenticate_validTokenOfEachAlgorithm_authenticates(String alg) {
    TestTokens keys;
    switch (alg) {
      case "RS256":
        keys = TestTokens.rsa("k1");
        break;
      case "ES256":
        keys = TestTokens.ec("k1");
        break;
      case "EdDSA":
        keys = TestTokens.ed25519("k1");
        break;
      default:
        keys = TestTokens.hmac("k1");
        break;
    }
    AuthEngine engine =
        AuthEngine.builder()
            .issuer(
                Issuer.builder(TestTokens.ISS)
                    .jwks(new JWKSet(keys.publicJwk))
                    .audiences(TestTokens.AUD)
                    .algorithms(alg)
                    .build())
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .build();
    AuthResult r =
        engine.authenticate("Bearer " + keys.mint(TestTokens.claims(NOW.getEpochSecond())));
    assertThat(r.isAuthenticated()).as(r.toString()).isTrue();
    assertThat(r.principal().subject()).isEqualTo("alice");
    assertThat(r.principal().scopes()).containsExactlyInAnyOrder("read", "write");
  }
}
