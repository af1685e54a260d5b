/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.jmh.policy;

import dev.bulwark.metrics.PolicyEngineMetrics;
import dev.bulwark.policy.Decision;
import dev.bulwark.policy.Entity;
import dev.bulwark.policy.EntityUid;
import dev.bulwark.policy.InMemoryEntityStore;
import dev.bulwark.policy.PolicyEngine;
import dev.bulwark.policy.PolicySet;
import dev.bulwark.policy.Request;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
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
 * One Cedar decision (an owner viewing a photo: two policies, one entity read) on three engines
 * built alike, in the same run: {@code baseline} with no binder, {@code withMetrics} with {@link
 * PolicyEngineMetrics} as it ships (its timer samples 1 decision in {@value
 * PolicyEngineMetrics#DEFAULT_TIMER_SAMPLE_INTERVAL}), and {@code withMetricsTimingEveryCall} with
 * a sample interval of 1. Run with {@code -prof gc}: what the binder adds to a decision's time and
 * allocation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Threads(1)
public class PolicyDecisionMetrics {
  private static final String POLICIES =
      "permit (principal, action == Action::\"view\", resource) when { resource.owner == principal };"
          + "forbid (principal, action, resource) when { resource.locked };";

  private PolicyEngine plain;
  private PolicyEngine bound;
  private PolicyEngine boundEveryCall;
  private Request request;

  // Held for the run: the binder holds the engine weakly, the registry holds the meters.
  private SimpleMeterRegistry registry;

  /** Builds the three engines and checks that the request is allowed on each. */
  @Setup(Level.Trial)
  public void setUp() throws Exception {
    plain = engine();
    bound = engine();
    boundEveryCall = engine();
    registry = new SimpleMeterRegistry();
    new PolicyEngineMetrics(bound).bindTo(registry);
    new PolicyEngineMetrics(boundEveryCall, Tags.of("engine", "every-call"), 1).bindTo(registry);
    request =
        Request.of(
            EntityUid.of("User", "alice"),
            EntityUid.of("Action", "view"),
            EntityUid.of("Photo", "p1"));
    for (PolicyEngine e : new PolicyEngine[] {plain, bound, boundEveryCall}) {
      if (!e.authorize(request).isAllowed()) {
        throw new IllegalStateException("the fixture request was not allowed");
      }
    }
  }

  private static PolicyEngine engine() throws Exception {
    Entity photo =
        Entity.fromJson(
            "{\"uid\":{\"type\":\"Photo\",\"id\":\"p1\"},\"attrs\":{\"owner\":{\"__entity\":"
                + "{\"type\":\"User\",\"id\":\"alice\"}},\"locked\":false},\"parents\":[]}");
    return PolicyEngine.builder()
        .policies(PolicySet.parse(POLICIES))
        .entities(InMemoryEntityStore.of(List.of(photo)))
        .build();
  }

  /** No binder. */
  @Benchmark
  public Decision baseline() {
    return plain.authorize(request);
  }

  /** {@link PolicyEngineMetrics} as it ships, bound to a {@link SimpleMeterRegistry}. */
  @Benchmark
  public Decision withMetrics() {
    return bound.authorize(request);
  }

  /** {@link PolicyEngineMetrics} with a timer sample interval of 1: every decision timed. */
  @Benchmark
  public Decision withMetricsTimingEveryCall() {
    return boundEveryCall.authorize(request);
  }
}
