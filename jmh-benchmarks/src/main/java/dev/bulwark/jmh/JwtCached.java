/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.jmh;

import com.nimbusds.jose.jwk.JWKSet;
import dev.bulwark.auth.AuthEngine;
import dev.bulwark.auth.AuthResult;
import dev.bulwark.auth.Issuer;
import dev.bulwark.auth.store.InMemoryRevocationStore;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Per-thread JMH state ({@code Scope.Thread}, never shared) for Bulwark's verified-token cache: the
 * same token again and again, and a set of distinct tokens visited round-robin (every one verified
 * once in the setup, so each call is a hit on an entry that was not the last one used). {@code
 * SampleTime} gives the percentiles, {@code AverageTime} the mean to compare with {@link
 * JwtVerify}.
 *
 * <p>The engine has an in-memory revocation store, as a deployment that revokes would: a cache hit
 * still consults it for the token's {@code jti} and subject.
 */
@State(Scope.Thread)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 1)
@Threads(1)
public class JwtCached {

  // A hit never checks the signature, so the algorithm only changes what the setup costs: HS256
  // mints and first-verifies the 10,000 tokens in well under a second. -p alg=RS256 works too.
  @Param({"HS256"})
  public String alg;

  @Param({"10000"})
  public int distinctTokens;

  private AuthEngine engine;
  private String same;
  private String[] headers;
  private int next;

  /** Builds the engine, mints the tokens and verifies each once, so that every call below hits. */
  @Setup(Level.Trial)
  public void setUp() throws Exception {
    JwtFixture f = JwtFixture.create(alg);
    engine =
        AuthEngine.builder()
            .issuer(
                Issuer.builder(JwtFixture.ISSUER)
                    .jwks(new JWKSet(f.verificationJwk))
                    .audiences(JwtFixture.AUDIENCE)
                    .algorithms(alg)
                    .build())
            .revocations(new InMemoryRevocationStore())
            .tokenCacheMaximumSize(Math.max(100_000, 2L * distinctTokens))
            .tokenCacheTtl(
                Duration.ofMinutes(30)) // longer than the run: no entry expires mid-measurement
            .build();
    same = "Bearer " + f.token();
    headers = new String[distinctTokens];
    for (int i = 0; i < distinctTokens; i++) {
      headers[i] = "Bearer " + f.mint("user-" + i, "jti-" + i);
    }
    requireAuthenticated(engine.authenticate(same), JwtFixture.SUBJECT);
    for (int i = 0; i < distinctTokens; i++) {
      requireAuthenticated(engine.authenticate(headers[i]), "user-" + i);
    }
    String tampered = "Bearer " + JwtFixture.tampered(f.token());
    if (engine.authenticate(tampered).isAuthenticated()) {
      throw new IllegalStateException("Bulwark accepted a tampered " + alg + " token");
    }
  }

  private static void requireAuthenticated(AuthResult r, String subject) {
    if (!r.isAuthenticated() || !r.principal().subject().equals(subject)) {
      throw new IllegalStateException("expected " + subject + " to authenticate, got " + r);
    }
  }

  /** One token, again and again. */
  @Benchmark
  public AuthResult sameToken() {
    return engine.authenticate(same);
  }

  /** The distinct tokens in turn. */
  @Benchmark
  public AuthResult roundRobin() {
    int i = next;
    next = i + 1 == headers.length ? 0 : i + 1;
    return engine.authenticate(headers[i]);
  }
}
