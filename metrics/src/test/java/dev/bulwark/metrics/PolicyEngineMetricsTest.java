/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.policy.EntityUid;
import dev.bulwark.policy.PolicyEngine;
import dev.bulwark.policy.PolicySet;
import dev.bulwark.policy.Request;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class PolicyEngineMetricsTest extends MeterBinderContract<PolicyEngine> {
  private static final EntityUid ALICE = EntityUid.of("User", "alice");
  private static final EntityUid BOB = EntityUid.of("User", "bob");
  private static final EntityUid VIEW = EntityUid.of("Action", "view");
  private static final EntityUid PHOTO = EntityUid.of("Photo", "p1");

  @Override
  PolicyEngine newWatched() throws Exception {
    return PolicyEngine.builder()
        .policies(PolicySet.parse("permit(principal == User::\"alice\", action, resource);"))
        .build();
  }

  @Override
  MeterBinder binder(PolicyEngine watched) {
    return new PolicyEngineMetrics(watched);
  }

  @Override
  void exercise(PolicyEngine watched) {
    watched.authorize(Request.of(ALICE, VIEW, PHOTO));
  }

  @Override
  String movingMeter() {
    return MeterNames.POLICY_DECISIONS;
  }

  @Test
  void decisions_deniedRequest_countsADeny() throws Exception {
    PolicyEngine engine = newWatched();
    SimpleMeterRegistry r = new SimpleMeterRegistry();
    binder(engine).bindTo(r);
    engine.authorize(Request.of(BOB, VIEW, PHOTO));
    assertThat(r.get(MeterNames.POLICY_DECISIONS).tag("decision", "deny").functionCounter().count())
        .isEqualTo(1.0);
  }

  @Test
  void duration_defaultInterval_recordsARandomSampleOfDecisions() throws Exception {
    PolicyEngine engine = newWatched();
    SimpleMeterRegistry r = new SimpleMeterRegistry();
    binder(engine).bindTo(r);
    int decisions = 16_000;
    for (int i = 0; i < decisions; i++) {
      engine.authorize(Request.of(ALICE, VIEW, PHOTO));
    }
    // 1,000 expected; the bounds are over twelve standard deviations away.
    assertThat(r.get(MeterNames.POLICY_DURATION).tag("decision", "allow").timer().count())
        .isBetween(600L, 1_400L);
  }

  @Test
  void constructor_intervalAboveTheMaximum_namesTheSettingAndValue() throws Exception {
    PolicyEngine engine = newWatched();
    int tooLarge = PolicyEngine.MAX_TIMING_SAMPLE_INTERVAL * 2;
    assertThatThrownBy(() -> new PolicyEngineMetrics(engine, Tags.empty(), tooLarge))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("timerSampleInterval")
        .hasMessageContaining(String.valueOf(tooLarge));
  }

  @Test
  void duration_sampleIntervalOne_timesAnAllowedRequestAsAllow() throws Exception {
    PolicyEngine engine = newWatched();
    SimpleMeterRegistry r = new SimpleMeterRegistry();
    new PolicyEngineMetrics(engine, Tags.empty(), 1).bindTo(r);
    engine.authorize(Request.of(ALICE, VIEW, PHOTO));
    assertThat(r.get(MeterNames.POLICY_DURATION).tag("decision", "allow").timer().count())
        .isEqualTo(1);
  }
}
