/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.dbcache;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.bulwark.testkit.PostgresServers;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The test class's database on the PostgreSQL primary of {@link PostgresServers}, emptied for each
 * test. A JUnit extension wrapping {@link PostgresServers} (so its tests skip, or fail under CI,
 * without the servers); a PostgreSQL subclass of a store test registers it in a static field and
 * returns it from {@code testDatabase()}.
 */
final class PostgresTestDatabase implements TestDatabase, BeforeAllCallback, AfterAllCallback {
  private final PostgresServers pg = new PostgresServers();
  // Pooled: the store tests make thousands of short transactions, and a new PostgreSQL session for
  // each would make them slower than their timeouts allow.
  private HikariDataSource pool;

  @Override
  public void beforeAll(ExtensionContext context) throws SQLException {
    pg.beforeAll(context);
    HikariConfig c = new HikariConfig();
    c.setJdbcUrl(pg.primaryUrl());
    c.setMaximumPoolSize(10);
    pool = new HikariDataSource(c);
    BulwarkSchema.migrate(pool);
  }

  @Override
  public void afterAll(ExtensionContext context) throws SQLException {
    if (pool != null) {
      pool.close();
    }
    pg.afterAll(context);
  }

  @Override
  public DataSource freshDataSource() throws SQLException {
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement()) {
      s.execute(
          "TRUNCATE bulwark_change_log, bulwark_api_keys, bulwark_revoked_tokens,"
              + " bulwark_revoked_subjects, bulwark_revoked_api_keys, bulwark_entity_parents,"
              + " bulwark_entities, bulwark_active_policy_set, bulwark_policy_links,"
              + " bulwark_policies, bulwark_policy_sets");
      s.execute("UPDATE bulwark_change_counter SET version = 0");
    }
    return pool;
  }

  @Override
  public String jdbcUrl() {
    return pg.primaryUrl();
  }

  @Override
  public String username() {
    return pg.user();
  }

  @Override
  public String password() {
    return pg.password();
  }

  @Override
  public String unreachableUrl() {
    return "jdbc:postgresql://127.0.0.1:1/bulwark";
  }
}
