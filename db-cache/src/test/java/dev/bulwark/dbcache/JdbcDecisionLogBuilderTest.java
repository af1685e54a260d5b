/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.dbcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.dbcache.JdbcDecisionLog.WhenFull;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JdbcDecisionLogBuilderTest {
  private Database database;

  @BeforeEach
  void freshDatabase() throws SQLException {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:decision-builder-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    BulwarkSchema.migrate(ds);
    database = Database.of(ds, List.of());
  }

  @Test
  void capacity_belowMinimum_throwsIllegalArgumentExceptionNamingIt() {
    assertThatThrownBy(() -> JdbcDecisionLog.builder(database).capacity(1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("capacity must be between 2 and 1073741824, was 1");
  }

  @Test
  void batchSize_zero_throwsIllegalArgumentExceptionNamingIt() {
    assertThatThrownBy(() -> JdbcDecisionLog.builder(database).batchSize(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("batchSize must be between 1 and 100000, was 0");
  }

  @Test
  void build_batchSizeAboveCapacity_throwsIllegalArgumentException() {
    assertThatThrownBy(() -> JdbcDecisionLog.builder(database).capacity(8).batchSize(9).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("batchSize must be at most capacity (8), was 9");
  }

  @Test
  void closeTimeout_zero_throwsIllegalArgumentExceptionNamingIt() {
    assertThatThrownBy(() -> JdbcDecisionLog.builder(database).closeTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("closeTimeout must be between 1ms and 1d, was PT0S");
  }

  @Test
  void retryDelay_maxBelowMin_throwsIllegalArgumentException() {
    assertThatThrownBy(
            () ->
                JdbcDecisionLog.builder(database)
                    .retryDelay(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("retryDelay max must be between min (PT2S) and 1h, was PT1S");
  }

  @Test
  void threadName_blank_throwsIllegalArgumentException() {
    assertThatThrownBy(() -> JdbcDecisionLog.builder(database).threadName(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("threadName");
  }

  @Test
  void whenFull_setTwice_throwsIllegalStateException() {
    JdbcDecisionLog.Builder b = JdbcDecisionLog.builder(database).whenFull(WhenFull.DROP);
    assertThatThrownBy(() -> b.whenFull(WhenFull.BLOCK))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("whenFull was already set to DROP, cannot set it again to BLOCK");
  }

  @Test
  void build_defaults_blocksWhenFull() {
    try (JdbcDecisionLog log = JdbcDecisionLog.builder(database).build()) {
      assertThat(log.toString()).contains("whenFull=BLOCK").contains("capacity=65536");
    }
  }
}
