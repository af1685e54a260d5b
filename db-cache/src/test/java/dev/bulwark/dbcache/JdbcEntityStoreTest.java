/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.dbcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.bulwark.dbcache.internal.ChangeKind;
import dev.bulwark.dbcache.internal.ChangeLog;
import dev.bulwark.policy.Entity;
import dev.bulwark.policy.EntityStore;
import dev.bulwark.policy.EntityStoreUnavailableException;
import dev.bulwark.policy.EntityUid;
import dev.bulwark.policy.PolicyParseException;
import dev.bulwark.policy.Schema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link JdbcEntityStore}'s own rules, beyond the {@link dev.bulwark.policy.EntityStore} contract.
 * A subclass supplies an empty, migrated database per test.
 */
abstract class JdbcEntityStoreTest {
  private static final EntityUid ALICE = EntityUid.of("User", "alice");
  private static final EntityUid G1 = EntityUid.of("Group", "g1");
  private static final EntityUid G2 = EntityUid.of("Group", "g2");
  private static final EntityUid G3 = EntityUid.of("Group", "g3");

  private CountingDataSource ds;
  private Database db;
  private JdbcEntityStore store;

  /** An empty database with Bulwark's schema, not shared with another test. */
  protected abstract DataSource freshDatabase() throws SQLException;

  @BeforeEach
  void newStore() throws SQLException {
    ds = new CountingDataSource(freshDatabase());
    db = Database.of(ds, List.of());
    store = JdbcEntityStore.builder(db).build();
  }

  private static Entity entity(EntityUid uid, EntityUid... parents) {
    return Entity.builder(uid).parents(List.of(parents)).build();
  }

  /** A second instance on the same database, as another process would have. */
  private JdbcEntityStore otherInstance() throws SQLException {
    return JdbcEntityStore.builder(Database.of(ds.target, List.of())).build();
  }

  private void insertEdge(EntityUid child, EntityUid parent) throws SQLException {
    try (Connection c = ds.target.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO bulwark_entity_parents"
                    + " (entity_type, entity_id, parent_type, parent_id) VALUES (?, ?, ?, ?)")) {
      ps.setString(1, child.type());
      ps.setString(2, child.id());
      ps.setString(3, parent.type());
      ps.setString(4, parent.id());
      ps.executeUpdate();
    }
  }

  @Test
  void find_threeLevelHierarchy_ancestorsAreTheClosure() {
    store.putAll(List.of(entity(ALICE, G1), entity(G1, G2), entity(G2, G3), entity(G3)));

    assertThat(store.find(ALICE).ancestors()).containsExactlyInAnyOrder(G1, G2, G3);
  }

  @Test
  void find_threeLevelHierarchy_parentsAreOnlyTheDirectOnes() {
    store.putAll(List.of(entity(ALICE, G1), entity(G1, G2), entity(G2, G3), entity(G3)));

    assertThat(store.find(ALICE).parents()).containsExactly(G1);
  }

  @Test
  void find_diamond_eachAncestorOnce() {
    // alice in g1 and g2, both in g3: g3 is reached twice.
    store.putAll(List.of(entity(ALICE, G1, G2), entity(G1, G3), entity(G2, G3), entity(G3)));

    assertThat(store.find(ALICE).ancestors()).containsExactlyInAnyOrder(G1, G2, G3);
  }

  @Test
  void find_parentNotStored_isStillAnAncestor() {
    store.put(entity(ALICE, G1));

    assertThat(store.find(ALICE).ancestors()).containsExactly(G1);
  }

  @Test
  void find_cycleInStoredEdges_failsClosedWithoutHanging() throws SQLException {
    // Writes refuse cycles; this one is written to the tables directly, as a hand edit would.
    store.putAll(List.of(entity(ALICE, G1), entity(G1, G2), entity(G2)));
    insertEdge(G2, G1);

    assertTimeoutPreemptively(
        Duration.ofSeconds(20),
        () ->
            assertThatThrownBy(() -> store.find(ALICE, Long.MAX_VALUE))
                .isInstanceOf(EntityStoreUnavailableException.class)
                .hasMessageContaining("cycle"));
  }

  @Test
  void put_parentsThatMakeACycle_isRefusedAndNothingIsWritten() {
    store.putAll(List.of(entity(G1, G2), entity(G2)));

    assertThatThrownBy(() -> store.put(entity(G2, G1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cycle");
    assertThat(store.find(G2, Long.MAX_VALUE).parents()).isEmpty();
  }

  @Test
  void put_attributesAndTags_readBackEqual() throws PolicyParseException {
    String json =
        "{\"uid\":{\"type\":\"User\",\"id\":\"alice\"},\"attrs\":{\"age\":42,"
            + "\"nested\":{\"parents\":[1],\"tags\":\"x\"},\"ip\":{\"__extn\":{\"fn\":\"ip\","
            + "\"arg\":\"10.0.0.1\"}}},\"parents\":[{\"type\":\"Group\",\"id\":\"g1\"}],"
            + "\"tags\":{\"level\":{\"a\":\"],\\\"tags\\\":\"}}}";
    Entity alice = Entity.fromJson(json);
    store.put(alice);

    assertThat(store.find(ALICE).toJson()).isEqualTo(alice.toJson());
  }

  @Test
  void put_returnsTheChangeLogVersionOfItsChange() throws SQLException {
    long v = store.put(entity(ALICE));

    try (Connection c = ds.target.getConnection()) {
      assertThat(ChangeLog.since(c, v - 1, 10))
          .containsExactly(new ChangeLog.Change(v, ChangeKind.ENTITY, "User::\"alice\""));
    }
  }

  @Test
  void putAll_oneEntityRefused_writesNone() {
    // g1 -> g2 -> g1 in one batch: the whole batch is refused.
    assertThatThrownBy(() -> store.putAll(List.of(entity(ALICE), entity(G1, G2), entity(G2, G1))))
        .isInstanceOf(IllegalArgumentException.class);

    assertThat(store.find(ALICE, Long.MAX_VALUE)).isNull();
  }

  @Test
  void put_withSchemaEntityThatDoesNotConform_isRefused() throws Exception {
    Schema schema = Schema.parse("entity Group; entity User in [Group] { age: Long };");
    JdbcEntityStore typed = JdbcEntityStore.builder(db).schema(schema).build();
    Entity wrong = Entity.builder(ALICE).attribute("age", "old").build();

    assertThatThrownBy(() -> typed.put(wrong))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not conform to the schema");
    assertThat(typed.find(ALICE, Long.MAX_VALUE)).isNull();
  }

  @Test
  void remove_storedEntity_findReturnsNull() {
    store.put(entity(ALICE, G1));
    store.find(ALICE);

    store.remove(ALICE);

    assertThat(store.find(ALICE)).isNull();
  }

  @Test
  void remove_group_membersKeepItButLoseItsAncestors() {
    store.putAll(List.of(entity(ALICE, G1), entity(G1, G2), entity(G2)));
    store.find(ALICE);

    store.remove(G1);

    assertThat(store.find(ALICE).ancestors()).containsExactly(G1);
  }

  @Test
  void find_absentUidManyTimes_queriesTheDatabaseOnce() {
    int before = ds.queries();
    for (int i = 0; i < 10; i++) {
      assertThat(store.find(ALICE)).isNull();
    }

    assertThat(ds.queries() - before).isEqualTo(1);
    assertThat(store.cacheStats().negativeHits()).isEqualTo(9);
  }

  @Test
  void find_putByThisInstanceAfterAbsenceWasCached_findsTheEntity() {
    assertThat(store.find(ALICE)).isNull();

    store.put(entity(ALICE));

    assertThat(store.find(ALICE)).isNotNull();
  }

  @Test
  void apply_groupMovedByAnotherInstance_cachedMemberGetsTheNewAncestors() throws SQLException {
    store.putAll(List.of(entity(ALICE, G1), entity(G1), entity(G2)));
    assertThat(store.find(ALICE).ancestors()).containsExactly(G1);
    long v = otherInstance().put(entity(G1, G2));

    store.apply(new ChangeLog.Change(v, ChangeKind.ENTITY, G1.toString()));

    assertThat(store.find(ALICE).ancestors()).containsExactlyInAnyOrder(G1, G2);
  }

  @Test
  void apply_grandparentMovedByAnotherInstance_cachedMemberGetsTheNewAncestors()
      throws SQLException {
    store.putAll(List.of(entity(ALICE, G1), entity(G1, G2), entity(G2), entity(G3)));
    store.find(ALICE);
    long v = otherInstance().put(entity(G2, G3));

    store.apply(new ChangeLog.Change(v, ChangeKind.ENTITY, G2.toString()));

    assertThat(store.find(ALICE).ancestors()).containsExactlyInAnyOrder(G1, G2, G3);
  }

  @Test
  void find_groupMovedByAnotherInstanceNotYetApplied_cacheStillAnswers() throws SQLException {
    // Shows what apply is for: without it the cached entity stays as it was.
    store.putAll(List.of(entity(ALICE, G1), entity(G1), entity(G2)));
    store.find(ALICE);
    otherInstance().put(entity(G1, G2));

    assertThat(store.find(ALICE).ancestors()).containsExactly(G1);
  }

  @Test
  void put_groupMovedByThisInstance_cachedMemberGetsTheNewAncestors() {
    store.putAll(List.of(entity(ALICE, G1), entity(G1), entity(G2)));
    store.find(ALICE);

    store.put(entity(G1, G2));

    assertThat(store.find(ALICE).ancestors()).containsExactlyInAnyOrder(G1, G2);
  }

  @Test
  void apply_unreadableItem_dropsEverything() {
    store.put(entity(ALICE));
    store.find(ALICE);

    store.apply(new ChangeLog.Change(1, ChangeKind.ENTITY, "not a uid"));

    assertThat(store.cacheStats().size()).isZero();
  }

  @Test
  void find_minVersionAboveApplied_readsThePrimaryNotTheCache() throws SQLException {
    store.putAll(List.of(entity(ALICE, G1), entity(G1), entity(G2)));
    store.find(ALICE);
    long v = otherInstance().put(entity(ALICE, G2));

    assertThat(store.find(ALICE, v).parents()).containsExactly(G2);
  }

  @Test
  void snapshot_entityChangedDuringTheRequest_viewKeepsItsFirstAnswer() throws SQLException {
    store.putAll(List.of(entity(ALICE, G1), entity(G1), entity(G2)));
    EntityStore view = store.snapshot();
    assertThat(view.find(ALICE).parents()).containsExactly(G1);
    long v = otherInstance().put(entity(ALICE, G2));
    store.apply(new ChangeLog.Change(v, ChangeKind.ENTITY, ALICE.toString()));

    assertThat(view.find(ALICE).parents()).containsExactly(G1);
  }

  @Test
  void snapshot_nextRequest_seesTheChange() throws SQLException {
    store.putAll(List.of(entity(ALICE, G1), entity(G1), entity(G2)));
    store.snapshot().find(ALICE);
    long v = otherInstance().put(entity(ALICE, G2));
    store.apply(new ChangeLog.Change(v, ChangeKind.ENTITY, ALICE.toString()));

    assertThat(store.snapshot().find(ALICE).parents()).containsExactly(G2);
  }

  @Test
  void find_databaseDown_throwsUnavailableNotAbsent() {
    ds.setDown(true);

    assertThatThrownBy(() -> store.find(ALICE))
        .isInstanceOf(EntityStoreUnavailableException.class)
        .hasMessageContaining("SQL state 08001");
  }

  @Test
  void find_databaseDown_absenceIsNotCached() {
    ds.setDown(true);
    assertThatThrownBy(() -> store.find(ALICE));
    ds.setDown(false);
    store.put(entity(ALICE));

    assertThat(store.find(ALICE)).isNotNull();
  }
}
