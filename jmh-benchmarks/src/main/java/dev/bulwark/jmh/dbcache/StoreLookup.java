/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.jmh.dbcache;

import dev.bulwark.auth.store.ApiKeyRecord;
import dev.bulwark.dbcache.BulwarkSchema;
import dev.bulwark.dbcache.Database;
import dev.bulwark.dbcache.JdbcApiKeyStore;
import dev.bulwark.dbcache.JdbcEntityStore;
import dev.bulwark.dbcache.JdbcRevocationStore;
import dev.bulwark.policy.Entity;
import dev.bulwark.policy.EntityUid;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * What a lookup in the JDBC stores costs, cached against uncached, in one run: an entity with its
 * ancestors from the entity cache ({@link #entityCached}) and from the primary ({@link
 * #entityUncached}, one recursive query); an API key found in the query cache ({@link
 * #apiKeyCached}) and read from the primary ({@link #apiKeyUncached}, the cache bypassed by asking
 * for a version this instance has not applied, which is how a read that must see a recent write
 * goes); a revocation check answered by the cache's negative entry ({@link #revocationCached}) and
 * by the database ({@link #revocationUncached}); and 100 keys loaded with one query ({@link
 * #bulk100}) against 100 lookups one by one ({@link #oneByOne100}), each uncached.
 *
 * <p>The database is H2 in memory by default; {@code -p jdbcUrl=...} points the same benchmark at
 * PostgreSQL, for example {@code
 * jdbc:postgresql://127.0.0.1:55432/bulwark_bench?user=bulwark&password=bulwark} (the schema is
 * created if missing and the API-key table emptied at setup). {@code docs/bench/dbcache/run.sh}
 * runs both.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
public class StoreLookup {
  private static final int KEYS = 100;
  private static final EntityUid ALICE = EntityUid.of("User", "alice");
  private static final EntityUid GROUP = EntityUid.of("Group", "sales");
  private static final EntityUid ORG = EntityUid.of("Org", "acme");

  @Param({"jdbc:h2:mem:store-lookup-bench;DB_CLOSE_DELAY=-1"})
  public String jdbcUrl;

  private Database db;
  private JdbcApiKeyStore keys;
  private JdbcRevocationStore revocations;
  private JdbcEntityStore entities;
  private List<String> ids;
  private String present;

  /** Creates the schema and 100 keys, and warms the cache with one of them. */
  @Setup(Level.Trial)
  public void setUp() throws Exception {
    db = Database.builder().jdbcUrl(jdbcUrl).maximumPoolSize(2).build();
    BulwarkSchema.migrate(db.primary());
    try (Connection c = db.primary().getConnection();
        Statement s = c.createStatement()) {
      s.execute("DELETE FROM bulwark_api_keys");
      s.execute("DELETE FROM bulwark_entity_parents");
      s.execute("DELETE FROM bulwark_entities");
    }
    keys = JdbcApiKeyStore.builder(db).build();
    revocations = JdbcRevocationStore.builder(db).build();
    ids = new ArrayList<>();
    for (int i = 0; i < KEYS; i++) {
      String id = String.format("bench%011d", i);
      keys.insert(
          new ApiKeyRecord(
              id, new byte[32], "user-" + i, Set.of("read"), Instant.now(), null, false));
      ids.add(id);
    }
    present = ids.get(0);
    entities = JdbcEntityStore.builder(db).build();
    // alice in a group in an organisation: the lookup returns her with both ancestors.
    entities.put(Entity.builder(ORG).build());
    entities.put(Entity.builder(GROUP).parent(ORG).build());
    entities.put(Entity.builder(ALICE).parent(GROUP).attribute("department", "sales").build());
    if (entities.find(ALICE).ancestors().size() != 2) {
      throw new IllegalStateException("setup failed");
    }
    if (keys.findByKeyId(present).isEmpty() || revocations.isTokenRevoked("jti-absent")) {
      throw new IllegalStateException("setup failed");
    }
  }

  /** Closes the pools. */
  @TearDown(Level.Trial)
  public void tearDown() {
    db.close();
  }

  /** A key the query cache holds. */
  @Benchmark
  public Optional<ApiKeyRecord> apiKeyCached() {
    return keys.findByKeyId(present);
  }

  /** The same key read from the primary: one round trip. */
  @Benchmark
  public Optional<ApiKeyRecord> apiKeyUncached() {
    return keys.findByKeyId(present, Long.MAX_VALUE);
  }

  /** A token that is not revoked, answered by the cache's negative entry. */
  @Benchmark
  public boolean revocationCached() {
    return revocations.isTokenRevoked("jti-absent");
  }

  /** The same check read from the primary: one round trip. */
  @Benchmark
  public boolean revocationUncached() {
    return revocations.isTokenRevoked("jti-absent", Long.MAX_VALUE);
  }

  /** An entity with its ancestors, held by the entity cache. */
  @Benchmark
  public Entity entityCached() {
    return entities.find(ALICE);
  }

  /** The same entity and its ancestors read from the primary: one recursive query. */
  @Benchmark
  public Entity entityUncached() {
    return entities.find(ALICE, Long.MAX_VALUE);
  }

  /** 100 keys with one query. */
  @Benchmark
  public Map<String, ApiKeyRecord> bulk100() {
    return keys.findAll(ids, Long.MAX_VALUE);
  }

  /** The same 100 keys with 100 queries. */
  @Benchmark
  public int oneByOne100() {
    int found = 0;
    for (String id : ids) {
      if (keys.findByKeyId(id, Long.MAX_VALUE).isPresent()) {
        found++;
      }
    }
    return found;
  }
}
