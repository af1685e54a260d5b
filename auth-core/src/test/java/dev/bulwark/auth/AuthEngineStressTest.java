/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.bulwark.auth.store.InMemoryApiKeyStore;
import dev.bulwark.auth.store.InMemoryRevocationStore;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Eight threads authenticate a mix of valid, invalid and revoked JWTs and API keys for a bounded
 * time while another thread rotates the issuer's keys (a JWKS served by a JDK {@link HttpServer} on
 * 127.0.0.1 whose set changes) and a third writes revocations. No answer may be wrong:
 *
 * <ul>
 *   <li>a credential whose revocation was written before the call started is refused as REVOKED;
 *   <li>a refusal of a valid credential is only allowed as REVOKED, and only once its revocation
 *       has started;
 *   <li>an invalid credential is never accepted, and is refused for its own reason;
 *   <li>a token signed by the never-removed key, unrevoked, is always accepted, with its own
 *       subject;
 *   <li>a token signed by a rotated-in key is never accepted before that key is published; once a
 *       token of that key has been accepted, tokens of it are accepted until its removal starts;
 *       otherwise it may only be refused as UNKNOWN_KEY (the engine has not fetched the key yet).
 * </ul>
 */
class AuthEngineStressTest {
  static final String ISS = "https://id.example.com";
  static final String AUD = "orders-api";
  static final Duration RUN = Duration.ofSeconds(4);
  static final Duration ROTATE_EVERY = Duration.ofMillis(250);
  static final int WORKERS = 8;
  static final int SUBJECTS = 20;
  static final int ROTATING_KEYS = 24;
  static final int TOKENS_PER_ROTATING_KEY = 8;

  HttpServer server;
  ExecutorService pool;

  @AfterEach
  void stop() throws InterruptedException {
    if (pool != null) {
      pool.shutdownNow();
      assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }
    if (server != null) {
      server.stop(0);
    }
  }

  /** One credential the workers present, and what it is. */
  private static final class Case {
    final String kind;
    final String header;
    final String subject; // expected subject when accepted
    final String revocationId; // jti or API key id; null if never revoked
    final int rotatingKey; // index, or -1
    final FailureReason expectedRefusal; // for invalid credentials, else null

    Case(
        String kind,
        String header,
        String subject,
        String revocationId,
        int rotatingKey,
        FailureReason expectedRefusal) {
      this.kind = kind;
      this.header = header;
      this.subject = subject;
      this.revocationId = revocationId;
      this.rotatingKey = rotatingKey;
      this.expectedRefusal = expectedRefusal;
    }
  }

  static String jwt(
      JWK key,
      JWSSigner signer,
      JWSAlgorithm alg,
      String sub,
      String jti,
      String aud,
      Instant iat,
      Instant exp)
      throws Exception {
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(ISS)
            .subject(sub)
            .audience(aud)
            .jwtID(jti)
            .issueTime(Date.from(iat))
            .expirationTime(Date.from(exp))
            .build();
    SignedJWT s =
        new SignedJWT(
            new JWSHeader.Builder(alg).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(),
            claims);
    s.sign(signer);
    return s.serialize();
  }

  @Test
  void authenticate_manyThreadsWhileKeysRotateAndRevocationsLand_neverAnswersWrongly()
      throws Exception {
    Instant now = Instant.now();
    Instant iat = now.minusSeconds(5);
    Instant exp = now.plus(Duration.ofHours(1));

    RSAKey stable = new RSAKeyGenerator(2048).keyID("stable").generate();
    RSAKey impostor = new RSAKeyGenerator(2048).keyID("stable").generate(); // same kid, other key
    ECKey ghost = new ECKeyGenerator(Curve.P_256).keyID("ghost").generate(); // never published
    ECKey[] rotating = new ECKey[ROTATING_KEYS];
    for (int i = 0; i < ROTATING_KEYS; i++) {
      rotating[i] = new ECKeyGenerator(Curve.P_256).keyID("rot-" + i).generate();
    }
    RSASSASigner stableSigner = new RSASSASigner(stable);

    // The JWKS server: stable key and the current rotating window.
    AtomicReferenceArray<Boolean> published = new AtomicReferenceArray<>(ROTATING_KEYS);
    AtomicReferenceArray<Boolean> removing = new AtomicReferenceArray<>(ROTATING_KEYS);
    AtomicReferenceArray<Boolean> acceptedOnce = new AtomicReferenceArray<>(ROTATING_KEYS);
    for (int i = 0; i < ROTATING_KEYS; i++) {
      published.set(i, false);
      removing.set(i, false);
      acceptedOnce.set(i, false);
    }
    AtomicLong jwksFetches = new AtomicLong();
    java.util.concurrent.atomic.AtomicReference<byte[]> body =
        new java.util.concurrent.atomic.AtomicReference<>();
    body.set(jwks(stable, rotating, 0, 0));
    published.set(0, true);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/jwks.json",
        exchange -> {
          byte[] b = body.get();
          jwksFetches.incrementAndGet();
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, b.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(b);
          }
        });
    server.start();
    URI jwksUri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/jwks.json");

    InMemoryApiKeyStore keyStore = new InMemoryApiKeyStore();
    InMemoryRevocationStore revocations = new InMemoryRevocationStore();
    ApiKeys apiKeys = ApiKeys.builder().prefix("bk_live").store(keyStore).build();
    AuthEngine engine =
        AuthEngine.builder()
            .issuer(
                Issuer.builder(ISS)
                    .jwks(jwksUri)
                    .audiences(AUD)
                    .algorithms("RS256", "ES256")
                    .jwksRateLimit(Duration.ofMillis(100))
                    .build())
            .apiKeys(apiKeys)
            .revocations(revocations)
            .build();

    // The credentials.
    List<Case> cases = new ArrayList<>();
    List<Case> revocable = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      String sub = "user-" + (i % SUBJECTS);
      String jti = "jti-" + i;
      Case c =
          new Case(
              "stable jwt",
              "Bearer " + jwt(stable, stableSigner, JWSAlgorithm.RS256, sub, jti, AUD, iat, exp),
              sub,
              jti,
              -1,
              null);
      cases.add(c);
      revocable.add(c);
    }
    for (int i = 0; i < 60; i++) {
      String sub = "user-" + (i % SUBJECTS);
      GeneratedApiKey k = apiKeys.generate(sub, Set.of("orders:read"), Duration.ofHours(1));
      Case c =
          new Case(
              "api key",
              (i % 2 == 0 ? "ApiKey " : "Bearer ") + k.plaintext(),
              sub,
              k.keyId(),
              -1,
              null);
      cases.add(c);
      revocable.add(c);
      String p = k.plaintext();
      cases.add(
          new Case(
              "api key with wrong secret",
              "ApiKey " + p.substring(0, p.length() - 1) + (p.endsWith("x") ? "y" : "x"),
              sub,
              null,
              -1,
              FailureReason.INVALID_API_KEY));
    }
    for (int r = 0; r < ROTATING_KEYS; r++) {
      ECDSASigner signer = new ECDSASigner(rotating[r]);
      for (int i = 0; i < TOKENS_PER_ROTATING_KEY; i++) {
        String sub = "rot-user-" + i;
        cases.add(
            new Case(
                "rotating jwt",
                "Bearer "
                    + jwt(
                        rotating[r],
                        signer,
                        JWSAlgorithm.ES256,
                        sub,
                        "rot-" + r + "-" + i,
                        AUD,
                        iat,
                        exp),
                sub,
                null,
                r,
                null));
      }
    }
    for (int i = 0; i < 20; i++) {
      cases.add(
          new Case(
              "impostor signature",
              "Bearer "
                  + jwt(
                      impostor,
                      new RSASSASigner(impostor),
                      JWSAlgorithm.RS256,
                      "mallory",
                      "bad-" + i,
                      AUD,
                      iat,
                      exp),
              "mallory",
              null,
              -1,
              FailureReason.BAD_SIGNATURE));
      cases.add(
          new Case(
              "unpublished kid",
              "Bearer "
                  + jwt(
                      ghost,
                      new ECDSASigner(ghost),
                      JWSAlgorithm.ES256,
                      "mallory",
                      "ghost-" + i,
                      AUD,
                      iat,
                      exp),
              "mallory",
              null,
              -1,
              FailureReason.UNKNOWN_KEY));
      cases.add(
          new Case(
              "wrong audience",
              "Bearer "
                  + jwt(
                      stable,
                      stableSigner,
                      JWSAlgorithm.RS256,
                      "mallory",
                      "aud-" + i,
                      "billing-api",
                      iat,
                      exp),
              "mallory",
              null,
              -1,
              FailureReason.WRONG_AUDIENCE));
      cases.add(
          new Case(
              "expired",
              "Bearer "
                  + jwt(
                      stable,
                      stableSigner,
                      JWSAlgorithm.RS256,
                      "mallory",
                      "exp-" + i,
                      AUD,
                      now.minus(Duration.ofHours(2)),
                      now.minus(Duration.ofHours(1))),
              "mallory",
              null,
              -1,
              FailureReason.EXPIRED));
      String good =
          jwt(stable, stableSigner, JWSAlgorithm.RS256, "alice", "tamper-" + i, AUD, iat, exp);
      String[] parts = good.split("\\.");
      String forgedPayload =
          com.nimbusds.jose.util.Base64URL.encode(
                  new JWTClaimsSet.Builder(
                          JWTClaimsSet.parse(
                              new String(
                                  com.nimbusds.jose.util.Base64URL.from(parts[1]).decode(),
                                  StandardCharsets.UTF_8)))
                      .subject("root")
                      .build()
                      .toString())
              .toString();
      cases.add(
          new Case(
              "tampered payload",
              "Bearer " + parts[0] + "." + forgedPayload + "." + parts[2],
              "root",
              null,
              -1,
              FailureReason.BAD_SIGNATURE));
    }

    // Revocation bookkeeping: "revoking" is written before the store call, "revoked" after it
    // returns.
    Set<String> revoking = ConcurrentHashMap.newKeySet();
    Set<String> revoked = ConcurrentHashMap.newKeySet();
    ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
    LongAdder calls = new LongAdder();
    LongAdder stableAccepted = new LongAdder();
    LongAdder revokedRefused = new LongAdder();
    LongAdder invalidRefused = new LongAdder();
    LongAdder rotatedInAccepted = new LongAdder(); // keys published after the engine's first fetch
    long deadline = System.nanoTime() + RUN.toNanos();

    pool = Executors.newFixedThreadPool(WORKERS + 2);
    List<Future<?>> tasks = new ArrayList<>();
    for (int w = 0; w < WORKERS; w++) {
      tasks.add(
          pool.submit(
              () -> {
                ThreadLocalRandom rnd = ThreadLocalRandom.current();
                while (System.nanoTime() < deadline) {
                  Case c = cases.get(rnd.nextInt(cases.size()));
                  boolean revokedBefore =
                      c.revocationId != null && revoked.contains(c.revocationId);
                  boolean acceptedBefore = c.rotatingKey >= 0 && acceptedOnce.get(c.rotatingKey);
                  AuthResult result = engine.authenticate(c.header);
                  calls.increment();
                  String verdict =
                      result.isAuthenticated()
                          ? "accepted as " + result.principal().subject()
                          : "refused " + result.failureReason();
                  if (c.expectedRefusal != null) {
                    if (result.isAuthenticated() || result.failureReason() != c.expectedRefusal) {
                      wrong.add(c.kind + ": " + verdict + ", expected " + c.expectedRefusal);
                    } else {
                      invalidRefused.increment();
                    }
                  } else if (c.rotatingKey >= 0) {
                    int r = c.rotatingKey;
                    boolean publishedAfter = published.get(r);
                    boolean removedAfter = removing.get(r);
                    if (result.isAuthenticated()) {
                      if (!publishedAfter) {
                        wrong.add("token of rot-" + r + " accepted before its key was published");
                      } else if (!result.principal().subject().equals(c.subject)) {
                        wrong.add(c.kind + ": " + verdict + ", expected subject " + c.subject);
                      } else {
                        acceptedOnce.set(r, true);
                        if (r > 0) {
                          rotatedInAccepted.increment();
                        }
                      }
                    } else if (result.failureReason() != FailureReason.UNKNOWN_KEY) {
                      wrong.add(
                          "token of rot-" + r + " " + verdict + ", only UNKNOWN_KEY is allowed");
                    } else if (acceptedBefore && !removedAfter) {
                      wrong.add(
                          "token of rot-"
                              + r
                              + " refused UNKNOWN_KEY although its key was accepted"
                              + " before the call and stayed published");
                    }
                  } else if (result.isAuthenticated()) {
                    if (revokedBefore) {
                      wrong.add(
                          c.kind
                              + " "
                              + c.revocationId
                              + " accepted after its revocation was written");
                    } else if (!result.principal().subject().equals(c.subject)) {
                      wrong.add(c.kind + ": " + verdict + ", expected subject " + c.subject);
                    } else if (c.kind.equals("stable jwt")) {
                      stableAccepted.increment();
                    }
                  } else if (result.failureReason() == FailureReason.REVOKED
                      && revoking.contains(c.revocationId)) {
                    revokedRefused.increment();
                  } else {
                    wrong.add(
                        c.kind
                            + " "
                            + verdict
                            + (revokedBefore ? ", expected REVOKED" : ", expected acceptance"));
                  }
                }
                return null;
              }));
    }
    // The rotator: publish rot-(i+1), then remove rot-(i-1); the stable key never leaves.
    tasks.add(
        pool.submit(
            () -> {
              int current = 0;
              while (System.nanoTime() < deadline && current + 1 < ROTATING_KEYS) {
                Thread.sleep(ROTATE_EVERY.toMillis());
                int next = current + 1;
                if (current >= 1) {
                  removing.set(current - 1, true); // before the server stops serving it
                }
                body.set(jwks(stable, rotating, current, next));
                published.set(next, true);
                current = next;
              }
              return null;
            }));
    // The revoker: by jti, by subject (which also covers that subject's API keys) and by API key
    // id.
    List<Case> stableTokens = revocable.stream().filter(c -> c.kind.equals("stable jwt")).toList();
    List<Case> apiKeyCases = revocable.stream().filter(c -> c.kind.equals("api key")).toList();
    tasks.add(
        pool.submit(
            () -> {
              ThreadLocalRandom rnd = ThreadLocalRandom.current();
              int step = 0;
              while (System.nanoTime() < deadline && step < 60) {
                Thread.sleep(40);
                switch (step++ % 4) {
                  case 0:
                    {
                      Case c = stableTokens.get(rnd.nextInt(stableTokens.size()));
                      revoking.add(c.revocationId);
                      revocations.revokeToken(c.revocationId, exp);
                      revoked.add(c.revocationId);
                      break;
                    }
                  case 1:
                    {
                      Case c = apiKeyCases.get(rnd.nextInt(apiKeyCases.size()));
                      revoking.add(c.revocationId);
                      revocations.revokeApiKey(c.revocationId);
                      revoked.add(c.revocationId);
                      break;
                    }
                  case 2:
                    {
                      Case c = apiKeyCases.get(rnd.nextInt(apiKeyCases.size()));
                      revoking.add(c.revocationId);
                      apiKeys.revoke(c.revocationId);
                      revoked.add(c.revocationId);
                      break;
                    }
                  default:
                    {
                      // At most 3 of the 20 subjects, so that most credentials stay valid.
                      if (step > 12) {
                        break;
                      }
                      String sub = "user-" + rnd.nextInt(SUBJECTS);
                      List<String> ids =
                          revocable.stream()
                              .filter(c -> c.subject.equals(sub))
                              .map(c -> c.revocationId)
                              .toList();
                      revoking.addAll(ids);
                      revocations.revokeSubject(sub, Instant.now());
                      revoked.addAll(ids);
                      break;
                    }
                }
              }
              return null;
            }));
    for (Future<?> f : tasks) {
      f.get(RUN.toSeconds() + 60, TimeUnit.SECONDS);
    }

    System.out.println(
        "AuthEngine stress: "
            + calls.sum()
            + " calls by "
            + WORKERS
            + " threads in "
            + RUN.toMillis()
            + " ms, "
            + stableAccepted.sum()
            + " stable JWTs accepted, "
            + revokedRefused.sum()
            + " revoked refused, "
            + invalidRefused.sum()
            + " invalid refused, "
            + rotatedInAccepted.sum()
            + " rotated-in JWTs accepted, "
            + jwksFetches.get()
            + " JWKS fetches, "
            + wrong.size()
            + " wrong answers");
    assertThat(wrong).as("wrong answers").isEmpty();
    assertThat(calls.sum()).isGreaterThan(100);
    assertThat(stableAccepted.sum()).isPositive();
    assertThat(revokedRefused.sum()).isPositive();
    assertThat(invalidRefused.sum()).isPositive();
    assertThat(rotatedInAccepted.sum())
        .as("tokens of keys rotated in during the run accepted")
        .isPositive();
    assertThat(jwksFetches.get()).isGreaterThan(1);
  }

  static byte[] jwks(RSAKey stable, ECKey[] rotating, int from, int to) {
    List<JWK> keys = new ArrayList<>();
    keys.add(stable.toPublicJWK());
    for (int i = from; i <= to; i++) {
      keys.add(rotating[i].toPublicJWK());
    }
    return new JWKSet(keys).toString(true).getBytes(StandardCharsets.UTF_8);
  }
}
