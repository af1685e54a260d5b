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
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.nimbusds.jose.jwk.RSAKey;
import dev.bulwark.auth.testsupport.CapturedLog;
import dev.bulwark.auth.testsupport.Jws;
import dev.bulwark.auth.testsupport.MutableClock;
import dev.bulwark.auth.testsupport.StubHttpServer;
import dev.bulwark.auth.testsupport.TestKeys;
import java.net.URI;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link AuthEngine.Builder#prefetchKeys(PrefetchMode)}: what {@code build()} fetches, and what a
 * failed fetch does to the build, against real HTTP servers on 127.0.0.1. The JWKS cache runs on a
 * {@link MutableClock} that the tests move; no test sleeps.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class KeyPrefetchTest {
  private static final Duration TTL = Duration.ofSeconds(5);
  private static final Duration REFRESH_AHEAD = Duration.ofMillis(100);
  private static final Duration RATE_LIMIT = Duration.ofMillis(200);

  /** Generous for a loopback fetch on a loaded machine. */
  private static final Duration TIMEOUT = Duration.ofMillis(800);

  /**
   * The longest a build may wait for one slow issuer: its deadline (twice the timeout) and room.
   */
  private static final Duration BOUND = TIMEOUT.multipliedBy(4).plusSeconds(1);

  private static final String SECRET = "s3cr3t-query-value";

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T12:00:00Z"));
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

  private Issuer.Builder issuer(String iss, URI jwks) {
    return Issuer.builder(iss)
        .jwks(jwks)
        .audiences(Jws.AUD)
        .algorithms("RS256")
        .jwksCacheTtl(TTL)
        .jwksRefreshAhead(REFRESH_AHEAD)
        .jwksRateLimit(RATE_LIMIT)
        .jwksTimeout(TIMEOUT)
        .jwksClock(clock);
  }

  private Issuer issuer() {
    return issuer(Jws.ISS, server.uri("/jwks.json")).build();
  }

  private static String token(RSAKey key) {
    return bearer(Jws.sign(key, "RS256", claims(Instant.now())));
  }

  @Test
  void default_build_fetchesNothing() {
    AuthEngine.builder().issuer(issuer()).build();
    assertThat(server.requests()).as("fetches made by build()").isZero();
  }

  @Test
  void none_build_fetchesNothing() {
    AuthEngine.builder().issuer(issuer()).prefetchKeys(PrefetchMode.NONE).build();
    assertThat(server.requests()).as("fetches made by build()").isZero();
  }

  @Test
  void failFast_serverUp_buildFetchesOnceAndFirstTokenNeedsNoFetch() {
    AuthEngine engine =
        AuthEngine.builder().issuer(issuer()).prefetchKeys(PrefetchMode.FAIL_FAST).build();
    assertThat(server.requests()).as("fetches made by build()").isEqualTo(1);
    assertAccepted(engine, token(TestKeys.RSA));
    assertThat(server.requests()).as("fetches after the first token").isEqualTo(1);
  }

  @Test
  void failFast_serverAnswers500_buildThrowsNamingIssuerAndStatus() {
    server.serve(500, "text/plain", "database password is hunter2".getBytes(UTF_8));
    assertThatThrownBy(
            () ->
                AuthEngine.builder().issuer(issuer()).prefetchKeys(PrefetchMode.FAIL_FAST).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("issuer " + Jws.ISS)
        .hasMessageContaining("HTTP 500 Internal Server Error from " + server.uri("/jwks.json"))
        .hasMessageNotContaining("hunter2")
        .hasNoCause();
  }

  @Test
  void failFast_serverDown_buildThrowsNamingTheConnectFailure() {
    server.goDown();
    assertThatThrownBy(
            () ->
                AuthEngine.builder().issuer(issuer()).prefetchKeys(PrefetchMode.FAIL_FAST).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("issuer " + Jws.ISS)
        .hasMessageContaining("could not connect");
  }

  @Test
  void failFast_jwksUriWithCredentialInQuery_messageShowsPlaceholderNotCredential() {
    server.serve(503, "text/plain", new byte[0]);
    Issuer issuer = issuer(Jws.ISS, server.uri("/jwks.json?access_token=" + SECRET)).build();
    assertThatThrownBy(
            () -> AuthEngine.builder().issuer(issuer).prefetchKeys(PrefetchMode.FAIL_FAST).build())
        .hasMessageContaining("HTTP 503")
        .hasMessageContaining("/jwks.json?<query>")
        .hasMessageNotContaining(SECRET);
  }

  @Test
  void failFast_fetchedSetWithOnlyADroppedKey_buildThrowsNoUsableKey() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(1024);
    RSAKey weak =
        new RSAKey.Builder((RSAPublicKey) g.generateKeyPair().getPublic()).keyID("weak").build();
    server.serve(TestKeys.publicSet(weak));
    assertThatThrownBy(
            () ->
                AuthEngine.builder().issuer(issuer()).prefetchKeys(PrefetchMode.FAIL_FAST).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("issuer " + Jws.ISS)
        .hasMessageContaining("no usable key");
  }

  @Test
  void failFast_slowServer_buildFailsWithinTheIssuersDeadline() {
    server.serveSlowly(TestKeys.publicSet(TestKeys.RSA), Duration.ofSeconds(15));
    Issuer issuer = issuer();
    IllegalStateException e =
        assertTimeoutPreemptively(
            BOUND,
            () -> {
              try {
                AuthEngine.builder().issuer(issuer).prefetchKeys(PrefetchMode.FAIL_FAST).build();
                return null;
              } catch (IllegalStateException thrown) {
                return thrown;
              }
            });
    assertThat(e).as("build() of an engine whose JWKS never answers").isNotNull();
    assertThat(e.getMessage()).containsAnyOf("timed out", "no complete answer");
  }

  @Test
  void failFast_twoIssuersOneFailing_namesOnlyTheFailingOne() {
    try (StubHttpServer broken = StubHttpServer.start()) {
      broken.serve(502, "text/plain", new byte[0]);
      assertThatThrownBy(
              () ->
                  AuthEngine.builder()
                      .issuer(issuer())
                      .issuer(issuer("https://other.example.com", broken.uri("/keys")).build())
                      .prefetchKeys(PrefetchMode.FAIL_FAST)
                      .build())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("1 of 2 issuers")
          .hasMessageContaining("issuer https://other.example.com: HTTP 502")
          .hasMessageNotContaining("issuer " + Jws.ISS + ":");
    }
  }

  @Test
  void failFast_twoIssuers_fetchesRunInParallel() {
    // Each server holds its request until the other has received one: fetched one after the
    // other, the first fetch would wait out its deadline and fail the build.
    CountDownLatch firstArrived = new CountDownLatch(1);
    CountDownLatch secondArrived = new CountDownLatch(1);
    byte[] keys = TestKeys.publicSet(TestKeys.RSA).toString().getBytes(UTF_8);
    try (StubHttpServer second = StubHttpServer.start()) {
      server.behave(
          (exchange, closed) -> {
            firstArrived.countDown();
            secondArrived.await(10, TimeUnit.SECONDS);
            answer(exchange, keys);
          });
      second.behave(
          (exchange, closed) -> {
            secondArrived.countDown();
            firstArrived.await(10, TimeUnit.SECONDS);
            answer(exchange, keys);
          });
      AuthEngine.builder()
          .issuer(issuer())
          .issuer(issuer("https://other.example.com", second.uri("/keys")).build())
          .prefetchKeys(PrefetchMode.FAIL_FAST)
          .build();
      assertThat(server.requests() + second.requests()).isEqualTo(2);
    }
  }

  private static void answer(com.sun.net.httpserver.HttpExchange exchange, byte[] body)
      throws java.io.IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, body.length);
    try (java.io.OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Test
  void failFast_staticIssuerOnly_buildsWithoutFetching() {
    AuthEngine engine =
        AuthEngine.builder()
            .issuer(
                Issuer.builder(Jws.ISS)
                    .jwks(TestKeys.publicSet(TestKeys.RSA))
                    .audiences(Jws.AUD)
                    .algorithms("RS256")
                    .build())
            .prefetchKeys(PrefetchMode.FAIL_FAST)
            .build();
    assertAccepted(engine, token(TestKeys.RSA));
  }

  @Test
  void logAndContinue_serverAnswers500_buildsAndLogsOneLineNamingIssuerAndStatus() {
    server.serve(500, "text/plain", "stack trace with hunter2".getBytes(UTF_8));
    try (CapturedLog log = CapturedLog.of(AuthEngine.class)) {
      AuthEngine.builder().issuer(issuer()).prefetchKeys(PrefetchMode.LOG_AND_CONTINUE).build();
      assertThat(log.lines())
          .singleElement()
          .satisfies(
              line ->
                  assertThat(line)
                      .startsWith("WARNING")
                      .contains("issuer " + Jws.ISS)
                      .contains("HTTP 500 Internal Server Error from " + server.uri("/jwks.json"))
                      .doesNotContain("hunter2"));
    }
  }

  @Test
  void logAndContinue_serverAnswers500_fetchLogLineCarriesTheStatus() {
    server.serve(500, "text/plain", new byte[0]);
    try (CapturedLog log = CapturedLog.of("dev.bulwark.auth.internal.jwks.RemoteKeySource")) {
      AuthEngine.builder().issuer(issuer()).prefetchKeys(PrefetchMode.LOG_AND_CONTINUE).build();
      assertThat(log.lines())
          .containsExactly(
              "WARNING JWKS fetch failed: HTTP 500 Internal "
                  + "Server Error from "
                  + server.uri("/jwks.json"));
    }
  }

  @Test
  void logAndContinue_serverFailingAtBuild_tokensRefusedUntilAFetchSucceeds() {
    server.serve(500, "text/plain", new byte[0]);
    AuthEngine engine =
        AuthEngine.builder().issuer(issuer()).prefetchKeys(PrefetchMode.LOG_AND_CONTINUE).build();
    assertRefused(engine, token(TestKeys.RSA), FailureReason.KEYS_UNAVAILABLE);

    server.serve(TestKeys.publicSet(TestKeys.RSA));
    clock.advance(RATE_LIMIT.plusMillis(50));

    assertAccepted(engine, token(TestKeys.RSA));
    KeySetHealth health = engine.keySetHealth().get(0);
    assertThat(health.keysAvailable()).isTrue();
    assertThat(health.consecutiveFailures()).isZero();
    assertThat(health.lastError()).hasValue("HTTP 500 Internal Server Error");
  }

  @Test
  void prefetchKeys_setTwice_throwsNamingBothValues() {
    AuthEngine.Builder b = AuthEngine.builder().prefetchKeys(PrefetchMode.FAIL_FAST);
    assertThatThrownBy(() -> b.prefetchKeys(PrefetchMode.NONE))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("prefetchKeys was already set to FAIL_FAST, cannot set it again to NONE");
  }

  @Test
  void prefetchKeys_null_throwsNamingTheSetting() {
    assertThatThrownBy(() -> AuthEngine.builder().prefetchKeys(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("prefetchKeys");
  }

  @Test
  void defaultPrefetchMode_isNone() {
    assertThat(AuthEngine.Builder.DEFAULT_PREFETCH_KEYS).isEqualTo(PrefetchMode.NONE);
  }
}
