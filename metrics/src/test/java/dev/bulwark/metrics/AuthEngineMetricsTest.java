/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.auth.AuthEngine;
import dev.bulwark.auth.Issuer;
import dev.bulwark.auth.PrefetchMode;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import org.junit.jupiter.api.Test;

class AuthEngineMetricsTest extends MeterBinderContract<AuthEngine> {
  private final Tokens tokens;

  AuthEngineMetricsTest() throws Exception {
    tokens = new Tokens();
  }

  @Override
  AuthEngine newWatched() {
    return tokens.engine();
  }

  @Override
  MeterBinder binder(AuthEngine watched) {
    return new AuthEngineMetrics(watched);
  }

  @Override
  void exercise(AuthEngine watched) throws Exception {
    watched.authenticate(tokens.header("alice"));
  }

  @Override
  String movingMeter() {
    return MeterNames.AUTH_ATTEMPTS;
  }

  private double attempts(SimpleMeterRegistry r, String result, String method, String reason) {
    return r.get(MeterNames.AUTH_ATTEMPTS)
        .tags("result", result, "method", method, "reason", reason)
        .functionCounter()
        .count();
  }

  @Test
  void attempts_validJwt_countsASuccessByMethod() throws Exception {
    AuthEngine engine = newWatched();
    SimpleMeterRegistry r = new SimpleMeterRegistry();
    binder(engine).bindTo(r);
    engine.authenticate(tokens.header("alice"));
    assertThat(attempts(r, "success", "jwt", "none")).isEqualTo(1.0);
  }

  @Test
  void attempts_garbledJwt_countsAFailureByReasonAndMethod() {
    AuthEngine engine = newWatched();
    SimpleMeterRegistry r = new SimpleMeterRegistry();
    binder(engine).bindTo(r);
    engine.authenticate("Bearer not-a-jwt");
    assertThat(attempts(r, "failure", "jwt", "malformed")).isEqualTo(1.0);
  }

  @Test
  void attempts_noHeader_countsAFailureWithoutMethod() {
    AuthEngine engine = newWatched();
    SimpleMeterRegistry r = new SimpleMeterRegistry();
    binder(engine).bindTo(r);
    engine.authenticate(null);
    assertThat(attempts(r, "failure", "none", "missing_credentials")).isEqualTo(1.0);
  }

  @Test
  void duration_sampleIntervalOne_recordsEachCall() throws Exception {
    AuthEngine engine = newWatched();
    SimpleMeterRegistry r = new SimpleMeterRegistry();
    new AuthEngineMetrics(engine, Tags.empty(), 1).bindTo(r);
    engine.authenticate(tokens.header("alice"));
    engine.authenticate("Bearer x");
    Timer ok = r.get(MeterNames.AUTH_DURATION).tag("result", "success").timer();
    assertThat(ok.count()).isEqualTo(1);
  }

  @Test
  void duration_defaultInterval_recordsARandomSampleOfCalls() {
    AuthEngine engine = newWatched();
    SimpleMeterRegistry r = new SimpleMeterRegistry();
    binder(engine).bindTo(r);
    int calls = 16_000;
    for (int i = 0; i < calls; i++) {
      engine.authenticate("Bearer x");
    }
    // 1,000 expected; the bounds are over twelve standard deviations (about 31) away, so only a
    // broken sampler (all, none, or a wrong rate) falls outside them.
    long timed = r.get(MeterNames.AUTH_DURATION).tag("result", "failure").timer().count();
    assertThat(timed).isBetween(600L, 1_400L);
  }

  @Test
  void duration_defaultInterval_saysSoInTheDescription() {
    AuthEngine engine = newWatched();
    SimpleMeterRegistry r = new SimpleMeterRegistry();
    binder(engine).bindTo(r);
    assertThat(r.get(MeterNames.AUTH_DURATION).timer().getId().getDescription())
        .contains("1 in " + AuthEngineMetrics.DEFAULT_TIMER_SAMPLE_INTERVAL);
  }

  @Test
  void constructor_intervalNotAPowerOfTwo_namesTheSettingAndValue() {
    AuthEngine engine = newWatched();
    assertThatThrownBy(() -> new AuthEngineMetrics(engine, Tags.empty(), 12))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("timerSampleInterval")
        .hasMessageContaining("12");
  }

  @Test
  void tokenCache_sameTokenTwice_countsOneMissThenOneHit() throws Exception {
    AuthEngine engine = newWatched();
    SimpleMeterRegistry r = new SimpleMeterRegistry();
    binder(engine).bindTo(r);
    String header = tokens.header("alice");
    engine.authenticate(header);
    engine.authenticate(header);
    assertThat(
            r.get(MeterNames.AUTH_TOKEN_CACHE_GETS).tag("result", "hit").functionCounter().count())
        .isEqualTo(1.0);
  }

  @Test
  void keySet_staticJwks_gaugesTheKeysHeld() {
    AuthEngine engine = newWatched();
    SimpleMeterRegistry r = new SimpleMeterRegistry();
    binder(engine).bindTo(r);
    assertThat(r.get(MeterNames.AUTH_KEYSET_KEYS).tag("issuer", Tokens.ISSUER).gauge().value())
        .isEqualTo(1.0);
  }

  @Test
  void keySetFetches_unreachableJwksUrl_countsAFailure() throws Exception {
    // A loopback port nothing listens on: the fetch fails at once.
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    String iss = "https://remote.example.com";
    AuthEngine engine =
        AuthEngine.builder()
            .issuer(
                Issuer.builder(iss)
                    .jwks(URI.create("http://127.0.0.1:" + port + "/jwks.json"))
                    .audiences(Tokens.AUDIENCE)
                    .algorithms("ES256")
                    .build())
            // The build fetches once, fails, logs a line and goes on.
            .prefetchKeys(PrefetchMode.LOG_AND_CONTINUE)
            .build();
    SimpleMeterRegistry r = new SimpleMeterRegistry();
    binder(engine).bindTo(r);
    assertThat(
            r.get(MeterNames.AUTH_KEYSET_FETCHES)
                .tags("issuer", iss, "result", "failure")
                .functionCounter()
                .count())
        .isGreaterThanOrEqualTo(1.0);
  }

  @Test
  void tokenCacheMemory_offHeapCache_bindsItsChunksAsAPool() throws Exception {
    AuthEngine engine =
        AuthEngine.builder().issuer(tokens.issuer()).tokenCacheOffHeap(1 << 20).build();
    SimpleMeterRegistry r = new SimpleMeterRegistry();
    binder(engine).bindTo(r);
    engine.authenticate(tokens.header("alice")); // verified, then cached in one carved chunk
    assertThat(
            r.get(MeterNames.MEMORY_POOL_ACQUISITIONS)
                .tags("pool", AuthEngineMetrics.TOKEN_CACHE_POOL, "result", "miss")
                .functionCounter()
                .count())
        .isEqualTo(1.0);
  }

  @Test
  void tokenCacheMemory_onHeapCache_bindsNoPoolMeter() {
    AuthEngine engine = newWatched();
    SimpleMeterRegistry r = new SimpleMeterRegistry();
    binder(engine).bindTo(r);
    assertThat(r.find(MeterNames.MEMORY_POOL_HIT_RATIO).meters()).isEmpty();
  }
}
