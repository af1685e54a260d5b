/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.dbcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.dbcache.internal.ChangeKind;
import dev.bulwark.dbcache.internal.ChangeLog;
import dev.bulwark.policy.EntityUid;
import dev.bulwark.policy.InMemoryEntityStore;
import dev.bulwark.policy.Policy;
import dev.bulwark.policy.PolicyEngine;
import dev.bulwark.policy.PolicySet;
import dev.bulwark.policy.Request;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link JdbcPolicyStore}. A subclass supplies an empty, migrated database per test. */
abstract class JdbcPolicyStoreTest {
  private static final EntityUid ALICE = EntityUid.of("User", "alice");
  private static final EntityUid BOB = EntityUid.of("User", "bob");
  private static final EntityUid VIEW = EntityUid.of("Action", "view");
  private static final EntityUid PHOTO = EntityUid.of("Photo", "p");

  private static final String TEXT =
      "@id(\"allow-view\") @message(\"viewers may view\")\n"
          + "permit(principal, action == Action::\"view\", resource);\n"
          + "forbid(principal == User::\"mallory\", action, resource) when { true };\n"
          + "@id(\"owner\") @kind(\"template\")\n"
          + "permit(principal == ?principal, action, resource in ?resource);\n"
          + "@id(\"deny-one\") forbid(principal == ?principal, action, resource);";

  private DataSource ds;
  private Database db;
  private JdbcPolicyStore store;

  /** An empty database with Bulwark's schema, not shared with another test. */
  protected abstract DataSource freshDatabase() throws SQLException;

  @BeforeEach
  void newStore() throws SQLException {
    ds = freshDatabase();
    db = Database.of(ds, List.of());
    store = JdbcPolicyStore.of(db);
  }

  private static PolicySet fullSet() throws Exception {
    return PolicySet.parse(TEXT)
        .link("owner", "alice-owns-p", Map.of("?principal", ALICE, "?resource", PHOTO))
        .link("deny-one", "deny-bob", Map.of("?principal", BOB));
  }

  private static void assertSamePolicy(Policy actual, Policy expected) {
    assertThat(actual.id()).isEqualTo(expected.id());
    assertThat(actual.effect()).isEqualTo(expected.effect());
    assertThat(actual.annotations()).containsExactlyEntriesOf(expected.annotations());
    assertThat(actual.text()).isEqualTo(expected.text());
    assertThat(actual.templateId()).isEqualTo(expected.templateId());
    assertThat(actual.linkValues()).isEqualTo(expected.linkValues());
  }

  @Test
  void loadActive_setWithTemplatesLinksAndAnnotations_rebuildsEveryPolicy() throws Exception {
    PolicySet saved = fullSet();
    store.saveAndActivate(saved, "first");

    PolicySet loaded = store.loadActive().orElseThrow();

    assertThat(loaded.policyIds()).containsExactlyInAnyOrderElementsOf(saved.policyIds());
    assertThat(loaded.templateIds()).containsExactlyInAnyOrderElementsOf(saved.templateIds());
    for (String id : saved.policyIds()) {
      assertSamePolicy(loaded.policy(id).orElseThrow(), saved.policy(id).orElseThrow());
    }
    for (String id : saved.templateIds()) {
      assertSamePolicy(loaded.template(id).orElseThrow(), saved.template(id).orElseThrow());
    }
  }

  @Test
  void loadActive_nothingActivated_isEmpty() throws Exception {
    store.save(fullSet(), "not active");

    assertThat(store.loadActive()).isEmpty();
  }

  @Test
  void save_twice_returnsIncreasingVersions() throws Exception {
    long first = store.save(fullSet(), "a");
    long second = store.save(PolicySet.empty(), "b");

    assertThat(second).isEqualTo(first + 1);
  }

  @Test
  void save_policyReadFromJson_isRefused() throws Exception {
    PolicySet json =
        PolicySet.parseJson(
            "{\"staticPolicies\":{\"p\":{\"effect\":\"permit\",\"principal\":{\"op\":\"All\"},"
                + "\"action\":{\"op\":\"All\"},\"resource\":{\"op\":\"All\"},\"conditions\":[]}}}");

    assertThatThrownBy(() -> store.save(json, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no Cedar text");
  }

  @Test
  void activate_returnsTheChangeLogVersionOfAPolicySetChange() throws Exception {
    long v = store.save(fullSet(), "a");

    long change = store.activate(v);

    try (Connection c = ds.getConnection()) {
      assertThat(ChangeLog.since(c, change - 1, 10))
          .containsExactly(new ChangeLog.Change(change, ChangeKind.POLICY_SET, Long.toString(v)));
    }
  }

  @Test
  void activate_unknownVersion_isRefused() {
    assertThatThrownBy(() -> store.activate(42))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("was 42");
  }

  @Test
  void versions_listsEachVersionAndWhichIsActive() throws Exception {
    long a = store.save(fullSet(), "a");
    long b = store.save(PolicySet.empty(), "b");
    store.activate(a);

    assertThat(store.versions())
        .extracting(
            JdbcPolicyStore.PolicySetVersion::version,
            JdbcPolicyStore.PolicySetVersion::description,
            JdbcPolicyStore.PolicySetVersion::active)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(a, "a", true),
            org.assertj.core.groups.Tuple.tuple(b, "b", false));
  }

  @Test
  void loadActive_duringActivations_seesOneWholeSetOrTheOther() throws Exception {
    // Two sets with no policy id in common: a mix would show ids of both.
    PolicySet one =
        PolicySet.parse(
            "@id(\"a1\") permit(principal, action, resource);"
                + "@id(\"a2\") permit(principal, action, resource);");
    PolicySet two = PolicySet.parse("@id(\"b1\") forbid(principal, action, resource);");
    long v1 = store.save(one, "one");
    long v2 = store.save(two, "two");
    store.activate(v1);
    AtomicBoolean stop = new AtomicBoolean();
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<Integer>> readers = new ArrayList<>();
      for (int r = 0; r < 2; r++) {
        readers.add(
            pool.submit(
                () -> {
                  int mixed = 0;
                  while (!stop.get()) {
                    List<String> ids = store.loadActive().orElseThrow().policyIds();
                    if (!ids.equals(List.of("a1", "a2")) && !ids.equals(List.of("b1"))) {
                      mixed++;
                    }
                  }
                  return mixed;
                }));
      }
      for (int i = 0; i < 200; i++) {
        store.activate(i % 2 == 0 ? v2 : v1);
      }
      stop.set(true);
      int mixed = 0;
      for (Future<Integer> f : readers) {
        mixed += f.get(30, TimeUnit.SECONDS);
      }
      assertThat(mixed).as("reads that saw parts of two sets").isZero();
    } finally {
      stop.set(true);
      pool.shutdownNow();
    }
  }

  @Test
  void bind_activateThenApply_engineDecidesWithTheNewSet() throws Exception {
    PolicyEngine engine =
        PolicyEngine.builder()
            .policies(PolicySet.empty())
            .entities(InMemoryEntityStore.empty())
            .build();
    JdbcPolicyStore.Binding binding = store.bind(engine);
    assertThat(engine.authorize(Request.of(ALICE, VIEW, PHOTO)).isAllowed()).isFalse();
    long change = store.saveAndActivate(fullSet(), "allow viewing");

    db.appliers().forEach(a -> a.apply(new ChangeLog.Change(change, ChangeKind.POLICY_SET, "1")));

    assertThat(engine.authorize(Request.of(ALICE, VIEW, PHOTO)).isAllowed()).isTrue();
    assertThat(binding.lastFailure()).isEmpty();
  }

  @Test
  void bind_storedTextThatNoLongerParses_keepsTheOldSetAndReports() throws Exception {
    PolicyEngine engine =
        PolicyEngine.builder()
            .policies(PolicySet.empty())
            .entities(InMemoryEntityStore.empty())
            .build();
    store.saveAndActivate(fullSet(), "good");
    JdbcPolicyStore.Binding binding = store.bind(engine);
    long bad = store.save(PolicySet.parse("@id(\"x\") permit(principal, action, resource);"), "b");
    try (Connection c = ds.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "UPDATE bulwark_policies SET policy_text = ? WHERE set_version = ?")) {
      ps.setString(1, "permit(principal, action, resource"); // cut short: does not parse
      ps.setLong(2, bad);
      ps.executeUpdate();
    }
    long change = store.activate(bad);

    db.appliers().forEach(a -> a.apply(new ChangeLog.Change(change, ChangeKind.POLICY_SET, "x")));

    assertThat(engine.policies().policyIds()).contains("allow-view");
    assertThat(binding.lastFailure()).get().asString().contains("version " + bad);
  }
}
