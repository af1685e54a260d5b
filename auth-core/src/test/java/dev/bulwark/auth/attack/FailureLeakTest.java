/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.attack;

import static dev.bulwark.auth.testsupport.Jws.b64;
import static dev.bulwark.auth.testsupport.Jws.claims;
import static dev.bulwark.auth.testsupport.Jws.header;
import static dev.bulwark.auth.testsupport.Jws.json;
import static dev.bulwark.auth.testsupport.Outcomes.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.auth.AuthEngine;
import dev.bulwark.auth.AuthResult;
import dev.bulwark.auth.testsupport.Engines;
import dev.bulwark.auth.testsupport.Jws;
import dev.bulwark.auth.testsupport.Outcomes;
import dev.bulwark.auth.testsupport.TestKeys;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A refusal is logged and sent back to the client: its {@link AuthResult#detail()}, {@link
 * AuthResult#toString()} and {@link AuthResult#wwwAuthenticate()} must never echo the token or any
 * piece of its signature, whichever check refused it.
 */
class FailureLeakTest {
  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  /** Any run of this many signature characters in the output counts as a leak. */
  private static final int WINDOW = 8;

  private final AuthEngine engine = Engines.rsa(CLOCK);

  static Stream<Arguments> refusedTokens() {
    Map<String, Object> expired = claims(NOW.minusSeconds(3600));
    Map<String, Object> wrongAud = claims(NOW);
    wrongAud.put("aud", "payments-api");
    Map<String, Object> otherIss = claims(NOW);
    otherIss.put("iss", "https://other.example.com");
    String valid = Jws.sign(TestKeys.RSA, "RS256", claims(NOW));
    String sig = Jws.signatureSegment(valid);
    return Stream.of(
        Arguments.of(
            "bad signature",
            Jws.sign(TestKeys.relabel(TestKeys.ATTACKER_RSA, "rsa-1"), "RS256", claims(NOW))),
        Arguments.of("expired", Jws.sign(TestKeys.RSA, "RS256", expired)),
        Arguments.of("wrong audience", Jws.sign(TestKeys.RSA, "RS256", wrongAud)),
        Arguments.of("unknown issuer", Jws.sign(TestKeys.RSA, "RS256", otherIss)),
        Arguments.of("unknown kid", Jws.sign(TestKeys.ATTACKER_RSA, "RS256", claims(NOW))),
        Arguments.of(
            "alg none", b64(json(header("none", null))) + "." + b64(json(claims(NOW))) + "." + sig),
        Arguments.of("HS256", Jws.sign(TestKeys.HMAC, "HS256", claims(NOW))),
        Arguments.of("bad base64 in signature", valid.substring(0, valid.length() - 4) + "!!!!"),
        Arguments.of("not JSON", b64("not json") + "." + b64("{}") + "." + sig),
        Arguments.of("two segments", valid.substring(0, valid.lastIndexOf('.'))),
        Arguments.of("too large", valid + "A".repeat(9000)),
        Arguments.of("trailing garbage", valid + ".x"));
  }

  private static void assertNoLeak(String output, String token) {
    assertThat(output).doesNotContain(token);
    String sig = Jws.signatureSegment(token);
    for (int i = 0; i + WINDOW <= sig.length(); i++) {
      assertThat(output)
          .as("output leaks signature characters %d..%d", i, i + WINDOW)
          .doesNotContain(sig.substring(i, i + WINDOW));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusedTokens")
  void failureDetail_neverContainsTokenOrSignature(String name, String token) {
    AuthResult result = Outcomes.authenticate(engine, bearer(token));
    assertThat(result.isAuthenticated()).isFalse();
    assertNoLeak(result.detail(), token);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusedTokens")
  void failureToString_neverContainsTokenOrSignature(String name, String token) {
    AuthResult result = Outcomes.authenticate(engine, bearer(token));
    assertThat(result.isAuthenticated()).isFalse();
    assertNoLeak(result.toString(), token);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusedTokens")
  void failureChallenge_neverContainsTokenOrSignature(String name, String token) {
    AuthResult result = Outcomes.authenticate(engine, bearer(token));
    assertThat(result.isAuthenticated()).isFalse();
    assertNoLeak(result.wwwAuthenticate(), token);
  }
}
