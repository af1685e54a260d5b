/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.attack;

import static dev.bulwark.auth.testsupport.Jws.claims;
import static dev.bulwark.auth.testsupport.Jws.header;
import static dev.bulwark.auth.testsupport.Outcomes.assertAccepted;
import static dev.bulwark.auth.testsupport.Outcomes.assertRefused;
import static dev.bulwark.auth.testsupport.Outcomes.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import dev.bulwark.auth.AuthEngine;
import dev.bulwark.auth.FailureReason;
import dev.bulwark.auth.Issuer;
import dev.bulwark.auth.testsupport.Engines;
import dev.bulwark.auth.testsupport.Jws;
import dev.bulwark.auth.testsupport.MutableClock;
import dev.bulwark.auth.testsupport.TestKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Time and identity claims at their boundaries (RFC 7519 section 4.1, RFC 9068 section 4): {@code
 * exp} is valid strictly before {@code exp + skew}; {@code nbf} from {@code nbf - skew} on; {@code
 * iat} at most {@code skew} in the future; numeric dates within 1970 to 9999, never saturated;
 * {@code iss} compared exactly; {@code aud} must contain ours; {@code typ} exactly {@code at+jwt}
 * (or {@code application/at+jwt}) when configured; scopes in RFC 6749 section 3.3's grammar.
 */
class ClaimsBoundaryTest {
  private static final Instant T = Instant.parse("2026-06-01T12:00:00Z");
  private static final Duration SKEW = Duration.ofSeconds(30);

  private final MutableClock clock = new MutableClock(T);
  private final AuthEngine engine =
      AuthEngine.builder()
          .issuer(Engines.issuer(TestKeys.publicSet(TestKeys.RSA), "RS256"))
          .clock(clock)
          .clockSkew(SKEW)
          .build();

  /** A token issued 10 minutes before T that expires at T. */
  private static String expiringAtT() {
    Map<String, Object> c = claims(T.minusSeconds(600));
    c.put("exp", T.getEpochSecond());
    return Jws.sign(TestKeys.RSA, "RS256", c);
  }

  @Test
  void exp_oneSecondBeforeExpPlusSkew_isAccepted() {
    clock.set(T.plus(SKEW).minusSeconds(1));
    assertAccepted(engine, bearer(expiringAtT()));
  }

  @Test
  void exp_exactlyAtExpPlusSkew_isRefusedAsExpired() {
    // RFC 7519 4.1.4: the current time MUST be before exp (here, exp plus the allowed skew).
    clock.set(T.plus(SKEW));
    assertRefused(engine, bearer(expiringAtT()), FailureReason.EXPIRED);
  }

  @Test
  void exp_oneSecondAfterExpPlusSkew_isRefusedAsExpired() {
    clock.set(T.plus(SKEW).plusSeconds(1));
    assertRefused(engine, bearer(expiringAtT()), FailureReason.EXPIRED);
  }

  @Test
  void cachedToken_afterExpPlusSkew_isRefusedAsExpired() {
    // The verified-token cache must honour exp on the engine's clock, not only its own TTL.
    String token = expiringAtT();
    clock.set(T.minusSeconds(60));
    assertAccepted(engine, bearer(token));
    clock.set(T.plus(SKEW).plusSeconds(1));
    assertRefused(engine, bearer(token), FailureReason.EXPIRED);
  }

  @Test
  void missingExp_whenRequiredByDefault_isRefusedAsExpired() {
    Map<String, Object> c = claims(T);
    c.remove("exp");
    assertRefused(engine, bearer(Jws.sign(TestKeys.RSA, "RS256", c)), FailureReason.EXPIRED);
  }

  private static String notBefore(Instant nbf) {
    Map<String, Object> c = claims(T);
    c.put("nbf", nbf.getEpochSecond());
    return Jws.sign(TestKeys.RSA, "RS256", c);
  }

  @Test
  void nbf_exactlyAtNbfMinusSkew_isAccepted() {
    assertAccepted(engine, bearer(notBefore(T.plus(SKEW))));
  }

  @Test
  void nbf_oneSecondBeforeNbfMinusSkew_isRefusedAsNotYetValid() {
    assertRefused(
        engine, bearer(notBefore(T.plus(SKEW).plusSeconds(1))), FailureReason.NOT_YET_VALID);
  }

  private static String issuedAt(Instant iat) {
    Map<String, Object> c = claims(T);
    c.put("iat", iat.getEpochSecond());
    return Jws.sign(TestKeys.RSA, "RS256", c);
  }

  @Test
  void iat_exactlySkewInTheFuture_isAccepted() {
    assertAccepted(engine, bearer(issuedAt(T.plus(SKEW))));
  }

  @Test
  void iat_moreThanSkewInTheFuture_isRefusedAsNotYetValid() {
    assertRefused(
        engine, bearer(issuedAt(T.plus(SKEW).plusSeconds(1))), FailureReason.NOT_YET_VALID);
  }

  /**
   * The issuer's valid claims at T with {@code name} set to the raw JSON number {@code literal}.
   */
  private static String withNumericDate(String name, String literal) {
    Map<String, Object> c = claims(T);
    c.remove(name);
    String json = "{\"" + name + "\":" + literal + "," + Jws.json(c).substring(1);
    return Jws.signRaw(TestKeys.RSA, JWSAlgorithm.RS256, Jws.json(header("RS256", "rsa-1")), json);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"1e400", "99999999999999999999999999", "9223372036854775807", "253402300800"})
  void expBeyondYear9999_isRefusedAsMalformed(String exp) {
    // Once saturated to year 292278994: a token that never expires.
    assertRefused(engine, bearer(withNumericDate("exp", exp)), FailureReason.MALFORMED);
  }

  @Test
  void expAtTheLastSecondOfYear9999_isAccepted() {
    assertAccepted(engine, bearer(withNumericDate("exp", "253402300799")));
  }

  @Test
  void expWithFractionalSeconds_isAccepted() {
    // RFC 7519 section 2: a NumericDate may be a non-integer.
    assertAccepted(engine, bearer(withNumericDate("exp", (T.getEpochSecond() + 60) + ".5")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"-1", "-1e400", "1e400", "99999999999999999999999999"})
  void nbfOutsideTheDateRange_isRefusedAsMalformed(String nbf) {
    // A negative nbf once saturated to "valid since forever"; an infinite one to "never valid".
    assertRefused(engine, bearer(withNumericDate("nbf", nbf)), FailureReason.MALFORMED);
  }

  @ParameterizedTest
  @ValueSource(strings = {"-1", "1e400", "99999999999999999999999999"})
  void iatOutsideTheDateRange_isRefusedAsMalformed(String iat) {
    assertRefused(engine, bearer(withNumericDate("iat", iat)), FailureReason.MALFORMED);
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"1780315200\"", "true", "[1780315200]"})
  void expNotANumber_isRefusedAsMalformed(String exp) {
    assertRefused(engine, bearer(withNumericDate("exp", exp)), FailureReason.MALFORMED);
  }

  private static String withScope(String name, Object value) {
    Map<String, Object> c = claims(T);
    c.put(name, value);
    return Jws.sign(TestKeys.RSA, "RS256", c);
  }

  @Test
  void scopeOfSingleSpaceSeparatedTokens_isAcceptedWithEachScope() {
    assertThat(
            assertAccepted(engine, bearer(withScope("scope", "orders:read orders:write"))).scopes())
        .containsExactlyInAnyOrder("orders:read", "orders:write");
  }

  @ParameterizedTest
  @ValueSource(strings = {"a  b\tc", "a  b", "a b ", " a", "a\u000bb", "a\"b", "admin\u00a0"})
  void scopeOutsideTheRfc6749Grammar_isRefusedAsMalformed(String scope) {
    // "a  b\tc" once gave the scopes "a" and "b\tc".
    assertRefused(engine, bearer(withScope("scope", scope)), FailureReason.MALFORMED);
  }

  @ParameterizedTest
  @ValueSource(strings = {"a b", "", "a\tb", "caf\u00e9"})
  void scpArrayElementOutsideTheScopeTokenGrammar_isRefusedAsMalformed(String element) {
    assertRefused(
        engine, bearer(withScope("scp", List.of("orders:read", element))), FailureReason.MALFORMED);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://ID.example.com", "https://id.example.com/", "https://id.example.com ",
        "http://id.example.com", "https://id.example.com.evil.com", "https://id.example.co",
        "https://id.example.com/../", "HTTPS://id.example.com", ""
      })
  void issuerVariant_isRefusedAsUnknownIssuer(String iss) {
    Map<String, Object> c = claims(T);
    c.put("iss", iss);
    assertRefused(engine, bearer(Jws.sign(TestKeys.RSA, "RS256", c)), FailureReason.UNKNOWN_ISSUER);
  }

  @Test
  void missingIss_isRefusedAsUnknownIssuer() {
    Map<String, Object> c = claims(T);
    c.remove("iss");
    assertRefused(engine, bearer(Jws.sign(TestKeys.RSA, "RS256", c)), FailureReason.UNKNOWN_ISSUER);
  }

  private String withAud(Object aud) {
    Map<String, Object> c = claims(T);
    if (aud == null) {
      c.remove("aud");
    } else {
      c.put("aud", aud);
    }
    return Jws.sign(TestKeys.RSA, "RS256", c);
  }

  @Test
  void audArrayContainingOurs_isAccepted() {
    assertAccepted(engine, bearer(withAud(List.of("payments-api", Jws.AUD))));
  }

  @Test
  void missingAud_isRefusedAsWrongAudience() {
    assertRefused(engine, bearer(withAud(null)), FailureReason.WRONG_AUDIENCE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"payments-api", "Orders-api", "orders-api ", "orders", ""})
  void wrongAudString_isRefusedAsWrongAudience(String aud) {
    assertRefused(engine, bearer(withAud(aud)), FailureReason.WRONG_AUDIENCE);
  }

  @Test
  void audArrayWithoutOurs_isRefusedAsWrongAudience() {
    assertRefused(
        engine,
        bearer(withAud(List.of("payments-api", "billing-api"))),
        FailureReason.WRONG_AUDIENCE);
  }

  @Test
  void emptyAudArray_isRefusedAsWrongAudience() {
    assertRefused(engine, bearer(withAud(List.of())), FailureReason.WRONG_AUDIENCE);
  }

  private AuthEngine atJwtEngine() {
    return AuthEngine.builder()
        .issuer(
            Issuer.builder(Jws.ISS)
                .jwks(TestKeys.publicSet(TestKeys.RSA))
                .audiences(Jws.AUD)
                .algorithms("RS256")
                .type("at+jwt")
                .build())
        .clock(clock)
        .build();
  }

  private static String typed(String typ) {
    Map<String, Object> h = header("RS256", "rsa-1");
    if (typ != null) {
      h.put("typ", typ);
    }
    return Jws.sign(TestKeys.RSA, h, claims(T));
  }

  @ParameterizedTest
  @ValueSource(strings = {"at+jwt", "application/at+jwt"})
  void typAtJwt_whenConfigured_isAccepted(String typ) {
    assertAccepted(atJwtEngine(), bearer(typed(typ)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"JWT", "jwt", "application/jwt", "at+jwt ", "at+jwt;x=1", "secevent+jwt"})
  void otherTyp_whenAtJwtConfigured_isRefusedAsWrongType(String typ) {
    assertRefused(atJwtEngine(), bearer(typed(typ)), FailureReason.WRONG_TYPE);
  }

  @Test
  void missingTyp_whenAtJwtConfigured_isRefusedAsWrongType() {
    assertRefused(atJwtEngine(), bearer(typed(null)), FailureReason.WRONG_TYPE);
  }
}
