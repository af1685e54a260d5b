/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.dbcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.bulwark.auth.store.ApiKeyRecord;
import dev.bulwark.auth.store.StoreUnavailableException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link Database}: the pools its builder creates, replica selection and health, and that the
 * password never shows. A subclass per database runs it.
 */
abstract class DatabaseTest {
  /** The database the pools connect to. */
  protected abstract TestDatabase testDatabase();

  private TestDatabase t;
  private DataSource primary;
  private Database built;

  @BeforeEach
  void freshDatabase() throws SQLException {
    t = testDatabase();
    primary = t.freshDataSource();
  }

  @AfterEach
  void closePools() {
    if (built != null) {
      built.close();
    }
  }

  private Database.Builder builder() {
    return Database.builder().jdbcUrl(t.jdbcUrl()).username(t.username()).password(t.password());
  }

  private static String everything(Throwable e) {
    StringWriter w = new StringWriter();
    e.printStackTrace(new PrintWriter(w));
    return w.toString();
  }

  // ---- building ----

  @Test
  void build_reachablePrimary_givesConnectionsToIt() throws SQLException {
    built = builder().build();

    try (Connection c = built.primary().getConnection()) {
      assertThat(c.isValid(1)).isTrue();
    }
  }

  @Test
  void build_storesOnThePools_readAndWrite() throws SQLException {
    built = builder().build();
    JdbcApiKeyStore store = JdbcApiKeyStore.builder(built).build();
    ApiKeyRecord r =
        new ApiKeyRecord("k1", new byte[32], "alice", Set.of(), Instant.EPOCH, null, false);

    store.insert(r);

    assertThat(store.findByKeyId("k1")).contains(r);
  }

  @Test
  void build_noJdbcUrl_throwsIllegalStateNamingIt() {
    assertThatThrownBy(() -> Database.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("jdbcUrl");
  }

  @Test
  void jdbcUrl_otherDatabase_throwsIllegalArgumentNamingTheSetting() {
    assertThatThrownBy(() -> Database.builder().jdbcUrl("jdbc:mysql://db/x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("jdbcUrl")
        .hasMessageContaining("jdbc:mysql://db/x");
  }

  @Test
  void queryTimeout_fractionOfASecond_throwsIllegalArgumentWithTheValue() {
    assertThatThrownBy(() -> Database.builder().queryTimeout(Duration.ofMillis(1500)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("queryTimeout")
        .hasMessageContaining("PT1.5S");
  }

  @Test
  void maximumPoolSize_zero_throwsIllegalArgumentWithTheValue() {
    assertThatThrownBy(() -> Database.builder().maximumPoolSize(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maximumPoolSize must be between 1 and 1000, was 0");
  }

  @Test
  void connectionTimeout_belowHikarisLeast_throwsIllegalArgument() {
    assertThatThrownBy(() -> Database.builder().connectionTimeout(Duration.ofMillis(10)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("connectionTimeout");
  }

  @Test
  void queryTimeout_setting_isAppliedToEveryStatement() throws SQLException {
    built = builder().queryTimeout(Duration.ofSeconds(7)).build();

    assertThat(built.queryTimeoutSeconds()).isEqualTo(7);
  }

  // ---- the password never shows ----

  @Test
  void toString_ofTheBuilder_neverShowsThePassword() {
    String s =
        Database.builder()
            .jdbcUrl(t.jdbcUrl())
            .username(t.username())
            .password("primary-Secret-31")
            .replica(t.jdbcUrl(), "other", "replica-Secret-77")
            .toString();

    assertThat(s).doesNotContain("primary-Secret-31").doesNotContain("replica-Secret-77");
    assertThat(s).contains("<masked>");
  }

  @Test
  void toString_ofTheDatabase_neverShowsThePassword() throws SQLException {
    built = builder().build();

    assertThat(built.toString()).doesNotContain(t.password());
  }

  @Test
  void build_unreachablePrimary_messageAndCausesNeverContainThePassword() {
    Database.Builder b =
        Database.builder()
            .jdbcUrl(t.unreachableUrl())
            .username(t.username())
            .password("unreachable-Secret-42")
            .connectionTimeout(Duration.ofMillis(250));

    Throwable e = catchThrowable(b::build);

    assertThat(e).isInstanceOf(SQLException.class).hasMessageContaining("cannot connect");
    assertThat(everything(e)).doesNotContain("unreachable-Secret-42");
  }

  @Test
  void build_passwordInTheUrl_isMaskedInMessagesAndToString() {
    String secret = "url-Secret-5521";
    String url = t.unreachableUrl() + (t.unreachableUrl().startsWith("jdbc:h2") ? ";" : "?");
    url += (url.endsWith(";") ? "PASSWORD=" : "password=") + secret;
    Database.Builder b = Database.builder().jdbcUrl(url).connectionTimeout(Duration.ofMillis(250));

    Throwable e = catchThrowable(b::build);

    assertThat(b.toString()).doesNotContain(secret);
    assertThat(everything(e)).doesNotContain(secret);
  }

  // ---- closing ----

  @Test
  void close_builtDatabase_readsThenThrowStoreUnavailable() throws SQLException {
    Database db = builder().build();
    JdbcApiKeyStore store = JdbcApiKeyStore.builder(db).build();

    db.close();

    assertThatThrownBy(() -> store.findByKeyId("k1")).isInstanceOf(StoreUnavailableException.class);
  }

  @Test
  void close_databaseOfTheCallersPools_leavesThemOpen() throws SQLException {
    Database db = Database.of(primary, List.of());

    db.close();

    try (Connection c = primary.getConnection()) {
      assertThat(c.isValid(1)).isTrue();
    }
  }

  // ---- replicas ----

  @Test
  void reader_noReplicas_isThePrimary() throws SQLException {
    Database db = Database.of(primary, List.of());

    assertThat(db.reader()).isSameAs(primary);
  }

  @Test
  void reader_twoReplicas_alternatesBetweenThem() throws SQLException {
    DataSource r1 = new CountingDataSource(primary);
    DataSource r2 = new CountingDataSource(primary);
    Database db = Database.of(primary, List.of(r1, r2));

    assertThat(List.of(db.reader(), db.reader(), db.reader(), db.reader()))
        .containsExactly(r1, r2, r1, r2);
  }

  @Test
  void reader_replicaReportedFailed_isLeftOutUntilTheRecheckInterval() throws SQLException {
    AtomicLong now = new AtomicLong();
    built =
        builder()
            .replica(t.jdbcUrl())
            .replicaRecheckInterval(Duration.ofSeconds(5))
            .nanoTime(now::get)
            .build();
    DataSource replica = built.reader();
    assertThat(replica).isNotSameAs(built.primary());

    built.replicaFailed(replica);
    DataSource whileDown = built.reader();
    now.addAndGet(Duration.ofSeconds(5).toNanos());

    assertThat(whileDown).isSameAs(built.primary());
    assertThat(built.reader()).isSameAs(replica);
  }

  @Test
  void reader_oneOfTwoReplicasDown_usesTheOther() throws SQLException {
    DataSource r1 = new CountingDataSource(primary);
    DataSource r2 = new CountingDataSource(primary);
    Database db = Database.of(primary, List.of(r1, r2));

    db.replicaFailed(r1);

    assertThat(List.of(db.reader(), db.reader(), db.reader())).containsOnly(r2);
  }

  @Test
  void build_unreachableReplica_buildsAndReadsFallBackToThePrimary() throws SQLException {
    built = builder().replica(t.unreachableUrl()).connectionTimeout(Duration.ofMillis(250)).build();
    JdbcApiKeyStore store = JdbcApiKeyStore.builder(built).build();
    ApiKeyRecord r =
        new ApiKeyRecord("k1", new byte[32], "alice", Set.of(), Instant.EPOCH, null, false);
    store.insert(r);

    assertThat(store.findByKeyId("k1")).contains(r);
    assertThat(built.reader()).as("the failed replica is left out").isSameAs(built.primary());
  }
}
