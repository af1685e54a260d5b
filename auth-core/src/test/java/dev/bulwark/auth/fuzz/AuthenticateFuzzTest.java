/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.bulwark.auth.AuthEngine;
import dev.bulwark.auth.AuthResult;
import dev.bulwark.auth.FailureReason;
import dev.bulwark.auth.Issuer;
import dev.bulwark.auth.Principal;
import dev.bulwark.testkit.InputBudget;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Fuzzes {@link AuthEngine#authenticate(String)} with whole {@code Authorization} header values
 * against a fixed key set: an HS256 secret and an ES256 key that exist only in this class and sign
 * the committed seeds (see {@code docs/fuzz/README.md}).
 *
 * <p>For each input (UTF-8, at most {@value InputBudget#MAX_INPUT_BYTES} bytes) it checks:
 *
 * <ul>
 *   <li>{@code authenticate} never throws, and never answers {@link FailureReason#INTERNAL_ERROR},
 *       which means it caught an exception it did not expect;
 *   <li>a token it accepts verifies under nimbus-jose-jwt, the independent reference, with the key
 *       of the same issuer: no accept without a valid signature;
 *   <li>what an accepted token hands the application is well formed: the subject and the other
 *       strings are valid UTF-16 (a lone surrogate cannot come from UTF-8 JSON), and its {@code
 *       exp} is a finite NumericDate (RFC 7519 section 2) that the principal reports to the second;
 *   <li>a second call, a verified-token cache hit, gives the same answer;
 *   <li>the two calls cost at most {@link InputBudget#limit()} (see there for the bound in each
 *       mode).
 * </ul>
 */
class AuthenticateFuzzTest {
  /** The HS256 issuer and its 256-bit secret (base64url), known only to this target. */
  static final String HS_ISSUER = "https://hs.fuzz.example";

  static final String HS_SECRET = "ZnV6ei10YXJnZXQtaG1hYy1zZWNyZXQtMzItYnl0ZXMh";

  /**
   * The ES256 issuer and its key pair, generated for this target alone; the private part signs
   * seeds, the engine gets the public part.
   */
  static final String ES_ISSUER = "https://es.fuzz.example";

  static final String ES_KEY =
      "{\"kty\":\"EC\",\"crv\":\"P-256\",\"kid\":\"es-1\","
          + "\"x\":\"2CX5xfLWJv-TxPDniwkwWp03Od6vg419edNtbDJiL7U\","
          + "\"y\":\"4fIVLS7L6zF5M3_Fi7RPjJXc3qA8JY2299YGKmWpYXs\","
          + "\"d\":\"YXq-51LCFfEBxQWXXG0KnnJVfPEWVJHJRSfvikVQhV0\"}";
  static final String AUDIENCE = "api";

  /** The engine's clock: the seeds are valid from 2025 to 2100, so this instant accepts them. */
  static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  private static final AuthEngine ENGINE;
  private static final JWSVerifier HS_VERIFIER;
  private static final JWSVerifier ES_VERIFIER;

  static {
    try {
      ECKey es = ECKey.parse(ES_KEY);
      ENGINE =
          AuthEngine.builder()
              .issuer(
                  Issuer.builder(HS_ISSUER)
                      .jwksJson(
                          "{\"keys\":[{\"kty\":\"oct\",\"kid\":\"hs-1\",\"k\":\""
                              + HS_SECRET
                              + "\"}]}")
                      .audiences(AUDIENCE)
                      .algorithms("HS256")
                      .build())
              .issuer(
                  Issuer.builder(ES_ISSUER)
                      .jwks(new JWKSet(es.toPublicJWK()))
                      .audiences(AUDIENCE)
                      .algorithms("ES256")
                      .build())
              .clock(Clock.fixed(NOW, ZoneOffset.UTC))
              .build();
      HS_VERIFIER = new MACVerifier(new Base64URL(HS_SECRET).decode());
      ES_VERIFIER = new ECDSAVerifier(es.toPublicJWK());
    } catch (Exception e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @FuzzTest(maxDuration = "10m")
  void authorizationHeader(byte[] input) throws Exception {
    if (input.length > InputBudget.MAX_INPUT_BYTES) {
      return;
    }
    String header = new String(input, StandardCharsets.UTF_8);
    AuthResult[] results = new AuthResult[2];
    InputBudget.within(
        "authenticate, twice",
        () -> {
          results[0] = ENGINE.authenticate(header);
          results[1] = ENGINE.authenticate(header);
        });
    for (AuthResult r : results) {
      if (!r.isAuthenticated() && r.failureReason() == FailureReason.INTERNAL_ERROR) {
        throw new AssertionError("authenticate swallowed an unexpected exception: " + r);
      }
    }
    if (results[0].isAuthenticated() != results[1].isAuthenticated()) {
      throw new AssertionError("the cached answer differs: " + results[0] + " then " + results[1]);
    }
    if (results[0].isAuthenticated()) {
      checkAccepted(header, results[0].principal());
    }
  }

  /** The accepted token must verify under nimbus with its issuer's key, and read back cleanly. */
  private static void checkAccepted(String header, Principal principal) {
    String token = header.substring(header.indexOf(' ')).trim();
    JWSObject jws;
    try {
      jws = JWSObject.parse(token);
    } catch (ParseException e) {
      throw new AssertionError("accepted a token nimbus cannot parse: " + e.getMessage(), e);
    }
    JWSAlgorithm alg = jws.getHeader().getAlgorithm();
    JWSVerifier verifier =
        HS_ISSUER.equals(principal.issuer()) && JWSAlgorithm.HS256.equals(alg)
            ? HS_VERIFIER
            : ES_ISSUER.equals(principal.issuer()) && JWSAlgorithm.ES256.equals(alg)
                ? ES_VERIFIER
                : null;
    if (verifier == null) {
      throw new AssertionError(
          "accepted alg "
              + alg
              + " for issuer "
              + principal.issuer()
              + ", which no fixed key fits");
    }
    try {
      if (!jws.verify(verifier)) {
        throw new AssertionError("accepted a token whose signature nimbus refuses");
      }
    } catch (com.nimbusds.jose.JOSEException e) {
      throw new AssertionError("accepted a token nimbus cannot verify: " + e.getMessage(), e);
    }
    checkExpiry(jws, principal);
    requireWellFormed("subject", principal.subject());
    principal.credentialId().ifPresent(id -> requireWellFormed("jti", id));
    principal.roles().forEach(role -> requireWellFormed("role", role));
    principal.scopes().forEach(scope -> requireWellFormed("scope", scope));
  }

  /** The payload's exp, as nimbus reads it, must be a date the principal reports exactly. */
  private static void checkExpiry(JWSObject jws, Principal principal) {
    Object exp;
    try {
      exp = JSONObjectUtils.parse(jws.getPayload().toString()).get("exp");
    } catch (ParseException e) {
      throw new AssertionError(
          "accepted a token whose claims nimbus cannot parse: " + e.getMessage(), e);
    }
    if (exp == null) {
      return; // the issuers here require exp, which a separate rule checks
    }
    double seconds = exp instanceof Number ? ((Number) exp).doubleValue() : Double.NaN;
    if (!Double.isFinite(seconds) || Math.abs(seconds) > Instant.MAX.getEpochSecond()) {
      throw new AssertionError("accepted a token whose exp is not a NumericDate: " + exp);
    }
    long expected = (long) Math.floor(seconds);
    if (principal.expiresAt().map(Instant::getEpochSecond).orElse(Long.MIN_VALUE) != expected) {
      throw new AssertionError(
          "accepted a token with exp " + exp + " but reports expiry " + principal.expiresAt());
    }
  }

  /** Fails on a lone surrogate: no UTF-8 byte sequence decodes to one. */
  static void requireWellFormed(String what, String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new AssertionError(
            "accepted a token whose " + what + " holds a lone surrogate at " + i);
      }
    }
  }
}
