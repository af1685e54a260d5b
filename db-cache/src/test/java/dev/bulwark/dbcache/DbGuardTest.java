/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.dbcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.auth.store.StoreUnavailableException;
import dev.bulwark.dbcache.internal.DbGuard;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DbGuardTest {
  private final DbGuard guard =
      new DbGuard("primary", Duration.ofMillis(200), Duration.ofSeconds(5));
  private final AtomicInteger attempts = new AtomicInteger();

  private String failing() throws SQLException {
    attempts.incrementAndGet();
    throw new SQLTransientConnectionException("connection refused to jdbc:x", "08001");
  }

  private String call(DbGuard.SqlCall<String> c) {
    return guard.call(c, StoreUnavailableException::new);
  }

  private void failUntilOpen() {
    for (int i = 0; i < DbGuard.MINIMUM_CALLS; i++) {
      assertThatThrownBy(() -> call(this::failing)).isInstanceOf(StoreUnavailableException.class);
    }
  }

  @Test
  void call_sqlFailure_becomesUnavailableNamingTheSqlStateNotTheDriverMessage() {
    assertThatThrownBy(() -> call(this::failing))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining("08001")
        .hasMessageNotContaining("jdbc:x");
  }

  @Test
  void call_repeatedFailures_openTheBreaker() {
    failUntilOpen();
    assertThat(guard.state()).isEqualTo("OPEN");
    assertThat(guard.opens()).isEqualTo(1);
  }

  @Test
  void call_whileOpen_failsWithoutAskingTheDatabase() {
    failUntilOpen();
    int before = attempts.get();
    assertThatThrownBy(() -> call(this::failing))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining("circuit breaker open");
    assertThat(attempts).hasValue(before);
  }

  @Test
  void call_afterOpenIntervalWithDatabaseBack_closesTheBreaker() throws Exception {
    failUntilOpen();
    Thread.sleep(300);
    for (int i = 0; i < DbGuard.HALF_OPEN_CALLS; i++) {
      assertThat(call(() -> "ok")).isEqualTo("ok");
    }
    assertThat(guard.state()).isEqualTo("CLOSED");
  }

  @Test
  void call_callerBug_isNotCountedAsAnOutage() {
    for (int i = 0; i < 2 * DbGuard.MINIMUM_CALLS; i++) {
      assertThatThrownBy(
              () ->
                  call(
                      () -> {
                        throw new IllegalArgumentException("bad key");
                      }))
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(guard.state()).isEqualTo("CLOSED");
  }
}
