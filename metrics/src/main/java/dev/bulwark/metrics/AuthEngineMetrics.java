/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.metrics;

import dev.bulwark.auth.AuthEngine;
import dev.bulwark.auth.AuthMethod;
import dev.bulwark.auth.AuthResult;
import dev.bulwark.auth.AuthStats;
import dev.bulwark.auth.AuthTimingListener;
import dev.bulwark.auth.FailureReason;
import dev.bulwark.auth.KeySetHealth;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.lang.ref.WeakReference;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * Binds an {@link AuthEngine}'s counters, timing and key sets to a {@link MeterRegistry}:
 *
 * <ul>
 *   <li>{@value MeterNames#AUTH_ATTEMPTS}{@code {result, method, reason}}: every attempt, read from
 *       {@link AuthEngine#stats()};
 *   <li>{@value MeterNames#AUTH_DURATION}{@code {result}}: a timer with a percentile histogram, fed
 *       by an {@link AuthTimingListener} this binder adds to the engine, with a random sample of
 *       one call in {@value #DEFAULT_TIMER_SAMPLE_INTERVAL} unless the constructor says otherwise
 *       (its count is the sample's; the attempts counter counts every call);
 *   <li>{@value MeterNames#AUTH_TOKEN_CACHE_GETS}{@code {result}}, {@value
 *       MeterNames#AUTH_TOKEN_CACHE_EVICTIONS} and {@value MeterNames#AUTH_TOKEN_CACHE_SIZE}, when
 *       the engine has a verified-token cache (evictions only when the cache counts them);
 *   <li>with the off-heap cache, its memory under the memory pool's names ({@value
 *       MeterNames#MEMORY_POOL_HIT_RATIO}, {@value MeterNames#MEMORY_POOL_FRAGMENTATION_RATIO},
 *       bytes reserved, in use and peak...) tagged {@code pool=}{@value #TOKEN_CACHE_POOL}, from
 *       {@link AuthEngine#tokenCacheMemory()};
 *   <li>per issuer ({@code issuer} tag): {@value MeterNames#AUTH_KEYSET_KEYS}, {@value
 *       MeterNames#AUTH_KEYSET_AVAILABLE}, {@value MeterNames#AUTH_KEYSET_CONSECUTIVE_FAILURES},
 *       and for a JWKS URL {@value MeterNames#AUTH_KEYSET_FETCHES}{@code {result}} (success,
 *       failure) and {@value MeterNames#AUTH_KEYSET_AGE} in seconds (NaN before a good fetch).
 * </ul>
 *
 * <p>The binder and its meters hold the engine weakly: binding never keeps an engine alive, and the
 * meters of an engine that was collected read NaN. The timing listener is held by the engine and
 * holds only its timers. Thread-safe; {@link #bindTo} may be called for several registries.
 */
public final class AuthEngineMetrics implements MeterBinder {
  /**
   * How many calls one timed call stands for, by default. Timing every call reads the clock twice
   * and records into a histogram, which costs more than a cached authentication itself; a sample of
   * one in {@value} keeps the histogram's shape at a small fraction of that.
   */
  public static final int DEFAULT_TIMER_SAMPLE_INTERVAL = 16;

  /**
   * The {@code pool} tag of the off-heap verified-token cache's memory meters ({@value
   * MeterNames#MEMORY_POOL_HIT_RATIO}, ...): a hit is a token's chunk reused from a free list.
   */
  public static final String TOKEN_CACHE_POOL = "auth.token.cache";

  private static final AuthMethod[] METHODS = AuthMethod.values();
  private static final FailureReason[] REASONS = FailureReason.values();

  private final WeakReference<AuthEngine> engine;
  private final Iterable<Tag> tags;
  private final int timerSampleInterval;

  /**
   * A binder for {@code engine}, with no extra tags.
   *
   * @throws NullPointerException if {@code engine} is null
   */
  public AuthEngineMetrics(AuthEngine engine) {
    this(engine, Tags.empty());
  }

  /**
   * A binder for {@code engine} whose meters all carry {@code tags} (to tell engines apart).
   *
   * @throws NullPointerException if an argument is null
   */
  public AuthEngineMetrics(AuthEngine engine, Iterable<Tag> tags) {
    this(engine, tags, DEFAULT_TIMER_SAMPLE_INTERVAL);
  }

  /**
   * A binder for {@code engine} whose meters all carry {@code tags} and whose timer records a
   * random sample of one call in {@code timerSampleInterval}.
   *
   * @param timerSampleInterval 1 to time every call, or a larger power of two up to {@value
   *     AuthEngine#MAX_TIMING_SAMPLE_INTERVAL}
   * @throws NullPointerException if {@code engine} or {@code tags} is null
   * @throws IllegalArgumentException if {@code timerSampleInterval} is not such a power of two
   */
  public AuthEngineMetrics(AuthEngine engine, Iterable<Tag> tags, int timerSampleInterval) {
    this.engine = new WeakReference<>(Objects.requireNonNull(engine, "engine"));
    this.tags = Tags.of(Objects.requireNonNull(tags, "tags"));
    this.timerSampleInterval =
        Sampling.checkInterval(timerSampleInterval, AuthEngine.MAX_TIMING_SAMPLE_INTERVAL);
  }

  /** Registers the meters; does nothing if the engine was already collected. */
  @Override
  public void bindTo(MeterRegistry registry) {
    AuthEngine e = engine.get();
    if (e == null) {
      return;
    }
    bindAttempts(registry, e);
    bindTimer(registry, e);
    bindTokenCache(registry, e, e.stats());
    if (e.tokenCacheMemory().isPresent()) {
      // The off-heap cache's chunks, under the memory pool's names. An empty answer cannot come
      // later: the cache is chosen when the engine is built.
      MemoryMetrics.bindPool(
          registry,
          e,
          x -> x.tokenCacheMemory().orElseThrow(),
          Tags.of(tags).and("pool", TOKEN_CACHE_POOL));
    }
    bindKeySets(registry, e);
  }

  private void bindAttempts(MeterRegistry registry, AuthEngine e) {
    for (AuthMethod m : METHODS) {
      counter(
          registry,
          e,
          MeterNames.AUTH_ATTEMPTS,
          "Authentication attempts",
          Tags.of("result", "success", "method", lower(m), "reason", "none"),
          s -> s.successes(m));
      for (FailureReason r : REASONS) {
        counter(
            registry,
            e,
            MeterNames.AUTH_ATTEMPTS,
            "Authentication attempts",
            Tags.of("result", "failure", "method", lower(m), "reason", lower(r)),
            s -> s.failures(m, r));
      }
    }
    for (FailureReason r : REASONS) {
      counter(
          registry,
          e,
          MeterNames.AUTH_ATTEMPTS,
          "Authentication attempts",
          Tags.of("result", "failure", "method", "none", "reason", lower(r)),
          s -> s.failuresWithoutMethod(r));
    }
  }

  private void bindTimer(MeterRegistry registry, AuthEngine e) {
    Timer success = timer(registry, "success");
    Timer failure = timer(registry, "failure");
    e.addTimingListener(new Recorder(success, failure), timerSampleInterval);
  }

  private Timer timer(MeterRegistry registry, String result) {
    return Timer.builder(MeterNames.AUTH_DURATION)
        .description(Sampling.describe("How long an authentication took", timerSampleInterval))
        .tags(tags)
        .tag("result", result)
        .publishPercentileHistogram()
        .register(registry);
  }

  /** The timing listener: holds its timers only, never the engine or this binder. */
  private static final class Recorder implements AuthTimingListener {
    private final Timer success;
    private final Timer failure;

    Recorder(Timer success, Timer failure) {
      this.success = success;
      this.failure = failure;
    }

    @Override
    public void authenticated(AuthResult result, long durationNanos) {
      (result.isAuthenticated() ? success : failure).record(durationNanos, TimeUnit.NANOSECONDS);
    }
  }

  private void bindTokenCache(MeterRegistry registry, AuthEngine e, AuthStats now) {
    if (!now.tokenCacheEnabled()) {
      return; // no meter for a statistic that does not exist
    }
    counter(
        registry,
        e,
        MeterNames.AUTH_TOKEN_CACHE_GETS,
        "Lookups of bearer JWTs in the verified-token cache",
        Tags.of("result", "hit"),
        AuthStats::tokenCacheHits);
    counter(
        registry,
        e,
        MeterNames.AUTH_TOKEN_CACHE_GETS,
        "Lookups of bearer JWTs in the verified-token cache",
        Tags.of("result", "miss"),
        AuthStats::tokenCacheMisses);
    if (now.tokenCacheEvictions() >= 0) {
      counter(
          registry,
          e,
          MeterNames.AUTH_TOKEN_CACHE_EVICTIONS,
          "Entries the verified-token cache dropped for its bound or TTL",
          Tags.empty(),
          AuthStats::tokenCacheEvictions);
    }
    Gauge.builder(MeterNames.AUTH_TOKEN_CACHE_SIZE, e, x -> x.stats().tokenCacheSize())
        .description("Entries the verified-token cache holds")
        .tags(tags)
        .register(registry);
  }

  private void bindKeySets(MeterRegistry registry, AuthEngine e) {
    List<KeySetHealth> issuers = e.keySetHealth();
    for (int i = 0; i < issuers.size(); i++) {
      KeySetHealth h = issuers.get(i);
      Tags issuer = Tags.of("issuer", h.issuer());
      int at = i;
      gauge(
          registry,
          e,
          MeterNames.AUTH_KEYSET_KEYS,
          "Keys the issuer's key set holds",
          issuer,
          at,
          KeySetHealth::keyCount);
      gauge(
          registry,
          e,
          MeterNames.AUTH_KEYSET_AVAILABLE,
          "Whether the issuer's keys can verify tokens (1) or not (0)",
          issuer,
          at,
          k -> k.keysAvailable() ? 1 : 0);
      gauge(
          registry,
          e,
          MeterNames.AUTH_KEYSET_CONSECUTIVE_FAILURES,
          "JWKS fetches that failed in a row",
          issuer,
          at,
          KeySetHealth::consecutiveFailures);
      if (h.sourceKind() == KeySetHealth.SourceKind.REMOTE) {
        fetches(registry, e, issuer, at, "success", k -> k.fetches() - k.fetchFailures());
        fetches(registry, e, issuer, at, "failure", KeySetHealth::fetchFailures);
        Gauge.builder(
                MeterNames.AUTH_KEYSET_AGE,
                e,
                x ->
                    x.keySetHealth()
                        .get(at)
                        .lastSuccessfulFetch()
                        .map(t -> (Instant.now().toEpochMilli() - t.toEpochMilli()) / 1000.0)
                        .orElse(Double.NaN))
            .description("Seconds since the last good JWKS fetch")
            .baseUnit("seconds")
            .tags(tags)
            .tags(issuer)
            .register(registry);
      }
    }
  }

  private void fetches(
      MeterRegistry registry,
      AuthEngine e,
      Tags issuer,
      int at,
      String result,
      ToDoubleFunction<KeySetHealth> f) {
    FunctionCounter.builder(
            MeterNames.AUTH_KEYSET_FETCHES, e, x -> f.applyAsDouble(x.keySetHealth().get(at)))
        .description("JWKS fetches finished, by result")
        .tags(tags)
        .tags(issuer)
        .tag("result", result)
        .register(registry);
  }

  private void gauge(
      MeterRegistry registry,
      AuthEngine e,
      String name,
      String description,
      Tags extra,
      int issuer,
      ToDoubleFunction<KeySetHealth> f) {
    Gauge.builder(name, e, x -> f.applyAsDouble(x.keySetHealth().get(issuer)))
        .description(description)
        .tags(tags)
        .tags(extra)
        .register(registry);
  }

  private void counter(
      MeterRegistry registry,
      AuthEngine e,
      String name,
      String description,
      Tags extra,
      ToDoubleFunction<AuthStats> f) {
    // FunctionCounter holds e weakly; f captures only values, never the engine.
    FunctionCounter.builder(name, e, x -> f.applyAsDouble(x.stats()))
        .description(description)
        .tags(tags)
        .tags(extra)
        .register(registry);
  }

  private static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }
}
