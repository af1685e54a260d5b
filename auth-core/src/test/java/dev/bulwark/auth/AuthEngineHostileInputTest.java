/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import dev.bulwark.auth.testsupport.MutableClock;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link AuthEngine#authenticate} never throws and never accepts a mutated token. */
class AuthEngineHostileInputTest {
  private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
  private static final TestTokens HMAC = TestTokens.hmac("h");
  private static final TestTokens EC = TestTokens.ec("e");

  private static AuthEngine engine(TestTokens keys) {
    return AuthEngine.builder()
        .issuer(
            Issuer.builder(TestTokens.ISS)
                .jwks(new JWKSet(keys.publicJwk))
                .audiences(TestTokens.AUD)
                .algorithms(keys.alg)
                .build())
        .clock(new MutableClock(NOW))
        .build();
  }

  @Test
  void authenticate_randomMutationsOfValidHs256Token_neverThrowNorAuthenticate() {
    checkMutations(engine(HMAC), HMAC.mint(TestTokens.claims(NOW.getEpochSecond())), 5_000);
  }

  @Test
  void authenticate_randomMutationsOfValidEs256Token_neverThrowNorAuthenticate() {
    checkMutations(engine(EC), EC.mint(TestTokens.claims(NOW.getEpochSecond())), 300);
  }

  private static void checkMutations(AuthEngine engine, String token, int rounds) {
    assertThat(engine.authenticate("Bearer " + token).isAuthenticated()).isTrue();
    Random random = new Random(20261129);
    String alphabet =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ \t\"{}\u00e9\u0000";
    for (int i = 0; i < rounds; i++) {
      StringBuilder sb = new StringBuilder(token);
      int edits = 1 + random.nextInt(3);
      for (int k = 0; k < edits; k++) {
        int pos = random.nextInt(sb.length());
        switch (random.nextInt(4)) {
          case 0:
            sb.setCharAt(pos, alphabet.charAt(random.nextInt(alphabet.length())));
            break;
          case 1:
            sb.insert(pos, alphabet.charAt(random.nextInt(alphabet.length())));
            break;
          case 2:
            sb.deleteCharAt(pos);
            break;
          default:
            sb.setLength(pos);
            break;
        }
        if (sb.length() == 0) {
          sb.append('x');
        }
      }
      String mutated = sb.toString();
      AuthResult r = engine.authenticate("Bearer " + mutated);
      if (!mutated.equals(token)) {
        assertThat(r.isAuthenticated()).as("mutation accepted: round " + i).isFalse();
        assertThat(r.failureReason()).isNotEqualTo(FailureReason.INTERNAL_ERROR);
      }
    }
  }

  @Test
  void authenticate_garbageHeaders_neverThrow() {
    AuthEngine engine = engine(HMAC);
    String[] inputs = {
      "",
      " ",
      "Bearer ",
      "Bearer  ",
      "Bearer .",
      "Bearer ..",
      "Bearer ...",
      "Bearer ....",
      "Bearer =",
      "Bearer e30.e30.",
      "Bearer e30.e30.e30",
      "\u0000",
      "Bearer \u0000",
      "Bearer eyJhbGciOiJIUzI1NiJ9.bnVsbA.AAAA",
      "Bearer eyJ9.eyJ9.eyJ9",
      "ApiKey",
      "ApiKey x",
      "Bearer " + "e".repeat(8192),
      "Bearer\tabc"
    };
    for (String s : inputs) {
      AuthResult r = engine.authenticate(s);
      assertThat(r.isAuthenticated()).isFalse();
      assertThat(r.failureReason()).isNotEqualTo(FailureReason.INTERNAL_ERROR);
    }
  }
}
