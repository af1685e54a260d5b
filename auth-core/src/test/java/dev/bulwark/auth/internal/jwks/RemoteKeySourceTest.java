/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.internal.jwks;

import static dev.bulwark.auth.testsupport.Jws.claims;
import static dev.bulwark.auth.testsupport.Outcomes.assertAccepted;
import static dev.bulwark.auth.testsupport.Outcomes.assertRefused;
import static dev.bulwark.auth.testsupport.Outcomes.bearer;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.sun.net.httpserver.HttpServer;
import dev.bulwark.auth.AuthEngine;
import dev.bulwark.auth.AuthResult;
import dev.bulwark.auth.FailureReason;
import dev.bulwark.auth.Issuer;
import dev.bulwark.auth.internal.Refusal;
import dev.bulwark.auth.internal.jws.KeyLoader;
import dev.bulwark.auth.testsupport.Jws;
import dev.bulwark.auth.testsupport.MutableClock;
import dev.bulwark.auth.testsupport.Outcomes;
import dev.bulwark.auth.testsupport.StubHttpServer;
import dev.bulwark.auth.testsupport.TestKeys;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URL;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.provider.Arguments;

/**
 * {@link RemoteKeySource}: an issuer whose keys come from a real HTTP server on 127.0.0.1 that the
 * test controls: it rotates keys, goes down, turns slow, and answers with garbage, and the engine
 * keeps to its contract; and the source's own publication order. The JWKS cache runs on the
 * issuer's {@code jwksClock}, which these tests move by hand: no test sleeps to let the TTL, the
 * rate limit or the outage tolerance pass. Fetch timeouts are real time, so a slow server still
 * costs a test up to its deadline; every test is bounded by {@link Timeout}.
 */
@Timeout(value = 15, unit = TimeUnit.SECONDS)
class RemoteKeySourceTest {
  private static final Duration TTL = Duration.ofSeconds(1); // the shortest the builder allows
  private static final Duration REFRESH_AHEAD = Duration.ofMillis(100);
  private static final Duration RATE_LIMIT = Duration.ofMillis(200);

  /**
   * Generous for a loopback fetch on a loaded 2-core machine; ahead + timeout must stay under TTL.
   */
  private static final Duration TIMEOUT = Duration.ofMillis(800);

  private static final int SIZE_LIMIT = 16 * 1024;

  /** Past the TTL with room for a loaded machine. */
  private static final Duration PAST_TTL = TTL.plusMillis(150);

  /** A bound on one authentication that a fetch may block: the timeout with generous room. */
  private static final Duration BOUND = TIMEOUT.multipliedBy(4).plusSeconds(1);

  private StubHttpServer server;

  /** Times the JWKS cache of every issuer built here. */
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T12:00:00Z"));

  @BeforeAll
  static void warmUp() throws Exception {
    // Key generation and the first use of the JDK's HTTP client take seconds on a loaded machine;
    // pay for them here, not inside the first test's fetch timeout.
    try (StubHttpServer warm = StubHttpServer.start()) {
      warm.serve(TestKeys.publicSet(TestKeys.RSA, TestKeys.RSA_2, TestKeys.ATTACKER_RSA));
      java.net.HttpURLConnection c =
          (java.net.HttpURLConnection) warm.uri("/jwks.json").toURL().openConnection();
      try (java.io.InputStream in = c.getInputStream()) {
        in.readAllBytes();
      }
    }
  }

  @BeforeEach
  void startServer() {
    server = StubHttpServer.start();
    server.serve(TestKeys.publicSet(TestKeys.RSA));
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  private Issuer.Builder issuer(
      StubHttpServer server, Duration ttl, Duration outageTolerance, Duration rateLimit) {
    return Issuer.builder(Jws.ISS)
        .jwks(server.uri("/jwks.json"))
        .audiences(Jws.AUD)
        .algorithms("RS256")
        .jwksCacheTtl(ttl)
        .jwksRefreshAhead(REFRESH_AHEAD)
        .jwksRateLimit(rateLimit)
        .jwksOutageTolerance(outageTolerance)
        .jwksTimeout(TIMEOUT)
        .jwksSizeLimit(SIZE_LIMIT)
        .jwksClock(clock);
  }

  private AuthEngine engine(StubHttpServer server, Duration outageTolerance) {
    return AuthEngine.builder()
        .issuer(issuer(server, TTL, outageTolerance, RATE_LIMIT).build())
        .build();
  }

  private AuthEngine engine(Duration outageTolerance) {
    return engine(server, outageTolerance);
  }

  private AuthEngine engine() {
    return engine(Duration.ofMinutes(1));
  }

  /** A fresh token (its own jti, so never a verified-token cache hit) signed with {@code key}. */
  private static String token(RSAKey key) {
    return bearer(Jws.sign(key, "RS256", claims(Instant.now())));
  }

  @Test
  void firstToken_isAcceptedAfterOneFetch() {
    assertAccepted(engine(), token(TestKeys.RSA));
    assertThat(server.requests()).isEqualTo(1);
  }

  @Test
  void newKid_appearingOnServer_isAcceptedAfterAtMostOneFetch() throws Exception {
    AuthEngine engine = engine();
    assertAccepted(engine, token(TestKeys.RSA));
    server.serve(TestKeys.publicSet(TestKeys.RSA, TestKeys.RSA_2));
    clock.advance(RATE_LIMIT.plusMillis(50));
    int before = server.requests();
    assertAccepted(engine, token(TestKeys.RSA_2));
    assertThat(server.requests() - before).as("fetches for the new kid").isLessThanOrEqualTo(1);
  }

  @Test
  void removedKey_freshTokenSignedWithIt_isRefusedAfterRefresh() throws Exception {
    AuthEngine engine = engine();
    assertAccepted(engine, token(TestKeys.RSA));
    server.serve(TestKeys.publicSet(TestKeys.RSA_2));
    clock.advance(PAST_TTL);
    assertAccepted(engine, token(TestKeys.RSA_2)); // the refresh has happened
    assertRefused(engine, token(TestKeys.RSA), FailureReason.UNKNOWN_KEY);
  }

  @Test
  void removedKey_tokenInVerifiedTokenCache_isRefusedAfterRefresh() throws Exception {
    AuthEngine engine = engine();
    String cached = token(TestKeys.RSA);
    assertAccepted(engine, cached);
    assertAccepted(engine, cached); // now a cache hit
    server.serve(TestKeys.publicSet(TestKeys.RSA_2));
    clock.advance(PAST_TTL);
    assertAccepted(engine, token(TestKeys.RSA_2)); // the refresh has happened
    assertRefused(engine, cached, FailureReason.UNKNOWN_KEY);
  }

  @Test
  void kidReusedForANewKey_tokenOfOldKeyInCache_isRefusedAsBadSignature() throws Exception {
    // The operator replaces a compromised key but keeps its kid: the cache must not vouch for
    // tokens the old key signed just because the kid still resolves.
    AuthEngine engine = engine();
    String cached = token(TestKeys.RSA);
    assertAccepted(engine, cached);
    server.serve(TestKeys.publicSet(TestKeys.relabel(TestKeys.RSA_2, "rsa-1")));
    clock.advance(PAST_TTL);
    assertAccepted(engine, token(TestKeys.relabel(TestKeys.RSA_2, "rsa-1")));
    assertRefused(engine, cached, FailureReason.BAD_SIGNATURE);
  }

  @Test
  void serverDown_withinOutageTolerance_lastGoodKeysStillVerify() throws Exception {
    AuthEngine engine = engine(Duration.ofSeconds(3));
    assertAccepted(engine, token(TestKeys.RSA));
    server.goDown();
    clock.advance(PAST_TTL);
    assertAccepted(engine, token(TestKeys.RSA));
  }

  @Test
  void serverDown_pastOutageTolerance_isRefusedAsKeysUnavailable() throws Exception {
    Duration tolerance = TTL.plusMillis(300);
    AuthEngine engine = engine(tolerance);
    assertAccepted(engine, token(TestKeys.RSA));
    server.goDown();
    clock.advance(tolerance.plusMillis(300));
    assertRefused(engine, token(TestKeys.RSA), FailureReason.KEYS_UNAVAILABLE);
  }

  @Test
  void slowServer_onFirstFetch_answersWithinBoundAsKeysUnavailable() {
    server.serveSlowly(TestKeys.publicSet(TestKeys.RSA), Duration.ofSeconds(10));
    AuthEngine engine = engine();
    AuthResult result =
        assertTimeoutPreemptively(BOUND, () -> Outcomes.authenticate(engine, token(TestKeys.RSA)));
    assertThat(result.isAuthenticated()).isFalse();
    assertThat(result.failureReason()).isEqualTo(FailureReason.KEYS_UNAVAILABLE);
  }

  @Test
  void slowServer_concurrentFirstRequests_allAnswerWithinBound() {
    // Threads queued behind the one fetching must not wait longer than the fetch itself may take.
    server.serveSlowly(TestKeys.publicSet(TestKeys.RSA), Duration.ofSeconds(10));
    AuthEngine engine = engine();
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<AuthResult>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        String token = token(TestKeys.RSA);
        results.add(pool.submit(() -> Outcomes.authenticate(engine, token)));
      }
      List<AuthResult> answers =
          assertTimeoutPreemptively(
              BOUND.multipliedBy(2),
              () -> {
                List<AuthResult> all = new ArrayList<>();
                for (Future<AuthResult> f : results) {
                  all.add(f.get());
                }
                return all;
              });
      assertThat(answers).extracting(AuthResult::isAuthenticated).containsOnly(false);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void slowServer_onRefresh_answersWithinBoundWithLastGoodKeys() throws Exception {
    AuthEngine engine = engine();
    assertAccepted(engine, token(TestKeys.RSA));
    server.serveSlowly(TestKeys.publicSet(TestKeys.RSA), Duration.ofSeconds(10));
    clock.advance(PAST_TTL);
    AuthResult result =
        assertTimeoutPreemptively(BOUND, () -> Outcomes.authenticate(engine, token(TestKeys.RSA)));
    assertThat(result.isAuthenticated()).as("%s", result).isTrue();
  }

  @Test
  void tricklingServer_eachByteWithinReadTimeout_answersWithinBound() {
    // One byte every 100 ms never trips a per-read timeout of 400 ms; only a deadline on the whole
    // fetch stops a server that would otherwise hold the request for a minute.
    server.trickle(
        TestKeys.publicSet(TestKeys.RSA).toString().getBytes(UTF_8), Duration.ofMillis(100));
    AuthEngine engine = engine();
    AuthResult result =
        assertTimeoutPreemptively(BOUND, () -> Outcomes.authenticate(engine, token(TestKeys.RSA)));
    assertThat(result.isAuthenticated()).isFalse();
    assertThat(result.failureReason()).isEqualTo(FailureReason.KEYS_UNAVAILABLE);
  }

  @Test
  void tricklingServer_repeatedFetches_holdAtMostOneConnection() {
    // The caller is answered at the deadline, but an abandoned fetch that keeps reading is a
    // thread and a socket held for as long as the server drips (hours for a 256 KiB limit).
    server.trickle(
        TestKeys.publicSet(TestKeys.RSA).toString().getBytes(UTF_8), Duration.ofMillis(100));
    AuthEngine engine =
        AuthEngine.builder()
            .issuer(
                Issuer.builder(Jws.ISS)
                    .jwks(server.uri("/jwks.json"))
                    .audiences(Jws.AUD)
                    .algorithms("RS256")
                    .jwksCacheTtl(TTL)
                    .jwksRefreshAhead(REFRESH_AHEAD)
                    .jwksRateLimit(RATE_LIMIT)
                    .jwksTimeout(Duration.ofMillis(200))
                    .build())
            .build();
    for (int i = 0; i < 4; i++) {
      assertRefused(engine, token(TestKeys.RSA), FailureReason.KEYS_UNAVAILABLE);
    }
    assertThat(server.inFlight())
        .as("connections the engine still holds to the server")
        .isLessThanOrEqualTo(1);
  }

  /** A valid JWKS with the issuer's key and an attacker's, padded past the size limit. */
  private static byte[] oversizeJwksWithAttackerKey() {
    String jwks = TestKeys.publicSet(TestKeys.RSA, TestKeys.ATTACKER_RSA).toString();
    String padded =
        jwks.substring(0, jwks.length() - 1) + ",\"pad\":\"" + "x".repeat(SIZE_LIMIT) + "\"}";
    return padded.getBytes(UTF_8);
  }

  static Stream<Arguments> badBodies() {
    byte[] random = new byte[2048];
    ThreadLocalRandom.current().nextBytes(random);
    return Stream.of(
        Arguments.of("random bytes", 200, "application/json", random),
        Arguments.of(
            "HTML error page",
            200,
            "text/html",
            "<html><body><h1>502 Bad Gateway</h1></body></html>".getBytes(UTF_8)),
        Arguments.of("empty body", 200, "application/json", new byte[0]),
        Arguments.of(
            "keys not an array", 200, "application/json", "{\"keys\":\"rsa-1\"}".getBytes(UTF_8)),
        Arguments.of(
            "truncated JWKS",
            200,
            "application/json",
            TestKeys.publicSet(TestKeys.RSA).toString().substring(0, 100).getBytes(UTF_8)),
        Arguments.of(
            "HTTP 500",
            500,
            "application/json",
            TestKeys.publicSet(TestKeys.ATTACKER_RSA).toString().getBytes(UTF_8)),
        Arguments.of("oversize JWKS", 200, "application/json", oversizeJwksWithAttackerKey()));
  }

  @Test
  void badJwksBodies_afterTtl_lastGoodKeysStillDecide() throws Exception {
    // After each bad body the last good keys still decide: the issuer's token is accepted, a
    // forgery under the issuer's kid refused. One server and engine per body, all past their TTL
    // together: one move of the clock for every case.
    List<Arguments> cases = badBodies().collect(Collectors.toList());
    List<StubHttpServer> servers = new ArrayList<>();
    List<AuthEngine> engines = new ArrayList<>();
    try {
      for (Arguments a : cases) {
        StubHttpServer s = StubHttpServer.start();
        servers.add(s);
        s.serve(TestKeys.publicSet(TestKeys.RSA));
        AuthEngine e = engine(s, Duration.ofMinutes(1));
        engines.add(e);
        assertAccepted(e, token(TestKeys.RSA));
        Object[] args = a.get();
        s.serve((Integer) args[1], (String) args[2], (byte[]) args[3]);
      }
      clock.advance(PAST_TTL);
      List<String> wrong = new ArrayList<>();
      for (int i = 0; i < cases.size(); i++) {
        String name = (String) cases.get(i).get()[0];
        int before = servers.get(i).requests();
        AuthResult r = Outcomes.authenticate(engines.get(i), token(TestKeys.RSA));
        if (!r.isAuthenticated()) {
          wrong.add(name + ": " + r);
        } else if (servers.get(i).requests() == before) {
          wrong.add(name + ": the bad body was never fetched");
        }
        AuthResult forged =
            Outcomes.authenticate(
                engines.get(i), token(TestKeys.relabel(TestKeys.ATTACKER_RSA, "rsa-1")));
        if (forged.isAuthenticated() || forged.failureReason() != FailureReason.BAD_SIGNATURE) {
          wrong.add(name + ": forged token gave " + forged);
        }
      }
      assertThat(wrong).as("bodies after which the last good keys did not decide").isEmpty();
    } finally {
      servers.forEach(StubHttpServer::close);
    }
  }

  @Test
  void oversizeJwksBody_carryingAttackerKey_attackerTokenIsRefusedAsUnknownKey() throws Exception {
    AuthEngine engine = engine();
    assertAccepted(engine, token(TestKeys.RSA));
    server.serve(200, "application/json", oversizeJwksWithAttackerKey());
    clock.advance(PAST_TTL);
    assertRefused(engine, token(TestKeys.ATTACKER_RSA), FailureReason.UNKNOWN_KEY);
  }

  @Test
  void oversizeJwksBody_onFirstFetch_isRefusedAsKeysUnavailable() {
    server.serve(200, "application/json", oversizeJwksWithAttackerKey());
    assertRefused(engine(), token(TestKeys.RSA), FailureReason.KEYS_UNAVAILABLE);
  }

  @Test
  void redirectToAttackerServer_isNotFollowed() {
    try (StubHttpServer attacker = StubHttpServer.start()) {
      attacker.serve(TestKeys.publicSet(TestKeys.ATTACKER_RSA));
      server.redirect(attacker.uri("/jwks.json"));
      Outcomes.authenticate(engine(), token(TestKeys.ATTACKER_RSA));
      assertThat(attacker.requests()).as("requests that reached the redirect target").isZero();
    }
  }

  @Test
  void concurrentFirstRequests_causeOneFetch() throws Exception {
    AuthEngine engine = engine();
    int threads = 8;
    java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<AuthResult>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        String token = token(TestKeys.RSA);
        results.add(
            pool.submit(
                () -> {
                  start.await(5, TimeUnit.SECONDS);
                  return Outcomes.authenticate(engine, token);
                }));
      }
      for (Future<AuthResult> f : results) {
        assertThat(f.get(10, TimeUnit.SECONDS).isAuthenticated()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(server.requests())
        .as("fetches for %d concurrent first requests", threads)
        .isEqualTo(1);
  }

  /** A token for a random kid nobody published, with a random signature: cheap to make in bulk. */
  private static String unknownKidToken() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    String header = Jws.b64(Jws.json(Jws.header("RS256", "kid-" + Long.toHexString(r.nextLong()))));
    byte[] sig = new byte[256];
    r.nextBytes(sig);
    return bearer(header + "." + Jws.b64(Jws.json(claims(Instant.now()))) + "." + Jws.b64(sig));
  }

  @Test
  void sustainedFloodOfUnknownKids_causesAtMostOneFetchPerRateLimitWindow() throws Exception {
    Duration window = Duration.ofMillis(250);
    AuthEngine engine =
        AuthEngine.builder()
            .issuer(issuer(server, Duration.ofSeconds(30), Duration.ofMinutes(1), window).build())
            .build();
    assertAccepted(engine, token(TestKeys.RSA));
    int before = server.requests();
    // 200 unknown kids, one every 5 ms of the issuer's clock: the flood spans 995 ms.
    int refused = 0;
    Duration step = Duration.ofMillis(5);
    for (int i = 0; i < 200; i++) {
      AuthResult r = Outcomes.authenticate(engine, unknownKidToken());
      assertThat(r.isAuthenticated()).isFalse();
      refused++;
      if (i < 199) {
        clock.advance(step);
      }
    }
    long elapsed = step.toMillis() * 199;
    long windows = elapsed / window.toMillis() + 1;
    assertThat(server.requests() - before)
        .as("fetches caused by %d unknown kids over %d ms (%d windows)", refused, elapsed, windows)
        .isLessThanOrEqualTo((int) windows);
  }

  @Test
  void floodOfUnknownKids_causesAtMostOneFetchPerRateLimitWindow() throws Exception {
    Duration window = Duration.ofSeconds(10); // far longer than the flood takes
    AuthEngine engine =
        AuthEngine.builder()
            .issuer(issuer(server, Duration.ofSeconds(30), Duration.ofMinutes(1), window).build())
            .build();
    assertAccepted(engine, token(TestKeys.RSA));
    int before = server.requests();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<FailureReason>>> parts = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        parts.add(
            pool.submit(
                () -> {
                  List<FailureReason> reasons = new ArrayList<>();
                  for (int i = 0; i < 250; i++) {
                    AuthResult r = Outcomes.authenticate(engine, unknownKidToken());
                    reasons.add(r.isAuthenticated() ? null : r.failureReason());
                  }
                  return reasons;
                }));
      }
      List<FailureReason> all = new ArrayList<>();
      for (Future<List<FailureReason>> f : parts) {
        all.addAll(f.get(10, TimeUnit.SECONDS));
      }
      assertThat(all).hasSize(1000).containsOnly(FailureReason.UNKNOWN_KEY);
    } finally {
      pool.shutdownNow();
    }
    assertThat(server.requests() - before)
        .as("fetches caused by 1,000 unknown kids")
        .isLessThanOrEqualTo(1);
  }

  @Test
  void current_serverTricklesBodyPastDeadline_atMostOneFetchInFlight() throws Exception {
    AtomicInteger requests = new AtomicInteger();
    ExecutorService handlers =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "trickling-jwks-server");
              t.setDaemon(true);
              return t;
            });
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(handlers);
    server.createContext(
        "/jwks",
        exchange -> {
          requests.incrementAndGet();
          exchange.sendResponseHeaders(200, 100_000);
          try (OutputStream out = exchange.getResponseBody()) {
            for (int i = 0; i < 100_000; i++) {
              out.write(' ');
              out.flush();
              Thread.sleep(
                  10); // each read returns well within the read timeout; the body never ends
            }
          } catch (InterruptedException | java.io.IOException e) {
            // the test is over
          }
        });
    server.start();
    try {
      URL url = new URL("http://127.0.0.1:" + server.getAddress().getPort() + "/jwks");
      AtomicLong ticker = new AtomicLong(clock.millis());
      RemoteKeySource source =
          new RemoteKeySource(
              url,
              Duration.ofSeconds(10),
              Duration.ofSeconds(1),
              Duration.ofMillis(100),
              Duration.ofHours(1),
              Duration.ofMillis(500),
              256 * 1024,
              KeyLoader.DEFAULT_MAX_RSA_MODULUS_BITS,
              ticker::get);
      for (int i = 0; i < 8; i++) {
        try {
          source.current();
        } catch (Refusal expected) {
          // KEYS_UNAVAILABLE: the fetch never completes
        }
        ticker.addAndGet(200); // past the rate limit, so that each call tries to fetch
      }
      // The first call waits for its deadline (1 s) and abandons the fetch, which is still
      // reading when the next calls come: without the single in-flight rule, every later call
      // would open another connection.
      assertThat(requests.get()).isEqualTo(1);
    } finally {
      server.stop(0);
      handlers.shutdownNow();
    }
  }

  private static JWK ecKey(String kid) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return new ECKey.Builder(Curve.P_256, (ECPublicKey) g.generateKeyPair().getPublic())
        .keyID(kid)
        .build();
  }

  @Test
  void convert_olderFetchConvertedAfterNewerOne_newerSetStaysPublished() throws Exception {
    // Port 9 refuses connections: current() falls back to the published set.
    RemoteKeySource source =
        new RemoteKeySource(
            new URL("http://127.0.0.1:9/jwks"),
            Duration.ofMinutes(5),
            Duration.ofSeconds(30),
            Duration.ofSeconds(30),
            Duration.ofHours(1),
            Duration.ofMillis(200),
            65536);
    JWK rotatedOut = ecKey("old");
    JWK fresh = ecKey("new");
    var older = new RemoteKeySource.SequencedJwkSet(List.of(rotatedOut, fresh), 1);
    var newer = new RemoteKeySource.SequencedJwkSet(List.of(fresh), 2);
    long now = System.currentTimeMillis();

    source.convert(newer, now + 10);
    source.convert(older, now); // the thread that fetched first resumes late

    assertThat(source.current().byKid("old")).isNull();
  }

  @Test
  void keyRemovedFromFetchedSet_cachedTokenOfThatKey_isRefusedAfterUnknownKidRefresh() {
    // The TTL is far off: only the refresh for the new key's unknown kid brings the rotation in.
    AuthEngine engine =
        AuthEngine.builder()
            .issuer(
                issuer(server, Duration.ofMinutes(5), Duration.ofMinutes(1), RATE_LIMIT).build())
            .build();
    String cached = token(TestKeys.RSA);
    assertAccepted(engine, cached);
    assertAccepted(engine, cached); // now a cache hit
    server.serve(TestKeys.publicSet(TestKeys.RSA_2));
    assertAccepted(engine, token(TestKeys.RSA_2));
    assertRefused(engine, cached, FailureReason.UNKNOWN_KEY);
  }

  @Test
  void weakKeyInFetchedSet_isDroppedAndTheOtherKeysWork() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(1024);
    RSAKey weak =
        new RSAKey.Builder((RSAPublicKey) g.generateKeyPair().getPublic()).keyID("weak").build();
    server.serve(TestKeys.publicSet(weak, TestKeys.RSA));
    assertAccepted(engine(), token(TestKeys.RSA));
  }

  @Test
  void p256KeyWithUnreducedYInFetchedSet_isDroppedAndTheGoodKeysStillVerify() throws Exception {
    // y + p (33 bytes): the JDK's EC key factory throws a bare RuntimeException on it.
    ECKey good = TestKeys.EC.toPublicJWK();
    BigInteger p = ((ECFieldFp) good.toECPublicKey().getParams().getCurve().getField()).getP();
    ECKey bad =
        new ECKey.Builder(
                Curve.P_256, good.getX(), Base64URL.encode(good.getY().decodeToBigInteger().add(p)))
            .keyID("unreduced")
            .build();
    server.serve(TestKeys.publicSet(bad, TestKeys.RSA, TestKeys.EC));
    AuthEngine engine =
        AuthEngine.builder()
            .issuer(
                Issuer.builder(Jws.ISS)
                    .jwks(server.uri("/jwks.json"))
                    .audiences(Jws.AUD)
                    .algorithms("RS256", "ES256")
                    .jwksTimeout(TIMEOUT)
                    .build())
            .build();
    assertAccepted(engine, token(TestKeys.RSA));
    assertAccepted(engine, bearer(Jws.sign(TestKeys.EC, "ES256", claims(Instant.now()))));
  }

  @Test
  void serverFailingFromTheStart_isRefusedAsKeysUnavailable() {
    server.serve(500, "application/json", "oops".getBytes(UTF_8));
    assertRefused(engine(), token(TestKeys.RSA), FailureReason.KEYS_UNAVAILABLE);
  }

  @Test
  void refreshWithUnchangedKeys_keepsCachedTokens() throws Exception {
    AuthEngine engine = engine();
    String t = token(TestKeys.RSA);
    AuthResult first = Outcomes.authenticate(engine, t);
    int before = server.requests();
    clock.advance(PAST_TTL);
    assertThat(Outcomes.authenticate(engine, t)).isSameAs(first);
    assertThat(server.requests()).as("fetches after the TTL").isGreaterThan(before);
  }
}
