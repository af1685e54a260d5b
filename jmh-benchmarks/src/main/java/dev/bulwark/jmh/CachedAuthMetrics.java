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
import dev.bulwark.metrics.AuthEngineMetrics;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A cached authentication (one token, again and again, as {@link JwtCached#sameToken}) on three
 * engines built alike, in the same run: {@code baseline} with no binder; {@code withMetrics} with
 * {@link AuthEngineMetrics} bound to a {@link SimpleMeterRegistry} as it ships, so that one call in
 * {@value AuthEngineMetrics#DEFAULT_TIMER_SAMPLE_INTERVAL} reads the clock twice and records into a
 * timer with a percentile histogram; and {@code withMetricsTimingEveryCall}, the same binder timing
 * every call, to show what the sampling saves. Run with {@code -prof gc}: the target is no
 * allocation and {@code withMetrics} at most 1.25 times the baseline.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Threads(1)
public class CachedAuthMetrics {
  private AuthEngine plain;
  private AuthEngine bound;
  private AuthEngine boundEveryCall;
  private String header;

  // Held for the run: the binder holds the engine weakly, the registry holds the meters.
  private SimpleMeterRegistry registry;

  /** Builds both engines and caches the token in each. */
  @Setup(Level.Trial)
  public void setUp() throws Exception {
    JwtFixture f = JwtFixture.create("HS256");
    plain = engine(f);
    bound = engine(f);
    boundEveryCall = engine(f);
    registry = new SimpleMeterRegistry();
    new AuthEngineMetrics(bound).bindTo(registry);
    new AuthEngineMetrics(boundEveryCall, Tags.of("engine", "every-call"), 1).bindTo(registry);
    header = "Bearer " + f.token();
    for (AuthEngine e : new AuthEngine[] {plain, bound, boundEveryCall}) {
      if (!e.authenticate(header).isAuthenticated()) {
        throw new IllegalStateException("the fixture token did not authenticate");
      }
    }
  }

  private static AuthEngine engine(JwtFixture f) {
    return AuthEngine.builder()
        .issuer(
            Issuer.builder(JwtFixture.ISSUER)
                .jwks(new JWKSet(f.verificationJwk))
                .audiences(JwtFixture.AUDIENCE)
                .algorithms("HS256")
                .build())
        .revocations(new InMemoryRevocationStore())
        .tokenCacheTtl(Duration.ofMinutes(30)) // longer than the run
        .build();
  }

  /** No binder. */
  @Benchmark
  public AuthResult baseline() {
    return plain.authenticate(header);
  }

  /** {@link AuthEngineMetrics} as it ships, bound to a {@link SimpleMeterRegistry}. */
  @Benchmark
  public AuthResult withMetrics() {
    return bound.authenticate(header);
  }

  /** {@link AuthEngineMetrics} with a timer sample interval of 1: every call timed. */
  @Benchmark
  public AuthResult withMetricsTimingEveryCall() {
    return boundEveryCall.authenticate(header);
  }
}
