/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.attack;

import static dev.bulwark.auth.testsupport.Jws.claims;
import static dev.bulwark.auth.testsupport.Outcomes.assertAccepted;
import static dev.bulwark.auth.testsupport.Outcomes.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.auth.AuthEngine;
import dev.bulwark.auth.AuthResult;
import dev.bulwark.auth.FailureReason;
import dev.bulwark.auth.testsupport.Engines;
import dev.bulwark.auth.testsupport.Jws;
import dev.bulwark.auth.testsupport.TestKeys;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Every single-character edit of a valid token (substitution, deletion, insertion, from a
 * base64url, JOSE-significant or arbitrary alphabet) is refused, and none makes {@code
 * authenticate} throw or answer {@link FailureReason#INTERNAL_ERROR}. With canonical base64url, no
 * edit can leave the signed bytes unchanged, so an acceptance would be a real forgery or
 * malleability. Seeded, so a failure reproduces.
 */
class TokenMutationFuzzTest {
  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final long SEED = 0xB01_3A4BL;
  private static final int EDITS = 1500;
  private static final String CHARS =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ \t\u0000\u00e9{}\"";

  @Test
  void everySingleCharacterEdit_ofValidToken_isRefusedWithoutThrowing() {
    AuthEngine engine = Engines.rsa(CLOCK);
    String token = Jws.sign(TestKeys.RSA, "RS256", claims(NOW));
    assertAccepted(engine, bearer(token));
    Random random = new Random(SEED);
    List<String> wrong = new ArrayList<>();
    for (int i = 0; i < EDITS && wrong.size() < 10; i++) {
      String edited = edit(token, random);
      if (edited.equals(token)) {
        continue;
      }
      AuthResult r;
      try {
        r = engine.authenticate(bearer(edited));
      } catch (RuntimeException e) {
        wrong.add("edit " + i + " threw " + e);
        continue;
      }
      if (r.isAuthenticated()) {
        wrong.add("edit " + i + " was accepted");
      } else if (r.failureReason() == FailureReason.INTERNAL_ERROR) {
        wrong.add("edit " + i + " gave INTERNAL_ERROR: " + r.detail());
      }
    }
    assertThat(wrong).as("edits of a valid token (seed %s)", SEED).isEmpty();
  }

  private static String edit(String token, Random random) {
    int at = random.nextInt(token.length() + 1);
    char c = CHARS.charAt(random.nextInt(CHARS.length()));
    switch (random.nextInt(3)) {
      case 0:
        return at == token.length() ? token : token.substring(0, at) + c + token.substring(at + 1);
      case 1:
        return at == token.length() ? token : token.substring(0, at) + token.substring(at + 1);
      default:
        return token.substring(0, at) + c + token.substring(at);
    }
  }
}
