/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.dbcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.auth.ApiKeys;
import dev.bulwark.auth.AuthEngine;
import dev.bulwark.auth.AuthResult;
import dev.bulwark.auth.FailureReason;
import dev.bulwark.auth.GeneratedApiKey;
import dev.bulwark.policy.Entity;
import dev.bulwark.policy.EntityStoreUnavailableException;
import dev.bulwark.policy.EntityUid;
import dev.bulwark.policy.PolicyEngine;
import dev.bulwark.policy.PolicySet;
import dev.bulwark.policy.Request;
import dev.bulwark.testkit.PostgresServers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real PostgreSQL primary stopped and started again under an engine that keeps serving: what is
 * cached keeps answering, what is not fails closed as {@link FailureReason#STORE_UNAVAILABLE}, the
 * circuit breaker stops the calls piling up and closes again, requests recover within 5 s of the
 * restart, and every decision-log event of the whole run reaches the table.
 */
class FaultsPostgresTest {
  @RegisterExtension static final PostgresServers PG = new PostgresServers();

  private static final Duration RECOVERY = Duration.ofSeconds(5);
  private static final EntityUid ALICE = EntityUid.of("User", "alice");
  private static final EntityUid BOB = EntityUid.of("User", "bob");
  private static final EntityUid STAFF = EntityUid.of("Group", "staff");
  private static final EntityUid VIEW = EntityUid.of("Action", "view");
  private static final EntityUid PHOTO = EntityUid.of("Photo", "a.jpg");

  private static Database db;
  private static JdbcDecisionLog log;

  @BeforeAll
  static void database() throws Exception {
    db =
        Database.builder()
            .jdbcUrl(PG.primaryUrl())
            // Short timeouts, as a service that would rather refuse than hang sets them.
            .connectionTimeout(Duration.ofMillis(500))
            .queryTimeout(Duration.ofSeconds(1))
            .circuitBreakerOpenInterval(Duration.ofMillis(300))
            .build();
    BulwarkSchema.migrate(db.primary());
  }

  @AfterAll
  static void close() {
    if (log != null) {
      log.close();
    }
    if (db != null) {
      db.close();
    }
  }

  private static AuthResult authenticate(AuthEngine engine, String header) {
    long start = System.nanoTime();
    AuthResult r = engine.authenticate(header);
    log.accept(DecisionEvent.authentication(r, System.nanoTime() - start));
    return r;
  }

  @Test
  void primaryStopped_entitiesCachedServeUncachedLeaveTheRequestUndecided() throws Exception {
    JdbcEntityStore entities = JdbcEntityStore.builder(db).build();
    JdbcPolicyStore policies = JdbcPolicyStore.of(db);
    entities.put(Entity.builder(ALICE).parent(STAFF).build());
    entities.put(Entity.builder(BOB).parent(STAFF).build());
    policies.saveAndActivate(
        PolicySet.parse("permit(principal in Group::\"staff\", action, resource);"), "staff");
    // The engine starts with no policy; the binding gives it the active set.
    PolicyEngine engine =
        PolicyEngine.builder().policies(PolicySet.empty()).entities(entities).build();
    JdbcPolicyStore.Binding binding = policies.bind(engine);
    assertThat(binding.refresh()).isTrue();
    assertThat(engine.authorize(Request.of(ALICE, VIEW, PHOTO)).isAllowed()).isTrue();

    PG.stopPrimary();
    try {
      // alice and the photo's absence are cached; bob has never been read.
      assertThat(engine.authorize(Request.of(ALICE, VIEW, PHOTO)).isAllowed()).isTrue();
      assertThatThrownBy(() -> engine.authorize(Request.of(BOB, VIEW, PHOTO)))
          .isInstanceOf(EntityStoreUnavailableException.class);
      // A reload that cannot reach the database keeps the set the engine has.
      assertThat(binding.refresh()).isFalse();
      assertThat(engine.policies().size()).isEqualTo(1);
    } finally {
      PG.startPrimary();
    }

    long restarted = System.nanoTime();
    Boolean allowed = null;
    while (allowed == null && System.nanoTime() - restarted < 2 * RECOVERY.toNanos()) {
      try {
        allowed = engine.authorize(Request.of(BOB, VIEW, PHOTO)).isAllowed();
      } catch (EntityStoreUnavailableException e) {
        Thread.sleep(50);
      }
    }
    assertThat(Duration.ofNanos(System.nanoTime() - restarted)).isLessThan(RECOVERY);
    assertThat(allowed).isTrue();
  }

  @Test
  void primaryStoppedAndRestarted_cachedServesUncachedFailsClosedAndEveryEventIsKept()
      throws Exception {
    // Entries cached before the outage keep serving for their TTL, absent revocations included.
    JdbcApiKeyStore keys =
        JdbcApiKeyStore.builder(db).negativeCacheTtl(Duration.ofMinutes(1)).build();
    JdbcRevocationStore revocations =
        JdbcRevocationStore.builder(db).negativeCacheTtl(Duration.ofMinutes(1)).build();
    ApiKeys apiKeys = ApiKeys.builder().prefix("bk_test").store(keys).build();
    AuthEngine engine = AuthEngine.builder().apiKeys(apiKeys).revocations(revocations).build();
    log = JdbcDecisionLog.builder(db).closeTimeout(Duration.ofSeconds(60)).build();

    GeneratedApiKey cached = apiKeys.generate("alice", Set.of("read"), Duration.ofDays(1));
    GeneratedApiKey uncached = apiKeys.generate("bob", Set.of("read"), Duration.ofDays(1));
    assertThat(authenticate(engine, "ApiKey " + cached.plaintext()).isAuthenticated()).isTrue();
    // Generating a key writes it and drops it from the cache: bob's key has never been read.

    PG.stopPrimary();
    try {
      assertThat(authenticate(engine, "ApiKey " + cached.plaintext()).isAuthenticated()).isTrue();
      for (int i = 0; i < 10; i++) {
        AuthResult r = authenticate(engine, "ApiKey " + uncached.plaintext());
        assertThat(r.isAuthenticated()).isFalse();
        assertThat(r.failureReason()).isEqualTo(FailureReason.STORE_UNAVAILABLE);
      }
      assertThat(db.circuitBreakerState()).isEqualTo("OPEN");
    } finally {
      PG.startPrimary();
    }

    long restarted = System.nanoTime();
    AuthResult after;
    do {
      after = authenticate(engine, "ApiKey " + uncached.plaintext());
      if (!after.isAuthenticated()) {
        Thread.sleep(50);
      }
    } while (!after.isAuthenticated() && System.nanoTime() - restarted < 2 * RECOVERY.toNanos());
    Duration recovery = Duration.ofNanos(System.nanoTime() - restarted);
    assertThat(after.isAuthenticated()).isTrue();
    assertThat(recovery).isLessThan(RECOVERY);
    assertThat(db.circuitBreakerState()).isEqualTo("CLOSED");
    assertThat(db.circuitBreakerOpens()).isPositive();

    long accepted = log.accepted();
    log.close();
    assertThat(log.written()).isEqualTo(accepted);
    try (Connection c = db.primary().getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM bulwark_decision_log")) {
      rs.next();
      assertThat(rs.getLong(1)).isEqualTo(accepted);
    }
  }
}
