/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.jmh.dbcache;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.bulwark.auth.AuthEngine;
import dev.bulwark.auth.AuthResult;
import dev.bulwark.auth.FailureReason;
import dev.bulwark.auth.Issuer;
import dev.bulwark.dbcache.BulwarkSchema;
import dev.bulwark.dbcache.ChangeFeed;
import dev.bulwark.dbcache.Database;
import dev.bulwark.dbcache.JdbcRevocationStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How long a revocation takes to reach another instance: two engines, each with its own pools,
 * revocation store and cache, on one database. Before each operation instance B verifies a new
 * token, which caches it and its "not revoked" answer. The operation revokes the token's {@code
 * jti} through instance A (the commit) and waits until B refuses the token as {@link
 * FailureReason#REVOKED}, checking every 20 µs: the time is commit plus propagation (the change
 * log's notification, B's change feed reading the row and dropping the cached answer, B's next
 * check reading the database). Sample mode gives its percentiles.
 *
 * <p>Needs PostgreSQL (on H2 a change reaches other instances by polling, every {@value
 * ChangeFeed#DEFAULT_POLL_INTERVAL_MILLIS} ms by default): {@code -p
 * jdbcUrl=jdbc:postgresql://127.0.0.1:55432/bulwark_bench?user=bulwark&password=bulwark}; {@code
 * docs/bench/dbcache/run.sh} runs it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 1, time = 3)
@Measurement(iterations = 3, time = 5)
@Threads(1)
public class RevocationPropagation {
  private static final String ISSUER = "https://id.example.com";
  private static final String AUDIENCE = "orders-api";

  @Param({"jdbc:h2:mem:propagation-bench;DB_CLOSE_DELAY=-1"})
  public String jdbcUrl;

  private Database dbA;
  private Database dbB;
  private JdbcRevocationStore revocationsA;
  private ChangeFeed feedB;
  private AuthEngine engineB;
  private MACSigner signer;
  private long counter;

  private String header;
  private String jti;

  /** Two instances on one database; B runs a change feed. */
  @Setup(Level.Trial)
  public void setUp() throws Exception {
    dbA = Database.builder().jdbcUrl(jdbcUrl).maximumPoolSize(2).build();
    dbB = Database.builder().jdbcUrl(jdbcUrl).maximumPoolSize(2).build();
    BulwarkSchema.migrate(dbA.primary());
    revocationsA = JdbcRevocationStore.builder(dbA).build();
    JdbcRevocationStore revocationsB = JdbcRevocationStore.builder(dbB).build();
    feedB = ChangeFeed.builder(dbB).start();
    OctetSequenceKey key = new OctetSequenceKeyGenerator(256).keyID("k1").generate();
    signer = new MACSigner(key);
    engineB =
        AuthEngine.builder()
            .issuer(
                Issuer.builder(ISSUER)
                    .jwks(new JWKSet(key))
                    .audiences(AUDIENCE)
                    .algorithms("HS256")
                    .build())
            .revocations(revocationsB)
            .build();
    while (!feedB.started()) {
      Thread.sleep(1);
    }
  }

  /** A new token, verified and cached by B. */
  @Setup(Level.Invocation)
  public void newToken() throws Exception {
    jti = "jti-" + System.nanoTime() + "-" + counter++;
    Instant now = Instant.now();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("k1").build(),
            new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject("user-1")
                .jwtID(jti)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofHours(1))))
                .build());
    jwt.sign(signer);
    header = "Bearer " + jwt.serialize();
    if (!engineB.authenticate(header).isAuthenticated()) {
      throw new IllegalStateException("token not accepted before revocation");
    }
  }

  /** Stops the feed and closes the pools. */
  @TearDown(Level.Trial)
  public void tearDown() {
    feedB.close();
    dbA.close();
    dbB.close();
  }

  /** Revoke on A, wait until B refuses. */
  @Benchmark
  public AuthResult revokeOnAUntilRefusedOnB() {
    revocationsA.revokeToken(jti, Instant.now().plus(Duration.ofHours(1)));
    AuthResult r;
    while ((r = engineB.authenticate(header)).isAuthenticated()) {
      LockSupport.parkNanos(20_000);
    }
    if (r.failureReason() != FailureReason.REVOKED) {
      throw new IllegalStateException("refused for another reason: " + r.failureReason());
    }
    return r;
  }
}
