/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.attack;

import static dev.bulwark.auth.testsupport.Jws.claims;
import static dev.bulwark.auth.testsupport.Outcomes.assertAccepted;
import static dev.bulwark.auth.testsupport.Outcomes.assertRefused;

import dev.bulwark.auth.AuthEngine;
import dev.bulwark.auth.FailureReason;
import dev.bulwark.auth.testsupport.Engines;
import dev.bulwark.auth.testsupport.Jws;
import dev.bulwark.auth.testsupport.TestKeys;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code Authorization} header's shape (RFC 7235 section 2.1: the scheme is case-insensitive;
 * RFC 6750 section 2.1: {@code credentials = "Bearer" 1*SP b64token}).
 */
class AuthorizationHeaderTest {
  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private final AuthEngine engine = Engines.rsa(CLOCK);
  private final String token = Jws.sign(TestKeys.RSA, "RS256", claims(NOW));

  @ParameterizedTest
  @ValueSource(strings = {"Bearer", "bearer", "BEARER", "bEaReR"})
  void bearerScheme_inAnyCase_isAccepted(String scheme) {
    assertAccepted(engine, scheme + " " + token);
  }

  @Test
  void twoSpacesAfterScheme_isAcceptedPerRfc6750Grammar() {
    assertAccepted(engine, "Bearer  " + token);
  }

  @Test
  void nullHeader_isRefusedAsMissingCredentials() {
    assertRefused(engine, null, FailureReason.MISSING_CREDENTIALS);
  }

  @Test
  void emptyHeader_isRefusedAsMissingCredentials() {
    assertRefused(engine, "", FailureReason.MISSING_CREDENTIALS);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Basic dXNlcjpwYXNzd29yZA==",
        "Digest username=\"alice\"",
        "Negotiate YII=",
        "Token abc",
        "Bearerx abc"
      })
  void otherScheme_isRefusedAsUnsupportedScheme(String header) {
    assertRefused(engine, header, FailureReason.UNSUPPORTED_SCHEME);
  }

  @Test
  void basicScheme_carryingAValidJwt_isRefusedAsUnsupportedScheme() {
    assertRefused(engine, "Basic " + token, FailureReason.UNSUPPORTED_SCHEME);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Bearer", "Bearer ", "Bearer   "})
  void bearerWithoutCredential_isRefusedAsMalformed(String header) {
    assertRefused(engine, header, FailureReason.MALFORMED);
  }

  @Test
  void tabInsteadOfSpaceAfterScheme_isRefusedAsUnsupportedScheme() {
    // RFC 7235 separates scheme and credentials with SP only: "Bearer<TAB>..." is one odd scheme.
    assertRefused(engine, "Bearer\t" + token, FailureReason.UNSUPPORTED_SCHEME);
  }

  @Test
  void newlineInsideHeader_isRefusedAsMalformed() {
    assertRefused(engine, "Bearer " + token + "\r\nX-Injected: 1", FailureReason.MALFORMED);
  }
}
