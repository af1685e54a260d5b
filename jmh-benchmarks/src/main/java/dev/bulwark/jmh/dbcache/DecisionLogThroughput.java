/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.jmh.dbcache;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.bulwark.dbcache.BulwarkSchema;
import dev.bulwark.dbcache.Database;
import dev.bulwark.dbcache.DecisionEvent;
import dev.bulwark.dbcache.JdbcDecisionLog;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The decision log's sustained throughput: four producer threads build an authorization event each
 * and hand it to one shared {@link JdbcDecisionLog} in {@link JdbcDecisionLog.WhenFull#BLOCK} mode.
 * The queue is small next to a measurement iteration, so once it is full every accept waits for the
 * writer: the score is the rate at which the writer stores events in the database, in events per
 * second (plus the producers' cost of building an event, a random UUID among it).
 *
 * <p>The database is H2 in memory by default; {@code -p jdbcUrl=...} points the same benchmark at
 * PostgreSQL, for example {@code
 * jdbc:postgresql://127.0.0.1:55432/bulwark?user=bulwark&password=bulwark&reWriteBatchedInserts=true}
 * (the schema is created if missing, and the table is emptied before each iteration).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(4)
public class DecisionLogThroughput {

  @Param({"jdbc:h2:mem:decision-log-bench;DB_CLOSE_DELAY=-1"})
  public String jdbcUrl;

  @Param({"1000"})
  public int batchSize;

  @Param({"8192"})
  public int capacity;

  private HikariDataSource pool;
  private JdbcDecisionLog log;

  /** Creates the schema, the pool and the log. */
  @Setup(Level.Trial)
  public void setUp() throws Exception {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setMaximumPoolSize(2);
    pool = new HikariDataSource(config);
    BulwarkSchema.migrate(pool);
    log =
        JdbcDecisionLog.builder(Database.of(pool, List.of()))
            .capacity(capacity)
            .batchSize(batchSize)
            .whenFull(JdbcDecisionLog.WhenFull.BLOCK)
            .build();
  }

  /**
   * Empties the table, so that every iteration inserts into a table of the same size (and an
   * in-memory database does not fill the heap).
   */
  @Setup(Level.Iteration)
  public void emptyTable() throws Exception {
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement()) {
      s.execute("TRUNCATE TABLE bulwark_decision_log");
    }
  }

  /** Writes what is queued, checks that nothing was lost, and closes the pool. */
  @TearDown(Level.Trial)
  public void tearDown() {
    log.close();
    try {
      if (log.queued() != 0 || log.dropped() != 0 || log.rejected() != 0) {
        throw new IllegalStateException("decision log lost events: " + log);
      }
    } finally {
      pool.close();
    }
  }

  /** One authorization event, built as an engine's caller builds it, handed to the log. */
  @Benchmark
  public void accept() {
    log.accept(
        new DecisionEvent(
            UUID.randomUUID(),
            Instant.now(),
            DecisionEvent.Kind.AUTHORIZATION,
            "User::\"alice\"",
            "Action::\"view\"",
            "Photo::\"vacation.jpg\"",
            DecisionEvent.Outcome.ALLOW,
            List.of("owner-can-view"),
            List.of(),
            42L,
            null,
            1_500));
  }
}
