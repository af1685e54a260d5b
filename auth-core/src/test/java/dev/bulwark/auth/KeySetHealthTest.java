/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth;

import static dev.bulwark.auth.testsupport.Jws.claims;
import static dev.bulwark.auth.testsupport.Outcomes.assertAccepted;
import static dev.bulwark.auth.testsupport.Outcomes.assertRefused;
import static dev.bulwark.auth.testsupport.Outcomes.bearer;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.RSAKey;
import dev.bulwark.auth.testsupport.Jws;
import dev.bulwark.auth.testsupport.MutableClock;
import dev.bulwark.auth.testsupport.StubHttpServer;
import dev.bulwark.auth.testsupport.TestKeys;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link AuthEngine#keySetHealth()}: what it reports for static and remote key sets before a fetch,
 * after a success, through an outage and after it, against a real HTTP server on 127.0.0.1. The
 * JWKS cache runs on a {@link MutableClock} that the tests move; no test sleeps.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class KeySetHealthTest {
  private static final Instant START = Instant.parse("2026-11-29T12:00:00Z");
  private static final Duration TTL = Duration.ofSeconds(5);
  private static final Duration OUTAGE_TOLERANCE = Duration.ofSeconds(60);

  /** Past the TTL, well within the outage tolerance. */
  private static final Duration PAST_TTL = TTL.plusSeconds(1);

  /** Past the TTL and the outage tolerance. */
  private static final Duration PAST_TOLERANCE = OUTAGE_TOLERANCE.plusSeconds(1);

  private static final String SECRET = "s3cr3t-query-value";
  private static final String BODY_MARKER = "body-marker-hunter2";

  private final MutableClock clock = new MutableClock(START);
  private StubHttpServer server;

  @BeforeEach
  void startServer() {
    server = StubHttpServer.start();
    server.serve(TestKeys.publicSet(TestKeys.RSA, TestKeys.RSA_2));
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  private Issuer remote(String iss, URI jwks) {
    return Issuer.builder(iss)
        .jwks(jwks)
        .audiences(Jws.AUD)
        .algorithms("RS256")
        .jwksCacheTtl(TTL)
        .jwksRefreshAhead(Duration.ofMillis(100))
        .jwksRateLimit(Duration.ofMillis(200))
        .jwksOutageTolerance(OUTAGE_TOLERANCE)
        .jwksTimeout(Duration.ofMillis(800))
        .jwksClock(clock)
        .build();
  }

  private AuthEngine engine() {
    return AuthEngine.builder().issuer(remote(Jws.ISS, server.uri("/jwks.json"))).build();
  }

  private static KeySetHealth only(AuthEngine engine) {
    List<KeySetHealth> all = engine.keySetHealth();
    assertThat(all).hasSize(1);
    return all.get(0);
  }

  private static String token(RSAKey key) {
    return bearer(Jws.sign(key, "RS256", claims(Instant.now())));
  }

  @Test
  void remote_beforeFirstFetch_holdsNoKeysAndHasNoFetchTimes() {
    KeySetHealth h = only(engine());
    assertThat(h.issuer()).isEqualTo(Jws.ISS);
    assertThat(h.sourceKind()).isEqualTo(KeySetHealth.SourceKind.REMOTE);
    assertThat(h.jwksUri()).hasValue(server.uri("/jwks.json").toString());
    assertThat(h.keyCount()).isZero();
    assertThat(h.kids()).isEmpty();
    assertThat(h.lastAttempt()).isEmpty();
    assertThat(h.lastSuccessfulFetch()).isEmpty();
    assertThat(h.lastError()).isEmpty();
    assertThat(h.keysAvailable()).isFalse();
    assertThat(h.servingLastGoodKeys()).isFalse();
  }

  @Test
  void keySetHealth_neverFetches() {
    AuthEngine engine = engine();
    engine.keySetHealth();
    engine.keySetHealth();
    assertThat(server.requests()).isZero();
  }

  @Test
  void remote_afterSuccessfulFetch_listsKidsAndFetchTime() {
    AuthEngine engine = engine();
    assertAccepted(engine, token(TestKeys.RSA));
    KeySetHealth h = only(engine);
    assertThat(h.keyCount()).isEqualTo(2);
    assertThat(h.kids()).containsExactly("rsa-1", "rsa-2");
    assertThat(h.lastSuccessfulFetch()).hasValue(START);
    assertThat(h.lastAttempt()).hasValue(START);
    assertThat(h.lastError()).isEmpty();
    assertThat(h.consecutiveFailures()).isZero();
    assertThat(h.keysAvailable()).isTrue();
    assertThat(h.servingLastGoodKeys()).isFalse();
  }

  @Test
  void remote_keyWithoutKid_isCountedButNotListed() throws Exception {
    RSAKey noKid = new RSAKey.Builder(TestKeys.RSA_2.toRSAPublicKey()).build();
    server.serve(TestKeys.publicSet(TestKeys.RSA, noKid));
    AuthEngine engine = engine();
    assertAccepted(engine, token(TestKeys.RSA));
    KeySetHealth h = only(engine);
    assertThat(h.keyCount()).isEqualTo(2);
    assertThat(h.kids()).containsExactly("rsa-1");
  }

  @Test
  void remote_fetchFailsWithinOutageTolerance_servingLastGoodKeysWithTheStatus() {
    AuthEngine engine = engine();
    assertAccepted(engine, token(TestKeys.RSA));
    server.serve(500, "text/plain", BODY_MARKER.getBytes(UTF_8));
    clock.advance(PAST_TTL);
    assertAccepted(engine, token(TestKeys.RSA)); // refetched, failed, last good keys used

    KeySetHealth h = only(engine);
    assertThat(h.keysAvailable()).isTrue();
    assertThat(h.servingLastGoodKeys()).isTrue();
    assertThat(h.lastError()).hasValue("HTTP 500 Internal Server Error");
    assertThat(h.lastErrorAt()).hasValue(START.plus(PAST_TTL));
    assertThat(h.lastAttempt()).hasValue(START.plus(PAST_TTL));
    assertThat(h.lastSuccessfulFetch()).hasValue(START);
    assertThat(h.consecutiveFailures()).isEqualTo(1);
    assertThat(h.kids()).containsExactly("rsa-1", "rsa-2");
  }

  @Test
  void remote_fetchFailingPastOutageTolerance_keysNoLongerAvailable() {
    AuthEngine engine = engine();
    assertAccepted(engine, token(TestKeys.RSA));
    server.serve(503, "text/plain", new byte[0]);
    clock.advance(PAST_TOLERANCE);
    assertRefused(engine, token(TestKeys.RSA), FailureReason.KEYS_UNAVAILABLE);

    KeySetHealth h = only(engine);
    assertThat(h.keysAvailable()).isFalse();
    assertThat(h.servingLastGoodKeys()).isFalse();
    assertThat(h.lastError()).hasValue("HTTP 503 Service Unavailable");
    assertThat(h.consecutiveFailures()).isPositive();
    assertThat(h.lastSuccessfulFetch()).hasValue(START);
  }

  @Test
  void remote_fetchSucceedsAfterFailure_failuresResetAndLastErrorKept() {
    AuthEngine engine = engine();
    assertAccepted(engine, token(TestKeys.RSA));
    server.serve(500, "text/plain", new byte[0]);
    clock.advance(PAST_TTL);
    assertAccepted(engine, token(TestKeys.RSA));
    server.serve(TestKeys.publicSet(TestKeys.RSA_2));
    clock.advance(PAST_TTL);
    assertAccepted(engine, token(TestKeys.RSA_2));

    KeySetHealth h = only(engine);
    assertThat(h.consecutiveFailures()).isZero();
    assertThat(h.servingLastGoodKeys()).isFalse();
    assertThat(h.kids()).containsExactly("rsa-2");
    assertThat(h.lastSuccessfulFetch()).hasValue(START.plus(PAST_TTL).plus(PAST_TTL));
    assertThat(h.lastError())
        .as("the last failure, kept for the record")
        .hasValue("HTTP 500 Internal Server Error");
    assertThat(h.lastErrorAt()).hasValue(START.plus(PAST_TTL));
  }

  @Test
  void remote_successFailureSuccess_countsThreeFetchesOneFailed() {
    AuthEngine engine = engine();
    assertAccepted(engine, token(TestKeys.RSA));
    server.serve(500, "text/plain", new byte[0]);
    clock.advance(PAST_TTL);
    assertAccepted(engine, token(TestKeys.RSA));
    server.serve(TestKeys.publicSet(TestKeys.RSA_2));
    clock.advance(PAST_TTL);
    assertAccepted(engine, token(TestKeys.RSA_2));

    KeySetHealth h = only(engine);
    assertThat(new long[] {h.fetches(), h.fetchFailures()}).containsExactly(3, 1);
  }

  @Test
  void remote_responseNotAJwks_lastErrorSaysSoWithoutTheBody() {
    server.serve(200, "text/html", ("<html>" + BODY_MARKER + "</html>").getBytes(UTF_8));
    AuthEngine engine = engine();
    assertRefused(engine, token(TestKeys.RSA), FailureReason.KEYS_UNAVAILABLE);
    KeySetHealth h = only(engine);
    assertThat(h.lastError())
        .hasValueSatisfying(
            e -> assertThat(e).startsWith("response is not a JWK set").doesNotContain(BODY_MARKER));
    assertThat(h.keysAvailable()).isFalse();
  }

  @Test
  void static_reportsItsKidsAndNoFetch() {
    AuthEngine engine =
        AuthEngine.builder()
            .issuer(
                Issuer.builder(Jws.ISS)
                    .jwks(TestKeys.publicSet(TestKeys.RSA, TestKeys.EC))
                    .audiences(Jws.AUD)
                    .algorithms("RS256", "ES256")
                    .build())
            .build();
    KeySetHealth h = only(engine);
    assertThat(h.sourceKind()).isEqualTo(KeySetHealth.SourceKind.STATIC);
    assertThat(h.jwksUri()).isEmpty();
    assertThat(h.kids()).containsExactly("rsa-1", "ec-1");
    assertThat(h.keysAvailable()).isTrue();
    assertThat(h.lastAttempt()).isEmpty();
    assertThat(h.consecutiveFailures()).isZero();
  }

  @Test
  void keySetHealth_severalIssuers_inTheOrderTheyWereAdded() {
    AuthEngine engine =
        AuthEngine.builder()
            .issuer(remote("https://b.example.com", server.uri("/b")))
            .issuer(remote("https://a.example.com", server.uri("/a")))
            .issuer(remote("https://c.example.com", server.uri("/c")))
            .build();
    assertThat(engine.keySetHealth())
        .extracting(KeySetHealth::issuer)
        .containsExactly("https://b.example.com", "https://a.example.com", "https://c.example.com");
  }

  @Test
  void keySetHealth_list_isImmutable() {
    List<KeySetHealth> all = engine().keySetHealth();
    assertThatThrownBy(() -> all.add(all.get(0))).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> all.get(0).kids().add("x"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void toString_jwksUriWithCredentialInQueryAndFailedFetch_showsNeitherCredentialNorBody() {
    AuthEngine engine =
        AuthEngine.builder()
            .issuer(remote(Jws.ISS, server.uri("/jwks.json?access_token=" + SECRET)))
            .build();
    assertAccepted(engine, token(TestKeys.RSA));
    server.serve(500, "text/plain", (SECRET + " " + BODY_MARKER).getBytes(UTF_8));
    clock.advance(PAST_TTL);
    assertAccepted(engine, token(TestKeys.RSA));

    KeySetHealth h = only(engine);
    assertThat(h.toString())
        .contains("jwksUri=" + server.uri("/jwks.json") + "?<query>")
        .contains("kids=[rsa-1, rsa-2]")
        .contains("lastError=HTTP 500 Internal Server Error")
        .doesNotContain(SECRET)
        .doesNotContain(BODY_MARKER);
    assertThat(h.jwksUri()).hasValue(server.uri("/jwks.json") + "?<query>");
  }
}
