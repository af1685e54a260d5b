/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.metrics;

import com.zaxxer.hikari.HikariDataSource;
import dev.bulwark.dbcache.CacheStatistics;
import dev.bulwark.dbcache.ChangeFeed;
import dev.bulwark.dbcache.Database;
import dev.bulwark.dbcache.JdbcApiKeyStore;
import dev.bulwark.dbcache.JdbcDecisionLog;
import dev.bulwark.dbcache.JdbcEntityStore;
import dev.bulwark.dbcache.JdbcRevocationStore;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.lang.ref.WeakReference;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import javax.sql.DataSource;

/**
 * Binds bulwark-db-cache's stores, database, change feed and decision log; each part is optional,
 * set on the {@link #builder()}:
 *
 * <ul>
 *   <li>per store ({@code store} tag: api_keys, revocations, entities), from its {@code
 *       cacheStats()}: {@value MeterNames#DB_CACHE_GETS}{@code {result}} (hit, miss), {@value
 *       MeterNames#DB_CACHE_EVICTIONS}, {@value MeterNames#DB_CACHE_SIZE}, {@value
 *       MeterNames#DB_CACHE_LOAD_FAILURES};
 *   <li>the {@link Database}: {@value MeterNames#DB_CIRCUIT_BREAKER_STATE}{@code {state}} (closed,
 *       open, half_open; 1 for the current one), {@value MeterNames#DB_CIRCUIT_BREAKER_OPENS}, and
 *       HikariCP's own meters ({@code hikaricp.connections...}) on every pool the database owns,
 *       through {@link HikariDataSource#setMetricRegistry} (a pool takes one registry in its life:
 *       a pool already given one is left as it is);
 *   <li>the {@link ChangeFeed}: {@value MeterNames#DB_CHANGES_APPLIED_VERSION}, {@value
 *       MeterNames#DB_CHANGES_RECONNECTS}, {@value MeterNames#DB_CHANGES_NOTIFICATIONS};
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
    store(registry, apiKeys.get(), "api_keys", JdbcApiKeyStore::cacheStats);
    store(registry, revocations.get(), "revocations", JdbcRevocationStore::cacheStats);
    store(registry, entities.get(), "entities", JdbcEntityStore::cacheStats);
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
      MeterRegistry registry, T store, String name, Function<T, CacheStatistics> stats) {
    if (store == null) {
      return;
    }
    Tags tags = Tags.of("store", name);
    gets(registry, store, tags, "hit", s -> stats.apply(s).hits());
    gets(registry, store, tags, "miss", s -> stats.apply(s).misses());
    FunctionCounter.builder(MeterNames.DB_CACHE_EVICTIONS, store, s -> stats.apply(s).evictions())
        .description("Entries the query cache dropped for its bound or TTL")
        .tags(tags)
        .register(registry);
    FunctionCounter.builder(
            MeterNames.DB_CACHE_LOAD_FAILURES, store, s -> stats.apply(s).loadFailures())
        .description("Cache loads that failed because the database could not be asked")
        .tags(tags)
        .register(registry);
    Gauge.builder(MeterNames.DB_CACHE_SIZE, store, s -> stats.apply(s).size())
        .description("Entries the query cache holds")
        .tags(tags)
        .register(registry);
  }

  private static <T> void gets(
      MeterRegistry registry, T store, Tags tags, String result, ToDoubleFunction<T> f) {
    FunctionCounter.builder(MeterNames.DB_CACHE_GETS, store, f)
        .description("Lookups in the store's query cache")
        .tags(tags)
        .tag("result", result)
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
