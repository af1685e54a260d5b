/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.metrics;

import com.github.benmanes.caffeine.cache.Cache;
import com.zaxxer.hikari.HikariDataSource;
import dev.bulwark.dbcache.CacheStatistics;
import dev.bulwark.dbcache.ChangeFeed;
import dev.bulwark.dbcache.Database;
import dev.bulwark.dbcache.JdbcApiKeyStore;
import dev.bulwark.dbcache.JdbcDecisionLog;
import dev.bulwark.dbcache.JdbcEntityStore;
import dev.bulwark.dbcache.JdbcRevocationStore;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.lang.ref.WeakReference;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import javax.sql.DataSource;

/**
 * Binds bulwark-db-cache's stores, database, change feed and decision log; each part is optional,
 * set on the {@link #builder()}:
 *
 * <ul>
 *   <li>per store ({@code store} tag: api_keys, revocations, entities): its query cache through
 *       Micrometer's own {@link CaffeineCacheMetrics} on the store's read-only {@code
 *       cacheStatsView()} ({@code cache.gets{result}}, {@code cache.puts}, {@code
 *       cache.load{result}}, {@code cache.load.duration}, {@code cache.evictions}, {@code
 *       cache.size}, tag {@code cache} = {@code bulwark.<store>}); {@value
 *       MeterNames#DB_CACHE_NEGATIVE_HITS}; and {@value MeterNames#DB_QUERY}, the cache's queries
 *       as a function timer (count and total time);
 *   <li>the {@link Database}: {@value MeterNames#DB_CIRCUIT_BREAKER_STATE}{@code {state}} (closed,
 *       open, half_open; 1 for the current one), {@value MeterNames#DB_CIRCUIT_BREAKER_OPENS}, and
 *       HikariCP's own meters ({@code hikaricp.connections...}) on every pool the database owns,
 *       through {@link HikariDataSource#setMetricRegistry} (a pool takes one registry in its life:
 *       a pool already given one is left as it is);
 *   <li>the {@link ChangeFeed}: {@value MeterNames#DB_CHANGES_APPLIED_VERSION}, {@value
 *       MeterNames#DB_CHANGES_RECONNECTS}, {@value MeterNames#DB_CHANGES_NOTIFICATIONS}, and the
 *       change-log lag: {@value MeterNames#DB_CHANGES_LAG} (a function timer over every applied
 *       change), {@value MeterNames#DB_CHANGES_LAST_LAG} and {@value
 *       MeterNames#DB_CHANGES_SINCE_CAUGHT_UP};
 *   <li>the {@link JdbcDecisionLog}: {@value MeterNames#DECISION_LOG_QUEUED}, {@value
 *       MeterNames#DECISION_LOG_EVENTS}{@code {outcome}} (written, dropped, rejected), {@value
 *       MeterNames#DECISION_LOG_WRITE_FAILURES}.
 * </ul>
 *
 * <p>Every part is held weakly. Needs bulwark-db-cache. Thread-safe once built.
 */
public final class DbCacheMetrics implements MeterBinder {
  private static final String[] BREAKER_STATES = {"CLOSED", "OPEN", "HALF_OPEN"};

  private final WeakReference<JdbcApiKeyStore> apiKeys;
  private final WeakReference<JdbcRevocationStore> revocations;
  private final WeakReference<JdbcEntityStore> entities;
  private final WeakReference<Database> database;
  private final WeakReference<ChangeFeed> changeFeed;
  private final WeakReference<JdbcDecisionLog> decisionLog;

  private DbCacheMetrics(Builder b) {
    this.apiKeys = new WeakReference<>(b.apiKeys);
    this.revocations = new WeakReference<>(b.revocations);
    this.entities = new WeakReference<>(b.entities);
    this.database = new WeakReference<>(b.database);
    this.changeFeed = new WeakReference<>(b.changeFeed);
    this.decisionLog = new WeakReference<>(b.decisionLog);
  }

  /** Returns a builder with nothing set. */
  public static Builder builder() {
    return new Builder();
  }

  /** Registers the meters of every part that was set and is still reachable. */
  @Override
  public void bindTo(MeterRegistry registry) {
    store(
        registry,
        apiKeys.get(),
        "api_keys",
        JdbcApiKeyStore::cacheStats,
        JdbcApiKeyStore::cacheStatsView);
    store(
        registry,
        revocations.get(),
        "revocations",
        JdbcRevocationStore::cacheStats,
        JdbcRevocationStore::cacheStatsView);
    store(
        registry,
        entities.get(),
        "entities",
        JdbcEntityStore::cacheStats,
        JdbcEntityStore::cacheStatsView);
    Database db = database.get();
    if (db != null) {
      bindDatabase(registry, db);
    }
    ChangeFeed feed = changeFeed.get();
    if (feed != null) {
      Gauge.builder(MeterNames.DB_CHANGES_APPLIED_VERSION, feed, ChangeFeed::appliedVersion)
          .description("The change-log version the change feed has applied")
          .register(registry);
      FunctionCounter.builder(MeterNames.DB_CHANGES_RECONNECTS, feed, ChangeFeed::reconnects)
          .description("Times the change feed lost its connection and connected again")
          .register(registry);
      FunctionCounter.builder(MeterNames.DB_CHANGES_NOTIFICATIONS, feed, ChangeFeed::notifications)
          .description("PostgreSQL notifications that woke the change feed")
          .register(registry);
      FunctionTimer.builder(
              MeterNames.DB_CHANGES_LAG,
              feed,
              ChangeFeed::changesApplied,
              ChangeFeed::lagMillisTotal,
              TimeUnit.MILLISECONDS)
          .description("How long applied changes took from their writer to this instance")
          .register(registry);
      Gauge.builder(
              MeterNames.DB_CHANGES_LAST_LAG,
              feed,
              f -> f.lastLagMillis() < 0 ? Double.NaN : f.lastLagMillis() / 1000.0)
          .description("The lag of the last change applied")
          .baseUnit("seconds")
          .register(registry);
      Gauge.builder(
              MeterNames.DB_CHANGES_SINCE_CAUGHT_UP,
              feed,
              f -> f.millisSinceCaughtUp() < 0 ? Double.NaN : f.millisSinceCaughtUp() / 1000.0)
          .description("Time since the change feed last read the change log to its end")
          .baseUnit("seconds")
          .register(registry);
    }
    JdbcDecisionLog log = decisionLog.get();
    if (log != null) {
      Gauge.builder(MeterNames.DECISION_LOG_QUEUED, log, JdbcDecisionLog::queued)
          .description("Decision events waiting to be written")
          .register(registry);
      event(registry, log, "written", JdbcDecisionLog::written);
      event(registry, log, "dropped", JdbcDecisionLog::dropped);
      event(registry, log, "rejected", JdbcDecisionLog::rejected);
      FunctionCounter.builder(
              MeterNames.DECISION_LOG_WRITE_FAILURES, log, JdbcDecisionLog::failedWrites)
          .description("Batches the decision log failed to write")
          .register(registry);
    }
  }

  private static <T> void store(
      MeterRegistry registry,
      T store,
      String name,
      Function<T, CacheStatistics> stats,
      Function<T, Cache<Object, Object>> view) {
    if (store == null) {
      return;
    }
    Tags tags = Tags.of("store", name);
    // Caffeine's own binder, so that dashboards built for Caffeine caches read these as they are.
    // The view is the store's, held by it for its life; the binder holds it weakly.
    new CaffeineCacheMetrics<>(view.apply(store), "bulwark." + name, tags).bindTo(registry);
    FunctionCounter.builder(
            MeterNames.DB_CACHE_NEGATIVE_HITS, store, s -> stats.apply(s).negativeHits())
        .description("Lookups answered by a cached absent (an unknown key id, a token not revoked)")
        .tags(tags)
        .register(registry);
    FunctionTimer.builder(
            MeterNames.DB_QUERY,
            store,
            s -> stats.apply(s).loads(),
            s -> stats.apply(s).loadTimeNanos(),
            TimeUnit.NANOSECONDS)
        .description("Queries the store's cache made to load entries, failed ones included")
        .tags(tags)
        .register(registry);
  }

  private static void bindDatabase(MeterRegistry registry, Database db) {
    for (String state : BREAKER_STATES) {
      Gauge.builder(
              MeterNames.DB_CIRCUIT_BREAKER_STATE,
              db,
              d -> state.equals(d.circuitBreakerState()) ? 1 : 0)
          .description("1 for the state the circuit breaker in front of the primary is in")
          .tag("state", state.toLowerCase(Locale.ROOT))
          .register(registry);
    }
    FunctionCounter.builder(MeterNames.DB_CIRCUIT_BREAKER_OPENS, db, Database::circuitBreakerOpens)
        .description("Times the circuit breaker in front of the primary opened")
        .register(registry);
    for (DataSource ds : db.pools()) {
      if (ds instanceof HikariDataSource) {
        HikariDataSource pool = (HikariDataSource) ds;
        if (pool.getMetricRegistry() == null && pool.getMetricsTrackerFactory() == null) {
          pool.setMetricRegistry(registry);
        }
      }
    }
  }

  private static void event(
      MeterRegistry registry,
      JdbcDecisionLog log,
      String outcome,
      ToDoubleFunction<JdbcDecisionLog> f) {
    FunctionCounter.builder(MeterNames.DECISION_LOG_EVENTS, log, f)
        .description("Decision events by what became of them")
        .tag("outcome", outcome)
        .register(registry);
  }

  /** Builds a {@link DbCacheMetrics}; each part may be set once. Not thread-safe. */
  public static final class Builder {
    private JdbcApiKeyStore apiKeys;
    private JdbcRevocationStore revocations;
    private JdbcEntityStore entities;
    private Database database;
    private ChangeFeed changeFeed;
    private JdbcDecisionLog decisionLog;

    private Builder() {}

    private static void once(Object current, String setting) {
      if (current != null) {
        throw new IllegalStateException(setting + " was already set to " + current);
      }
    }

    /**
     * The API key store.
     *
     * @throws IllegalStateException if set twice
     */
    public Builder apiKeys(JdbcApiKeyStore store) {
      once(apiKeys, "apiKeys");
      this.apiKeys = Objects.requireNonNull(store, "apiKeys");
      return this;
    }

    /**
     * The revocation store.
     *
     * @throws IllegalStateException if set twice
     */
    public Builder revocations(JdbcRevocationStore store) {
      once(revocations, "revocations");
      this.revocations = Objects.requireNonNull(store, "revocations");
      return this;
    }

    /**
     * The entity store.
     *
     * @throws IllegalStateException if set twice
     */
    public Builder entities(JdbcEntityStore store) {
      once(entities, "entities");
      this.entities = Objects.requireNonNull(store, "entities");
      return this;
    }

    /**
     * The database: its circuit breaker and its HikariCP pools.
     *
     * @throws IllegalStateException if set twice
     */
    public Builder database(Database db) {
      once(database, "database");
      this.database = Objects.requireNonNull(db, "database");
      return this;
    }

    /**
     * The change feed.
     *
     * @throws IllegalStateException if set twice
     */
    public Builder changeFeed(ChangeFeed feed) {
      once(changeFeed, "changeFeed");
      this.changeFeed = Objects.requireNonNull(feed, "changeFeed");
      return this;
    }

    /**
     * The decision log.
     *
     * @throws IllegalStateException if set twice
     */
    public Builder decisionLog(JdbcDecisionLog log) {
      once(decisionLog, "decisionLog");
      this.decisionLog = Objects.requireNonNull(log, "decisionLog");
      return this;
    }

    /** Builds the binder; it holds what was set weakly. */
    public DbCacheMetrics build() {
      return new DbCacheMetrics(this);
    }
  }
}
