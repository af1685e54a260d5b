/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.dbcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bulwark.dbcache.DecisionEvent.Kind;
import dev.bulwark.dbcache.DecisionEvent.Outcome;
import dev.bulwark.dbcache.JdbcDecisionLog.WhenFull;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every database must do for {@link JdbcDecisionLog}: a subclass supplies a fresh database
 * with Bulwark's schema and a text its text columns refuse, and gets every test.
 */
abstract class JdbcDecisionLogContract {
  // Generous bounds: these tests assert behaviour, never speed, on a shared machine.
  private static final Duration LONG = Duration.ofSeconds(60);
  private static final Duration MILLION = Duration.ofMinutes(5);

  /** A database with Bulwark's schema and an empty {@code bulwark_decision_log}. */
  protected abstract DataSource newDatabase() throws SQLException;

  /**
   * A principal the database itself refuses to store (a character it does not take), or null if it
   * takes every string short of its memory limits (then only the simulated refusal is tested).
   */
  protected abstract String textTheDatabaseRefuses();

  private DataSource real;
  private FlakyDataSource flaky;
  private Database database;
  private JdbcDecisionLog log;
  private final List<ExecutorService> pools = new ArrayList<>();

  @BeforeEach
  void freshDatabase() throws SQLException {
    real = newDatabase();
    flaky = new FlakyDataSource(real);
    database = Database.of(flaky, List.of());
  }

  @AfterEach
  void stopEverything() {
    flaky.up();
    flaky.release();
    if (log != null) {
      log.close();
    }
    pools.forEach(ExecutorService::shutdownNow);
  }

  private JdbcDecisionLog.Builder builder() {
    return JdbcDecisionLog.builder(database).closeTimeout(LONG);
  }

  private ExecutorService pool(int threads) {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    pools.add(pool);
    return pool;
  }

  private static DecisionEvent event(int i) {
    return new DecisionEvent(
        UUID.randomUUID(),
        Instant.now(),
        Kind.AUTHORIZATION,
        "User::\"u" + i + "\"",
        "Action::\"read\"",
        "Doc::\"d\"",
        Outcome.ALLOW,
        List.of("p1"),
        List.of(),
        7L,
        null,
        1234);
  }

  /** The number of rows and of distinct decision ids in the table. */
  private long[] rowsAndDistinctIds() throws SQLException {
    try (Connection c = real.getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT COUNT(*), COUNT(DISTINCT decision_id) FROM bulwark_decision_log")) {
      rs.next();
      return new long[] {rs.getLong(1), rs.getLong(2)};
    }
  }

  /** Calls accept for {@code perThread} events on each of {@code threads} threads, and waits. */
  private void acceptFrom(int threads, int perThread) throws Exception {
    ExecutorService pool = pool(threads);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      done.add(
          pool.submit(
              () -> {
                for (int i = 0; i < perThread; i++) {
                  log.accept(event(i));
                }
              }));
    }
    for (Future<?> f : done) {
      f.get();
    }
  }

  private static void awaitTrue(java.util.function.BooleanSupplier condition) {
    assertTimeoutPreemptively(
        LONG,
        () -> {
          while (!condition.getAsBoolean()) {
            Thread.sleep(5);
          }
        });
  }

  @Test
  void accept_millionEventsFromEightThreads_storesEachOnce() throws Exception {
    log = builder().batchSize(5000).build();
    assertTimeoutPreemptively(
        MILLION,
        () -> {
          acceptFrom(8, 125_000);
          log.close();
        });
    assertThat(rowsAndDistinctIds()).containsExactly(1_000_000, 1_000_000);
    assertThat(log.written()).isEqualTo(1_000_000);
    assertThat(log.queued()).isZero();
    assertThat(log.dropped()).isZero();
  }

  @Test
  void accept_fullQueueWithDrop_dropsAndCountsTheRest() throws Exception {
    flaky.stall();
    log = builder().capacity(2).batchSize(1).whenFull(WhenFull.DROP).build();
    for (int i = 0; i < 100; i++) {
      log.accept(event(i));
    }
    // The writer holds at most one event and the queue two: the rest had no room.
    assertThat(log.dropped()).isGreaterThanOrEqualTo(97);
    assertThat(log.accepted() + log.dropped()).isEqualTo(100);
    flaky.release();
    log.close();
    assertThat(rowsAndDistinctIds()[0]).isEqualTo(log.accepted());
    assertThat(log.written()).isEqualTo(log.accepted());
  }

  @Test
  void accept_fullQueueWithBlock_waitsForRoomAndDropsNothing() throws Exception {
    flaky.stall();
    log = builder().capacity(2).batchSize(1).whenFull(WhenFull.BLOCK).build();
    ExecutorService pool = pool(1);
    Future<?> producer =
        pool.submit(
            () -> {
              for (int i = 0; i < 20; i++) {
                log.accept(event(i));
              }
            });
    // The writer is stalled with one event and the queue holds two: the producer must wait.
    Thread.sleep(200);
    assertThat(producer).isNotDone();
    flaky.release();
    producer.get(LONG.toSeconds(), TimeUnit.SECONDS);
    log.close();
    assertThat(log.dropped()).isZero();
    assertThat(rowsAndDistinctIds()).containsExactly(20, 20);
  }

  @Test
  void accept_tinyQueueWithBlockUnderManyProducers_dropsNothing() throws Exception {
    log = builder().capacity(4).batchSize(2).whenFull(WhenFull.BLOCK).build();
    acceptFrom(4, 2_000);
    log.close();
    assertThat(log.dropped()).isZero();
    assertThat(rowsAndDistinctIds()).containsExactly(8_000, 8_000);
  }

  @Test
  void close_eventsStillQueued_writesThemAll() throws Exception {
    flaky.stall();
    log = builder().batchSize(100).build();
    for (int i = 0; i < 10_000; i++) {
      log.accept(event(i));
    }
    assertThat(log.written()).isZero();
    flaky.release();
    log.close();
    assertThat(rowsAndDistinctIds()).containsExactly(10_000, 10_000);
    assertThat(log.queued()).isZero();
  }

  @Test
  void accept_afterClose_throwsIllegalStateException() {
    log = builder().build();
    log.close();
    assertThatThrownBy(() -> log.accept(event(1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void close_calledTwice_secondReturns() {
    log = builder().build();
    log.close();
    assertTimeoutPreemptively(Duration.ofSeconds(5), log::close);
  }

  @Test
  void write_databaseDownThenBack_storesEveryEventOnce() throws Exception {
    log = builder().batchSize(100).retryDelay(Duration.ofMillis(1), Duration.ofMillis(20)).build();
    flaky.down();
    acceptFrom(2, 2_500);
    awaitTrue(() -> log.failedWrites() >= 3);
    assertThat(log.written()).isZero();
    assertThat(log.queued()).isEqualTo(5_000);
    flaky.up();
    log.close();
    assertThat(rowsAndDistinctIds()).containsExactly(5_000, 5_000);
    assertThat(log.written()).isEqualTo(5_000);
  }

  @Test
  void write_databaseFailsAfterSomeBatches_storesEveryEventOnce() throws Exception {
    log = builder().batchSize(10).retryDelay(Duration.ofMillis(1), Duration.ofMillis(20)).build();
    for (int i = 0; i < 500; i++) {
      log.accept(event(i));
    }
    awaitTrue(() -> log.written() == 500);
    flaky.down();
    for (int i = 0; i < 500; i++) {
      log.accept(event(i));
    }
    awaitTrue(() -> log.failedWrites() >= 2);
    flaky.up();
    log.close();
    assertThat(rowsAndDistinctIds()).containsExactly(1_000, 1_000);
  }

  @Test
  void write_commitAnswerLost_retryStoresNoDuplicate() throws Exception {
    // Each batch is committed, then reported failed: the writer must not store it twice.
    flaky.loseNextCommitAnswers(3);
    log = builder().batchSize(50).retryDelay(Duration.ofMillis(1), Duration.ofMillis(5)).build();
    for (int i = 0; i < 500; i++) {
      log.accept(event(i));
    }
    log.close();
    assertThat(log.failedWrites()).isEqualTo(3);
    assertThat(rowsAndDistinctIds()).containsExactly(500, 500);
    assertThat(log.written()).isEqualTo(500);
  }

  @Test
  void write_sameEventTwice_storesOneRow() throws Exception {
    log = builder().build();
    DecisionEvent e = event(1);
    log.accept(e);
    log.accept(e);
    log.close();
    assertThat(rowsAndDistinctIds()).containsExactly(1, 1);
  }

  /** Accepts 50 good events, one with {@code principal}, 49 good ones, and closes. */
  private void acceptAroundOneWithPrincipal(String principal) {
    flaky.stall();
    log = builder().batchSize(100).build();
    for (int i = 0; i < 50; i++) {
      log.accept(event(i));
    }
    log.accept(
        new DecisionEvent(
            UUID.randomUUID(),
            Instant.now(),
            Kind.AUTHENTICATION,
            principal,
            null,
            null,
            Outcome.ALLOW,
            List.of(),
            List.of(),
            null,
            null,
            1));
    for (int i = 0; i < 49; i++) {
      log.accept(event(i));
    }
    flaky.release();
    log.close();
  }

  @Test
  void write_eventRefusedForItsData_isRejectedAndTheOthersStored() throws Exception {
    flaky.refuseText("refused principal");
    acceptAroundOneWithPrincipal("refused principal");
    assertThat(log.rejected()).isEqualTo(1);
    assertThat(log.written()).isEqualTo(99);
    assertThat(log.queued()).isZero();
    assertThat(rowsAndDistinctIds()).containsExactly(99, 99);
  }

  @Test
  void write_textTheDatabaseRefuses_isRejectedAndTheOthersStored() throws Exception {
    String refused = textTheDatabaseRefuses();
    assumeTrue(refused != null, "this database takes every text");
    acceptAroundOneWithPrincipal(refused);
    assertThat(log.rejected()).isEqualTo(1);
    assertThat(log.written()).isEqualTo(99);
    assertThat(rowsAndDistinctIds()).containsExactly(99, 99);
  }

  @Test
  void close_databaseDownPastTheTimeout_returnsAndKeepsCountingWhatWasNotWritten() {
    flaky.down();
    log =
        JdbcDecisionLog.builder(database)
            .closeTimeout(Duration.ofMillis(200))
            .retryDelay(Duration.ofMillis(1), Duration.ofMillis(20))
            .build();
    for (int i = 0; i < 10; i++) {
      log.accept(event(i));
    }
    assertTimeoutPreemptively(Duration.ofSeconds(10), log::close);
    assertThat(log.queued()).isEqualTo(10);
    assertThat(log.written()).isZero();
    assertThatThrownBy(() -> log.accept(event(1))).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void accept_blockedWhenCloseGivesUp_throwsIllegalStateException() throws Exception {
    flaky.down();
    log =
        JdbcDecisionLog.builder(database)
            .capacity(2)
            .batchSize(1)
            .closeTimeout(Duration.ofMillis(200))
            .retryDelay(Duration.ofMillis(1), Duration.ofMillis(20))
            .build();
    CountDownLatch started = new CountDownLatch(1);
    Future<?> producer =
        pool(1)
            .submit(
                () -> {
                  started.countDown();
                  for (int i = 0; i < 10; i++) {
                    log.accept(event(i));
                  }
                });
    started.await();
    awaitTrue(() -> log.queued() >= 3);
    log.close();
    assertThatThrownBy(() -> producer.get(LONG.toSeconds(), TimeUnit.SECONDS))
        .hasCauseInstanceOf(IllegalStateException.class);
  }

  @Test
  void writer_isADaemonThreadWithTheConfiguredName() {
    log = builder().threadName("audit-writer").build();
    Thread writer =
        Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.getName().startsWith("audit-writer-"))
            .findFirst()
            .orElseThrow();
    assertThat(writer.isDaemon()).isTrue();
  }

  @Test
  void write_everyColumn_readsBackAsAccepted() throws Exception {
    log = builder().build();
    UUID id = UUID.randomUUID();
    Instant time = Instant.parse("2026-03-01T12:34:56.123456Z");
    log.accept(
        new DecisionEvent(
            id,
            time,
            Kind.AUTHORIZATION,
            "User::\"alice\"",
            "Action::\"view\"",
            "Photo::\"a.jpg\"",
            Outcome.DENY,
            List.of("forbid-1", "with,comma"),
            List.of("back\\slash"),
            42L,
            "r",
            987_654_321L));
    DecisionEvent nulls =
        new DecisionEvent(
            UUID.randomUUID(),
            time,
            Kind.AUTHENTICATION,
            null,
            null,
            null,
            Outcome.DENY,
            List.of(),
            List.of(),
            null,
            "EXPIRED",
            5);
    log.accept(nulls);
    log.close();
    try (Connection c = real.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT decided_at, kind, principal, action, resource, decision,"
                    + " determining_policies, erroring_policies, policy_set_version, reason,"
                    + " latency_nanos FROM bulwark_decision_log WHERE decision_id = ?")) {
      ps.setObject(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getObject(1, OffsetDateTime.class).toInstant())
            .isEqualTo(time.truncatedTo(ChronoUnit.MICROS));
        assertThat(rs.getString(2)).isEqualTo("AUTHORIZATION");
        assertThat(rs.getString(3)).isEqualTo("User::\"alice\"");
        assertThat(rs.getString(4)).isEqualTo("Action::\"view\"");
        assertThat(rs.getString(5)).isEqualTo("Photo::\"a.jpg\"");
        assertThat(rs.getString(6)).isEqualTo("DENY");
        assertThat(rs.getString(7)).isEqualTo("forbid-1,with\\,comma");
        assertThat(rs.getString(8)).isEqualTo("back\\\\slash");
        assertThat(rs.getLong(9)).isEqualTo(42);
        assertThat(rs.getString(10)).isEqualTo("r");
        assertThat(rs.getLong(11)).isEqualTo(987_654_321L);
      }
      ps.setObject(1, nulls.decisionId());
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(3)).isNull();
        assertThat(rs.getString(7)).isNull();
        assertThat(rs.getString(8)).isNull();
        assertThat(rs.getObject(9)).isNull();
        assertThat(rs.getString(10)).isEqualTo("EXPIRED");
      }
    }
  }
}
