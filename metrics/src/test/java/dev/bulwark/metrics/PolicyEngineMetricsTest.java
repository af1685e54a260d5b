/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.policy.EntityUid;
import dev.bulwark.policy.PolicyEngine;
import dev.bulwark.policy.PolicySet;
import dev.bulwark.policy.Request;
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
  void duration_allowedRequest_isTimedAsAllow() throws Exception {
    PolicyEngine engine = newWatched();
    SimpleMeterRegistry r = new SimpleMeterRegistry();
    binder(engine).bindTo(r);
    engine.authorize(Request.of(ALICE, VIEW, PHOTO));
    assertThat(r.get(MeterNames.POLICY_DURATION).tag("decision", "allow").timer().count())
        .isEqualTo(1);
  }
}
