/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A remote JWKS served by a JDK HttpServer on 127.0.0.1. */
class RemoteJwksTest {
  private static final TestTokens OLD = TestTokens.rsa("old");
  private static final TestTokens NEW = TestTokens.ec("new");

  private final AtomicReference<String> body = new AtomicReference<>();
  private final AtomicInteger status = new AtomicInteger(200);
  private final AtomicInteger fetches = new AtomicInteger();
  private HttpServer server;
  private URI uri;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/jwks", exchange -> {
      fetches.incrementAndGet();
      byte[] b = body.get().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(status.get(), b.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(b);
      }
    });
    server.start();
    uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/jwks");
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private AuthEngine engine(Duration ttl) {
    return AuthEngine.builder()
        .issuer(Issuer.builder(TestTokens.ISS).jwks(uri).audiences(TestTokens.AUD)
            .algorithms("RS256", "ES256").jwksCacheTtl(ttl).jwksRefreshAhead(Duration.ZERO)
            .jwksRateLimit(Duration.ofSeconds(30).compareTo(ttl) < 0 ? Duration.ofSeconds(30)
                : ttl.dividedBy(2))
            .jwksTimeout(Duration.ofSeconds(5))
            .build())
        .build();
  }

  private static String bearer(TestTokens keys) {
    return "Bearer " + keys.mint(TestTokens.claims(Instant.now().getEpochSecond()));
  }

  @Test
  void keyRemovedFromRemoteSet_cachedTokenOfThatKeyIsRefused() {
    body.set(new JWKSet(OLD.publicJwk).toString());
    AuthEngine e = engine(Duration.ofMinutes(5));
    String oldToken = bearer(OLD);
    assertThat(e.authenticate(oldToken).isAuthenticated()).isTrue();
    assertThat(e.authenticate(oldToken).isAuthenticated()).isTrue(); // a cache hit
    // Rotation: the issuer now publishes only the new key, and a token of it arrives.
    body.set(new JWKSet(NEW.publicJwk).toString());
    assertThat(e.authenticate(bearer(NEW)).isAuthenticated()).isTrue();
    assertThat(e.authenticate(oldToken).failureReason()).isEqualTo(FailureReason.UNKNOWN_KEY);
  }

  @Test
  void floodOfUnknownKids_causesAtMostOneFetchPerWindow() {
    body.set(new JWKSet(OLD.publicJwk).toString());
    AuthEngine e = engine(Duration.ofMinutes(5));
    assertThat(e.authenticate(bearer(OLD)).isAuthenticated()).isTrue();
    int before = fetches.get();
    for (int i = 0; i < 200; i++) {
      String t = OLD.mint("{\"alg\":\"RS256\",\"kid\":\"unknown-" + i + "\"}",
          TestTokens.claims(Instant.now().getEpochSecond()));
      assertThat(e.authenticate("Bearer " + t).failureReason())
          .isEqualTo(FailureReason.UNKNOWN_KEY);
    }
    assertThat(fetches.get() - before).isLessThanOrEqualTo(1);
  }

  @Test
  void weakKeyInRemoteSet_isDroppedAndOtherKeysWork() throws Exception {
    java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("RSA");
    g.initialize(1024);
    com.nimbusds.jose.jwk.RSAKey weak = new com.nimbusds.jose.jwk.RSAKey.Builder(
        (java.security.interfaces.RSAPublicKey) g.generateKeyPair().getPublic()).keyID("weak")
        .build();
    body.set(new JWKSet(java.util.List.of(weak, OLD.publicJwk)).toString());
    AuthEngine e = engine(Duration.ofMinutes(5));
    assertThat(e.authenticate(bearer(OLD)).isAuthenticated()).isTrue();
  }

  @Test
  void p256KeyWithUnreducedYInRemoteSet_isDroppedAndTheGoodKeysStillVerify() throws Exception {
    // y + p (33 bytes): the JDK's EC key factory throws a bare RuntimeException on it.
    com.nimbusds.jose.jwk.ECKey good = (com.nimbusds.jose.jwk.ECKey) NEW.publicJwk;
    java.math.BigInteger p = ((java.security.spec.ECFieldFp) good.toECPublicKey().getParams()
        .getCurve().getField()).getP();
    java.math.BigInteger y = good.getY().decodeToBigInteger().add(p);
    com.nimbusds.jose.jwk.ECKey bad = new com.nimbusds.jose.jwk.ECKey.Builder(
        com.nimbusds.jose.jwk.Curve.P_256, good.getX(),
        com.nimbusds.jose.util.Base64URL.encode(y)).keyID("unreduced").build();
    body.set(new JWKSet(java.util.List.of(bad, OLD.publicJwk, NEW.publicJwk)).toString());
    AuthEngine e = engine(Duration.ofMinutes(5));
    assertThat(e.authenticate(bearer(OLD)).isAuthenticated()).isTrue();
    assertThat(e.authenticate(bearer(NEW)).isAuthenticated()).isTrue();
  }

  @Test
  void p256KeyWithUnreducedYInStaticSet_failsBuildNamingTheKid() throws Exception {
    com.nimbusds.jose.jwk.ECKey good = (com.nimbusds.jose.jwk.ECKey) NEW.publicJwk;
    java.math.BigInteger p = ((java.security.spec.ECFieldFp) good.toECPublicKey().getParams()
        .getCurve().getField()).getP();
    com.nimbusds.jose.jwk.ECKey bad = new com.nimbusds.jose.jwk.ECKey.Builder(
        com.nimbusds.jose.jwk.Curve.P_256, good.getX(), com.nimbusds.jose.util.Base64URL.encode(
            good.getY().decodeToBigInteger().add(p))).keyID("unreduced").build();
    String json = new JWKSet(java.util.List.of(bad, OLD.publicJwk)).toString();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Issuer.builder(TestTokens.ISS)
        .jwksJson(json).audiences(TestTokens.AUD).algorithms("RS256", "ES256").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'unreduced'");
  }

  @Test
  @org.junit.jupiter.api.Timeout(value = 60,
      threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
  void serverDrippingBytesSlowly_fetchCutAtDeadline() throws Exception {
    HttpServer slow = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    slow.createContext("/jwks", exchange -> {
      exchange.sendResponseHeaders(200, 100_000);
      try (OutputStream out = exchange.getResponseBody()) {
        for (int i = 0; i < 100_000; i++) {
          out.write(' ');
          out.flush();
          Thread.sleep(100);
        }
      } catch (IOException | InterruptedException e) {
        // the client hung up, as it should
      }
    });
    slow.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    slow.start();
    try {
      AuthEngine e = AuthEngine.builder()
          .issuer(Issuer.builder(TestTokens.ISS)
              .jwks(URI.create("http://127.0.0.1:" + slow.getAddress().getPort() + "/jwks"))
              .audiences(TestTokens.AUD).algorithms("RS256")
              .jwksTimeout(Duration.ofMillis(500)).build())
          .build();
      long start = System.nanoTime();
      assertThat(e.authenticate(bearer(OLD)).failureReason())
          .isEqualTo(FailureReason.KEYS_UNAVAILABLE);
      // Each read arrives within the 500 ms read timeout; only the 1 s deadline ends the fetch
      // (100,000 reads would otherwise take hours). The bound is loose for a loaded machine.
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
    } finally {
      slow.stop(0);
    }
  }

  @Test
  void serverFailingFromTheStart_refusedAsKeysUnavailable() {
    body.set("oops");
    status.set(500);
    AuthEngine e = engine(Duration.ofMinutes(5));
    assertThat(e.authenticate(bearer(OLD)).failureReason())
        .isEqualTo(FailureReason.KEYS_UNAVAILABLE);
  }

  @Test
  void refreshWithUnchangedKeys_keepsCachedTokens() throws Exception {
    body.set(new JWKSet(OLD.publicJwk).toString());
    AuthEngine e = AuthEngine.builder()
        .issuer(Issuer.builder(TestTokens.ISS).jwks(uri).audiences(TestTokens.AUD)
            .algorithms("RS256").jwksCacheTtl(Duration.ofSeconds(1))
            .jwksRefreshAhead(Duration.ZERO).jwksRateLimit(Duration.ofMillis(500))
            .jwksTimeout(Duration.ofMillis(300)).build())
        .build();
    String t = bearer(OLD);
    AuthResult first = e.authenticate(t);
    int before = fetches.get();
    Thread.sleep(1_200);
    assertThat(e.authenticate(t)).isSameAs(first);
    assertThat(fetches.get()).isGreaterThan(before);
  }

  @Test
  void serverFailingBeyondOutageTolerance_refusedAsKeysUnavailable() throws Exception {
    body.set(new JWKSet(OLD.publicJwk).toString());
    AuthEngine e = AuthEngine.builder()
        .issuer(Issuer.builder(TestTokens.ISS).jwks(uri).audiences(TestTokens.AUD)
            .algorithms("RS256").jwksCacheTtl(Duration.ofSeconds(1))
            .jwksRefreshAhead(Duration.ZERO).jwksRateLimit(Duration.ofMillis(500))
            .jwksOutageTolerance(Duration.ofMillis(1_500))
            .jwksTimeout(Duration.ofMillis(300)).build())
        .build();
    String t = bearer(OLD);
    assertThat(e.authenticate(t).isAuthenticated()).isTrue();
    status.set(500);
    Thread.sleep(2_800);
    assertThat(e.authenticate(t).failureReason()).isEqualTo(FailureReason.KEYS_UNAVAILABLE);
  }

  @Test
  void serverFailingAfterTtl_lastGoodKeysStillServed() throws Exception {
    body.set(new JWKSet(OLD.publicJwk).toString());
    AuthEngine e = AuthEngine.builder()
        .issuer(Issuer.builder(TestTokens.ISS).jwks(uri).audiences(TestTokens.AUD)
            .algorithms("RS256").jwksCacheTtl(Duration.ofSeconds(1))
            .jwksRefreshAhead(Duration.ZERO).jwksRateLimit(Duration.ofMillis(500))
            .jwksTimeout(Duration.ofMillis(300)).build())
        .tokenCacheMaximumSize(0)
        .build();
    assertThat(e.authenticate(bearer(OLD)).isAuthenticated()).isTrue();
    status.set(500);
    body.set("{}");
    Thread.sleep(1_200);
    assertThat(e.authenticate(bearer(OLD)).isAuthenticated()).isTrue();
    assertThat(fetches.get()).isGreaterThanOrEqualTo(2);
  }
}
