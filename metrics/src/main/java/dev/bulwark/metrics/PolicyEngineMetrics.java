/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.metrics;

import dev.bulwark.policy.Decision;
import dev.bulwark.policy.PolicyEngine;
import dev.bulwark.policy.PolicyStats;
import dev.bulwark.policy.PolicyTimingListener;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.lang.ref.WeakReference;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * Binds a {@link PolicyEngine}'s decisions to a {@link MeterRegistry}: {@value
 * MeterNames#POLICY_DECISIONS}{@code {decision}} (allow, deny, error), {@value
 * MeterNames#POLICY_DECISIONS_WITH_ERRORS}, both read from {@link PolicyEngine#stats()}, and
 * {@value MeterNames#POLICY_DURATION}{@code {decision}}, a timer with a percentile histogram fed by
 * a {@link PolicyTimingListener} this binder adds to the engine, with a random sample of one
 * decision in {@value #DEFAULT_TIMER_SAMPLE_INTERVAL} unless the constructor says otherwise (its
 * count is the sample's; the decisions counter counts every decision).
 *
 * <p>The binder and its meters hold the engine weakly; the listener holds only its timers.
 * Thread-safe.
 */
public final class PolicyEngineMetrics implements MeterBinder {
  /**
   * How many decisions one timed decision stands for, by default: timing every decision would cost
   * more than a simple decision itself, as for {@link
   * AuthEngineMetrics#DEFAULT_TIMER_SAMPLE_INTERVAL}.
   */
  public static final int DEFAULT_TIMER_SAMPLE_INTERVAL = 16;

  private final WeakReference<PolicyEngine> engine;
  private final Iterable<Tag> tags;
  private final int timerSampleInterval;

  /**
   * A binder for {@code engine}, with no extra tags.
   *
   * @throws NullPointerException if {@code engine} is null
   */
  public PolicyEngineMetrics(PolicyEngine engine) {
    this(engine, Tags.empty());
  }

  /**
   * A binder for {@code engine} whose meters all carry {@code tags}.
   *
   * @throws NullPointerException if an argument is null
   */
  public PolicyEngineMetrics(PolicyEngine engine, Iterable<Tag> tags) {
    this(engine, tags, DEFAULT_TIMER_SAMPLE_INTERVAL);
  }

  /**
   * A binder for {@code engine} whose meters all carry {@code tags} and whose timer records a
   * random sample of one decision in {@code timerSampleInterval}.
   *
   * @param timerSampleInterval 1 to time every decision, or a larger power of two up to {@value
   *     PolicyEngine#MAX_TIMING_SAMPLE_INTERVAL}
   * @throws NullPointerException if {@code engine} or {@code tags} is null
   * @throws IllegalArgumentException if {@code timerSampleInterval} is not such a power of two
   */
  public PolicyEngineMetrics(PolicyEngine engine, Iterable<Tag> tags, int timerSampleInterval) {
    this.engine = new WeakReference<>(Objects.requireNonNull(engine, "engine"));
    this.tags = Tags.of(Objects.requireNonNull(tags, "tags"));
    this.timerSampleInterval =
        Sampling.checkInterval(timerSampleInterval, PolicyEngine.MAX_TIMING_SAMPLE_INTERVAL);
  }

  /** Registers the meters; does nothing if the engine was already collected. */
  @Override
  public void bindTo(MeterRegistry registry) {
    PolicyEngine e = engine.get();
    if (e == null) {
      return;
    }
    counter(registry, e, MeterNames.POLICY_DECISIONS, "allow", PolicyStats::allowed);
    counter(registry, e, MeterNames.POLICY_DECISIONS, "deny", PolicyStats::denied);
    counter(registry, e, MeterNames.POLICY_DECISIONS, "error", PolicyStats::errors);
    FunctionCounter.builder(
            MeterNames.POLICY_DECISIONS_WITH_ERRORS, e, x -> x.stats().decisionsWithPolicyErrors())
        .description("Decisions in which a policy raised an error and was skipped")
        .tags(tags)
        .register(registry);
    e.addTimingListener(
        new Recorder(timer(registry, "allow"), timer(registry, "deny"), timer(registry, "error")),
        timerSampleInterval);
  }

  private void counter(
      MeterRegistry registry,
      PolicyEngine e,
      String name,
      String decision,
      ToDoubleFunction<PolicyStats> f) {
    FunctionCounter.builder(name, e, x -> f.applyAsDouble(x.stats()))
        .description("Authorization decisions")
        .tags(tags)
        .tag("decision", decision)
        .register(registry);
  }

  private Timer timer(MeterRegistry registry, String decision) {
    return Timer.builder(MeterNames.POLICY_DURATION)
        .description(
            Sampling.describe("How long an authorization decision took", timerSampleInterval))
        .tags(tags)
        .tag("decision", decision)
        .publishPercentileHistogram()
        .register(registry);
  }

  /** The timing listener: holds its timers only. */
  private static final class Recorder implements PolicyTimingListener {
    private final Timer allow;
    private final Timer deny;
    private final Timer error;

    Recorder(Timer allow, Timer deny, Timer error) {
      this.allow = allow;
      this.deny = deny;
      this.error = error;
    }

    @Override
    public void decided(Decision decision, long durationNanos) {
      Timer t = decision == null ? error : decision.isAllowed() ? allow : deny;
      t.record(durationNanos, TimeUnit.NANOSECONDS);
    }
  }
}
