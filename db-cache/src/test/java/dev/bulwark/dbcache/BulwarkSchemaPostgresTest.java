/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.dbcache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.testkit.PostgresServers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The migration on PostgreSQL, from instances that start at once: one applies each script, all see
 * the schema whole. The class's database is new, so the first call finds no table.
 */
class BulwarkSchemaPostgresTest {
  @RegisterExtension static final PostgresServers PG = new PostgresServers();

  @Test
  void migrate_fromSeveralInstancesAtOnce_appliesEachScriptOnceAndEveryoneSeesTheSchema()
      throws Exception {
    int instances = 6;
    ExecutorService pool = Executors.newFixedThreadPool(instances);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<Long>> results = new ArrayList<>();
      List<String> applied = java.util.Collections.synchronizedList(new ArrayList<>());
      for (int i = 0; i < instances; i++) {
        results.add(
            pool.submit(
                (Callable<Long>)
                    () -> {
                      // A data source each, as separate instances have.
                      PGSimpleDataSource ds = new PGSimpleDataSource();
                      ds.setURL(PG.primaryUrl());
                      start.await();
                      applied.addAll(BulwarkSchema.migrate(ds));
                      try (Connection c = ds.getConnection();
                          Statement s = c.createStatement();
                          ResultSet rs =
                              s.executeQuery("SELECT version FROM bulwark_change_counter")) {
                        rs.next();
                        return rs.getLong(1);
                      }
                    }));
      }
      start.countDown();
      for (Future<Long> f : results) {
        assertThat(f.get()).isZero();
      }
      assertThat(applied).containsExactly("V1__bulwark_core.sql");
    } finally {
      pool.shutdownNow();
    }
  }
}
