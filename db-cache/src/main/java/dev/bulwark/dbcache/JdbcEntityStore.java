/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.dbcache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.bulwark.dbcache.internal.CacheCounters;
import dev.bulwark.dbcache.internal.CacheStatsView;
import dev.bulwark.dbcache.internal.ChangeApplier;
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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A Cedar entity store on the tables {@code bulwark_entities} (attributes and tags as Cedar entity
 * JSON) and {@code bulwark_entity_parents} (one row per parent edge), behind a Caffeine cache.
 * Thread-safe: any thread may read and write; the change feed's thread applies changes.
 *
 * <p><b>Reads.</b> {@link #find(EntityUid)} returns the entity with its ancestors closed over the
 * whole hierarchy, as {@link EntityStore} requires. One statement reads the entity's row, its
 * direct parents and its ancestors (a recursive common table expression over the parent edges), and
 * the change counter of the database it ran on. A parent that is not stored is still an ancestor,
 * with no ancestors of its own, as in {@link dev.bulwark.policy.InMemoryEntityStore}.
 *
 * <p><b>Cycles and depth.</b> H2 does not drop repeated rows while it recurses, even under {@code
 * UNION}, so a cycle of edges would never end; the query therefore carries each ancestor's depth
 * and stops at {@value #MAX_HIERARCHY_DEPTH}. A result that reaches the bound (a cycle written to
 * the tables by hand, or a hierarchy deeper than the bound) is refused with {@link
 * EntityStoreUnavailableException}: ancestors cut short would make {@code in} false where it is
 * true, and a forbid on a group would then not apply. PostgreSQL drops repeated (ancestor, depth)
 * rows, so its work grows with ancestors times depth; H2's grows with the number of paths, which a
 * stack of diamonds makes large: the database's query timeout ({@link
 * Database.Builder#queryTimeout}) bounds it. Writes refuse a change that would make a cycle.
 *
 * <p><b>Cache.</b> Entities are cached by uid, and so is absence (an unknown uid is asked once per
 * time to live). The cache holds each entity with its ancestors, so a change to an entity makes
 * stale every cached entity below it: the store keeps a reverse index from each ancestor to the
 * cached entities that have it, and a change to a uid drops the uid and every cached entity that
 * has it among its ancestors. A load that ran while an entity was dropped is not cached (it may
 * have read the entity before the change).
 *
 * <p><b>Snapshots.</b> A database store cannot give a consistent view of all its entities cheaply.
 * {@link #snapshot()} returns a view for one request that remembers the first answer for each uid:
 * within a request an entity never changes, and each entity is read whole (its attributes, parents
 * and ancestors from one statement), but two entities may come from states on either side of a
 * concurrent change.
 *
 * <p><b>Failures.</b> A read that cannot ask the database throws {@link
 * EntityStoreUnavailableException} (never "absent"); so does a write, after rolling back.
 */
// apply and invalidateAll are public because ChangeApplier is an interface; the change feed is
// their only caller, and ChangeApplier is not exported, so hosts cannot call them by that type.
@SuppressWarnings("exports")
public final class JdbcEntityStore implements EntityStore, ChangeApplier {
  /** The deepest ancestor a read follows: {@value}. A deeper one fails the read (closed). */
  public static final int MAX_HIERARCHY_DEPTH = 256;

  /** Default {@link Builder#cacheMaximumSize}: {@value} entities. */
  public static final long DEFAULT_CACHE_MAXIMUM_SIZE = 100_000;

  /** Default {@link Builder#cacheTtl}, in seconds: {@value}. */
  public static final long DEFAULT_CACHE_TTL_SECONDS = 300;

  // Row kinds of FIND: the entity's row, a direct parent, an ancestor.
  private static final int ROW_ENTITY = 0;
  private static final int ROW_PARENT = 1;
  private static final int ROW_ANCESTOR = 2;

  // One statement: the entity, its direct parents, its ancestors (with their depth) and the change
  // counter of the database that answered, so that a replica's answer can be checked for age.
  private static final String FIND =
      "WITH RECURSIVE anc (a_type, a_id, depth) AS ("
          + " SELECT parent_type, parent_id, 1 FROM bulwark_entity_parents"
          + " WHERE entity_type = ? AND entity_id = ?"
          + " UNION"
          + " SELECT p.parent_type, p.parent_id, anc.depth + 1"
          + " FROM bulwark_entity_parents p JOIN anc"
          + " ON p.entity_type = anc.a_type AND p.entity_id = anc.a_id"
          + " WHERE anc.depth < ?)"
          + " SELECT 0, attributes, tags, CAST(NULL AS VARCHAR(512)),"
          + " CAST(NULL AS VARCHAR(1024)), CAST(NULL AS BIGINT)"
          + " FROM bulwark_entities WHERE entity_type = ? AND entity_id = ?"
          + " UNION ALL"
          + " SELECT 1, NULL, NULL, parent_type, parent_id, NULL FROM bulwark_entity_parents"
          + " WHERE entity_type = ? AND entity_id = ?"
          + " UNION ALL"
          + " SELECT 2, NULL, NULL, a_type, a_id, MAX(depth) FROM anc GROUP BY a_type, a_id"
          + " UNION ALL"
          + " SELECT 3, NULL, NULL, NULL, NULL, version FROM bulwark_change_counter";
  private static final int ROW_COUNTER = 3;

  private static final String UPDATE_ENTITY =
      "UPDATE bulwark_entities SET attributes = ?, tags = ? WHERE entity_type = ? AND entity_id = ?";
  private static final String INSERT_ENTITY =
      "INSERT INTO bulwark_entities (entity_type, entity_id, attributes, tags) VALUES (?, ?, ?, ?)";
  private static final String DELETE_ENTITY =
      "DELETE FROM bulwark_entities WHERE entity_type = ? AND entity_id = ?";
  private static final String DELETE_PARENTS =
      "DELETE FROM bulwark_entity_parents WHERE entity_type = ? AND entity_id = ?";
  private static final String INSERT_PARENT =
      "INSERT INTO bulwark_entity_parents (entity_type, entity_id, parent_type, parent_id)"
          + " VALUES (?, ?, ?, ?)";

  private final Database db;
  private final Schema schema;
  // Absent entities are cached as Optional.empty(), so that an unknown uid costs one query.
  private final Cache<EntityUid, Optional<Entity>> cache;
  // Ancestor -> the cached entities that have it among their ancestors. Conservative: it may name
  // entities no longer cached (dropping one of those again is harmless), never miss one that is.
  // Entries are added and removed only under invalidationLock.
  private final Map<EntityUid, Set<EntityUid>> dependants = new ConcurrentHashMap<>();
  // Entries the cache evicted (size or age), whose index links are removed under the lock later:
  // the eviction listener runs on whatever thread evicts and must not take the lock.
  private final ConcurrentLinkedQueue<Entity> evicted = new ConcurrentLinkedQueue<>();
  // Guards the check "no invalidation since this load began" together with the put that follows,
  // against an invalidation in between.
  private final Object invalidationLock = new Object();
  // Counts invalidations; a load caches its result only if this did not move while it ran.
  private long generation;

  private final CacheCounters counters = new CacheCounters();

  // Read through cacheStatsView(); built once so that weak holders of it see it for the store's
  // life.
  private final Cache<Object, Object> statsView = new CacheStatsView(this::cacheStats);

  private JdbcEntityStore(Builder b) {
    this.db = b.db;
    this.schema = b.schema;
    Caffeine<Object, Object> c =
        Caffeine.newBuilder()
            .maximumSize(b.maximumSize)
            .expireAfterWrite(b.ttl)
            // Evictions are handled on the evicting thread, so the index never waits for an
            // executor that may run late.
            .executor(Runnable::run);
    if (b.ticker != null) {
      c.ticker(b.ticker);
    }
    this.cache =
        c.<EntityUid, Optional<Entity>>evictionListener(
                (uid, value, cause) -> {
                  counters.evictions.increment();
                  if (value != null && value.isPresent()) {
                    evicted.add(value.get());
                  }
                })
            .build();
    db.register(this);
  }

  /**
   * A builder of a store on {@code db}; the store registers itself with {@code db} to hear of
   * changes.
   *
   * @param db the database
   * @return the builder
   */
  public static Builder builder(Database db) {
    return new Builder(Objects.requireNonNull(db, "db"));
  }

  // ---------------------------------------------------------------------------------------------
  // Reads

  /**
   * Finds an entity with its ancestors, from the cache or the database.
   *
   * @throws EntityStoreUnavailableException if the database cannot be asked, or the hierarchy above
   *     the entity is deeper than {@value #MAX_HIERARCHY_DEPTH} (or has a cycle)
   */
  @Override
  public Entity find(EntityUid uid) {
    return find(uid, 0);
  }

  /**
   * Finds an entity with its ancestors, at least as fresh as change-log version {@code minVersion}:
   * when this instance's cache may be older, the primary is asked and the cache is bypassed.
   *
   * @param uid the uid
   * @param minVersion a change-log version the answer must reflect (such as one a write returned)
   * @return the entity, or null if it does not exist
   * @throws EntityStoreUnavailableException as {@link #find(EntityUid)} does
   */
  public Entity find(EntityUid uid, long minVersion) {
    Objects.requireNonNull(uid, "uid");
    long applied = db.appliedVersion();
    if (minVersion > applied) {
      // The cache and the replicas may predate the version asked for: only the primary has it.
      counters.misses.increment();
      return load(uid, db.primary(), minVersion);
    }
    Optional<Entity> hit = cache.getIfPresent(uid);
    if (hit != null) {
      counters.hits.increment();
      if (hit.isEmpty()) {
        counters.negativeHits.increment();
      }
      return hit.orElse(null);
    }
    counters.misses.increment();
    long gen;
    synchronized (invalidationLock) {
      gen = generation;
    }
    Entity e = load(uid, db.reader(), applied);
    synchronized (invalidationLock) {
      // An invalidation while the load ran may have been for this entity or one above it; the
      // row read may predate it, so it is returned to this caller but not kept.
      if (generation == gen) {
        drainEvicted();
        cache.put(uid, Optional.ofNullable(e));
        if (e != null) {
          for (EntityUid a : e.ancestors()) {
            dependants.computeIfAbsent(a, k -> ConcurrentHashMap.newKeySet()).add(uid);
          }
        }
      }
    }
    return e;
  }

  /**
   * Returns a view for one request: its {@link EntityStore#find} answers each uid as this store
   * does the first time and the same way afterwards, so one request sees one value per entity. It
   * is not a consistent cut of the whole store (see the class comment). The view is thread-safe and
   * meant to be dropped after the request.
   *
   * @return the view
   */
  @Override
  public EntityStore snapshot() {
    return new RequestView(this);
  }

  /**
   * Loads from {@code ds}; a replica whose change counter is older than {@code atLeast} is not
   * trusted and the load is redone on the primary.
   */
  private Entity load(EntityUid uid, javax.sql.DataSource ds, long atLeast) {
    long start = counters.loadStarted();
    try {
      if (db.isReplica(ds)) {
        try {
          Loaded l = query(uid, ds);
          if (l.counter >= atLeast) {
            return l.entity;
          }
          // A lagging replica could hand back a row that a change already applied here replaced.
        } catch (SQLException e) {
          // Left out for a while; the primary answers.
          db.replicaFailed(ds);
        }
        counters.loads.increment();
      }
      return db.primaryGuard()
          .call(
              () -> query(uid, db.primary()).entity,
              (message, cause) ->
                  new EntityStoreUnavailableException(
                      "entity store could not read " + uid + ": " + message, cause));
    } catch (RuntimeException e) {
      counters.loadFailures.increment();
      throw e;
    } finally {
      // One span for the replica's answer and, if it was stale, the primary's.
      counters.loadEnded(start);
    }
  }

  private record Loaded(Entity entity, long counter) {}

  private Loaded query(EntityUid uid, javax.sql.DataSource ds) throws SQLException {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement(FIND)) {
      bindFind(ps, uid);
      String attrs = null;
      String tags = null;
      long counter = 0;
      List<EntityUid> parents = new ArrayList<>();
      Set<EntityUid> ancestors = new LinkedHashSet<>();
      int deepest = 0;
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          int kind = rs.getInt(1);
          if (kind == ROW_ENTITY) {
            attrs = rs.getString(2);
            tags = rs.getString(3);
          } else if (kind == ROW_PARENT) {
            parents.add(uidOf(rs.getString(4), rs.getString(5)));
          } else if (kind == ROW_ANCESTOR) {
            ancestors.add(uidOf(rs.getString(4), rs.getString(5)));
            deepest = Math.max(deepest, rs.getInt(6));
          } else if (kind == ROW_COUNTER) {
            counter = rs.getLong(6);
          }
        }
      }
      if (attrs == null) {
        return new Loaded(null, counter);
      }
      if (deepest >= MAX_HIERARCHY_DEPTH) {
        throw new EntityStoreUnavailableException(
            "entity store cannot answer for "
                + uid
                + ": its hierarchy is deeper than "
                + MAX_HIERARCHY_DEPTH
                + " or has a cycle",
            null);
      }
      Entity e = parse(uid, attrs, tags, parents);
      ancestors.addAll(e.parents());
      return new Loaded(e.withAncestors(ancestors), counter);
    }
  }

  private static EntityUid uidOf(String type, String id) {
    try {
      return EntityUid.of(type, id);
    } catch (IllegalArgumentException e) {
      // A row written by hand with a bad type name: refuse to answer rather than drop the edge.
      throw new EntityStoreUnavailableException(
          "entity store holds an invalid entity type in bulwark_entity_parents", e);
    }
  }

  private Entity parse(EntityUid uid, String attrs, String tags, List<EntityUid> parents) {
    StringBuilder json = new StringBuilder(attrs.length() + 128);
    json.append("{\"uid\":").append(uidJson(uid)).append(",\"attrs\":").append(attrs);
    json.append(",\"parents\":[");
    for (int i = 0; i < parents.size(); i++) {
      json.append(i == 0 ? "" : ",").append(uidJson(parents.get(i)));
    }
    json.append("]");
    if (tags != null) {
      json.append(",\"tags\":").append(tags);
    }
    json.append('}');
    try {
      return Entity.fromJson(json.toString(), schema);
    } catch (PolicyParseException e) {
      // A row that does not read back (written by hand, or against another schema) must not
      // become an entity without the attributes or parents a policy relies on.
      throw new EntityStoreUnavailableException(
          "entity store holds " + uid + " in a form it cannot read: " + e.getMessage(), e);
    }
  }

  private static String uidJson(EntityUid uid) {
    return "{\"type\":" + jsonString(uid.type()) + ",\"id\":" + jsonString(uid.id()) + "}";
  }

  private static String jsonString(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == '"' || ch == '\\') {
        sb.append('\\').append(ch);
      } else if (ch < 0x20) {
        sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) ch));
      } else {
        sb.append(ch);
      }
    }
    return sb.append('"').toString();
  }

  // ---------------------------------------------------------------------------------------------
  // Writes

  /**
   * Adds an entity, or replaces the one with its uid (attributes, tags and parents). Its ancestors
   * are not stored: they follow from the parents.
   *
   * @param entity the entity
   * @return the change-log version of the change
   * @throws IllegalArgumentException if the store has a schema and the entity does not conform to
   *     it, or its parents would make a cycle (nothing is written)
   * @throws EntityStoreUnavailableException if the database cannot be written (nothing is written)
   */
  public long put(Entity entity) {
    Objects.requireNonNull(entity, "entity");
    return putAll(List.of(entity));
  }

  /**
   * Adds or replaces entities in one transaction: all of them or none.
   *
   * @param entities the entities; a uid given twice keeps the later one
   * @return the change-log version of the last change, or the latest version if there were none
   * @throws IllegalArgumentException as {@link #put} does, for any of them (nothing is written)
   * @throws EntityStoreUnavailableException if the database cannot be written (nothing is written)
   */
  public long putAll(Collection<Entity> entities) {
    Objects.requireNonNull(entities, "entities");
    Map<EntityUid, String[]> rows = new LinkedHashMap<>();
    Map<EntityUid, Entity> byUid = new LinkedHashMap<>();
    for (Entity e : entities) {
      Objects.requireNonNull(e, "entity");
      byUid.put(e.uid(), e);
    }
    for (Entity e : byUid.values()) {
      rows.put(e.uid(), encode(e));
    }
    return write(
        byUid.keySet(),
        c -> {
          for (Entity e : byUid.values()) {
            String[] row = rows.get(e.uid());
            upsert(c, e.uid(), row[0], row[1]);
            exec(c, DELETE_PARENTS, e.uid());
            try (PreparedStatement ps = c.prepareStatement(INSERT_PARENT)) {
              for (EntityUid p : e.parents()) {
                ps.setString(1, e.uid().type());
                ps.setString(2, e.uid().id());
                ps.setString(3, p.type());
                ps.setString(4, p.id());
                ps.addBatch();
              }
              if (!e.parents().isEmpty()) {
                ps.executeBatch();
              }
            }
          }
          // With every edge of the change in place, a cycle through a changed entity shows as
          // the entity among its own ancestors.
          for (EntityUid u : byUid.keySet()) {
            requireAcyclic(c, u);
          }
        });
  }

  /**
   * Removes an entity and its parent edges. Entities that name it as a parent keep it as an
   * ancestor but lose its ancestors, as in {@link dev.bulwark.policy.MutableEntityStore}.
   *
   * @param uid the uid
   * @return the change-log version of the change (a change is logged even if there was no entity)
   * @throws EntityStoreUnavailableException if the database cannot be written (nothing is written)
   */
  public long remove(EntityUid uid) {
    Objects.requireNonNull(uid, "uid");
    return write(
        List.of(uid),
        c -> {
          exec(c, DELETE_PARENTS, uid);
          exec(c, DELETE_ENTITY, uid);
        });
  }

  private String[] encode(Entity e) {
    if (schema != null) {
      try {
        // Read back as the engine would, against the schema: what fails here would fail there.
        Entity.fromJson(e.toJson(), schema);
      } catch (PolicyParseException ex) {
        throw new IllegalArgumentException(ex.getMessage(), ex);
      }
    }
    // Entity.toJson writes {"uid":U,"attrs":A,"parents":P,"tags":T} in that order; the columns
    // hold A and T. Each member is found by skipping the one before it as a whole JSON value, so
    // a key or string inside A that looks like a member name cannot mislead the split.
    String json = e.toJson();
    int uidStart = expect(json, 0, "{\"uid\":");
    int attrsStart = expect(json, skipValue(json, uidStart), ",\"attrs\":");
    int attrsEnd = skipValue(json, attrsStart);
    int parentsStart = expect(json, attrsEnd, ",\"parents\":");
    int tagsStart = expect(json, skipValue(json, parentsStart), ",\"tags\":");
    int tagsEnd = skipValue(json, tagsStart);
    String tags = json.substring(tagsStart, tagsEnd);
    return new String[] {json.substring(attrsStart, attrsEnd), "{}".equals(tags) ? null : tags};
  }

  private static int expect(String json, int at, String token) {
    if (!json.startsWith(token, at)) {
      throw new IllegalStateException("Entity.toJson gave an unexpected layout at " + at);
    }
    return at + token.length();
  }

  /** The index after the JSON object or array that starts at {@code at} (compact JSON). */
  private static int skipValue(String json, int at) {
    int depth = 0;
    boolean inString = false;
    for (int i = at; i < json.length(); i++) {
      char ch = json.charAt(i);
      if (inString) {
        if (ch == '\\') {
          i++;
        } else if (ch == '"') {
          inString = false;
        }
      } else if (ch == '"') {
        inString = true;
      } else if (ch == '{' || ch == '[') {
        depth++;
      } else if (ch == '}' || ch == ']') {
        depth--;
        if (depth == 0) {
          return i + 1;
        }
      }
    }
    throw new IllegalStateException("Entity.toJson gave unbalanced JSON");
  }

  @FunctionalInterface
  private interface Work {
    void run(Connection c) throws SQLException;
  }

  private long write(Collection<EntityUid> uids, Work work) {
    long version =
        db.primaryGuard()
            .call(
                () -> {
                  try (Connection c = db.primary().getConnection()) {
                    boolean autoCommit = c.getAutoCommit();
                    c.setAutoCommit(false);
                    try {
                      // The change-log rows go first: appending takes the counter's row lock,
                      // which serializes writers, so the update-then-insert below and the cycle
                      // check race with no other write.
                      long v = 0;
                      for (EntityUid u : uids) {
                        v = ChangeLog.append(c, db.dialect(), ChangeKind.ENTITY, u.toString());
                      }
                      if (uids.isEmpty()) {
                        v = ChangeLog.latest(c);
                      }
                      work.run(c);
                      c.commit();
                      return v;
                    } catch (SQLException | RuntimeException e) {
                      c.rollback();
                      throw e;
                    } finally {
                      c.setAutoCommit(autoCommit);
                    }
                  }
                },
                (message, cause) ->
                    new EntityStoreUnavailableException(
                        "entity store could not write: " + message, cause));
    // After the commit, not before: a load between an earlier drop and the commit would cache the
    // old row again.
    for (EntityUid u : uids) {
      invalidate(u);
    }
    return version;
  }

  private void upsert(Connection c, EntityUid uid, String attrs, String tags) throws SQLException {
    // Writers are serialized by the change counter's lock, so no insert can come between the
    // update that found no row and the insert.
    try (PreparedStatement ps = c.prepareStatement(UPDATE_ENTITY)) {
      ps.setString(1, attrs);
      ps.setString(2, tags);
      ps.setString(3, uid.type());
      ps.setString(4, uid.id());
      if (ps.executeUpdate() == 1) {
        return;
      }
    }
    try (PreparedStatement ps = c.prepareStatement(INSERT_ENTITY)) {
      ps.setString(1, uid.type());
      ps.setString(2, uid.id());
      ps.setString(3, attrs);
      ps.setString(4, tags);
      ps.executeUpdate();
    }
  }

  /** Sets the query timeout and the parameters of {@link #FIND} for {@code uid}. */
  private void bindFind(PreparedStatement ps, EntityUid uid) throws SQLException {
    ps.setQueryTimeout(db.queryTimeoutSeconds());
    ps.setString(1, uid.type());
    ps.setString(2, uid.id());
    ps.setInt(3, MAX_HIERARCHY_DEPTH);
    ps.setString(4, uid.type());
    ps.setString(5, uid.id());
    ps.setString(6, uid.type());
    ps.setString(7, uid.id());
  }

  private void requireAcyclic(Connection c, EntityUid uid) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(FIND)) {
      bindFind(ps, uid);
      boolean cyclic = false;
      int deepest = 0;
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (rs.getInt(1) == ROW_ANCESTOR) {
            deepest = Math.max(deepest, rs.getInt(6));
            cyclic |= rs.getString(4).equals(uid.type()) && rs.getString(5).equals(uid.id());
          }
        }
      }
      // A cycle also runs the walk to the depth bound: name the cycle, the likelier mistake.
      if (cyclic) {
        throw new IllegalArgumentException(
            "the parents of " + uid + " would make a cycle: it would be its own ancestor");
      }
      if (deepest >= MAX_HIERARCHY_DEPTH) {
        throw new IllegalArgumentException(
            "the parents of "
                + uid
                + " would make a hierarchy "
                + MAX_HIERARCHY_DEPTH
                + " or more levels deep");
      }
    }
  }

  private static void exec(Connection c, String sql, EntityUid uid) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, uid.type());
      ps.setString(2, uid.id());
      ps.executeUpdate();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Invalidation

  /**
   * Drops a changed entity and every cached entity that has it among its ancestors. Called by the
   * change feed; does not touch the database and does not throw.
   */
  @Override
  public void apply(ChangeLog.Change change) {
    if (change.kind() != ChangeKind.ENTITY) {
      return;
    }
    EntityUid uid;
    try {
      uid = EntityUid.parse(change.item());
    } catch (IllegalArgumentException e) {
      // An item this store cannot read names some entity: only dropping everything is safe.
      invalidateAll();
      return;
    }
    invalidate(uid);
  }

  /** Drops every cached entity and absence. */
  @Override
  public void invalidateAll() {
    synchronized (invalidationLock) {
      generation++;
      cache.invalidateAll();
      dependants.clear();
      evicted.clear();
    }
  }

  private void invalidate(EntityUid uid) {
    synchronized (invalidationLock) {
      generation++;
      Set<EntityUid> below = dependants.remove(uid);
      drop(uid);
      if (below != null) {
        for (EntityUid d : below) {
          drop(d);
        }
      }
    }
  }

  /** Drops one entry and its links in the index; holds invalidationLock. */
  private void drop(EntityUid uid) {
    Optional<Entity> old = cache.asMap().remove(uid);
    if (old != null && old.isPresent()) {
      unlink(uid, old.get().ancestors());
    }
  }

  /** Removes the index links of entries the cache evicted, unless re-cached; holds the lock. */
  private void drainEvicted() {
    Entity e;
    while ((e = evicted.poll()) != null) {
      Optional<Entity> now = cache.asMap().get(e.uid());
      Set<EntityUid> keep = now == null || now.isEmpty() ? Set.of() : now.get().ancestors();
      Set<EntityUid> gone = new LinkedHashSet<>(e.ancestors());
      gone.removeAll(keep);
      unlink(e.uid(), gone);
    }
  }

  private void unlink(EntityUid uid, Set<EntityUid> ancestors) {
    for (EntityUid a : ancestors) {
      Set<EntityUid> s = dependants.get(a);
      if (s != null) {
        s.remove(uid);
        if (s.isEmpty()) {
          dependants.remove(a, s);
        }
      }
    }
  }

  /**
   * The query cache as Caffeine tools see one, for its statistics only (Micrometer's {@code
   * CaffeineCacheMetrics}, for one): {@code stats()} and {@code estimatedSize()} read {@link
   * #cacheStats()}, and every method that would read, add or drop an entry throws {@link
   * UnsupportedOperationException}, so the view gives no way to read or plant a cached entry. The
   * same instance each time, held by this store, so a binder that holds it weakly keeps working.
   */
  public Cache<Object, Object> cacheStatsView() {
    return statsView;
  }

  /**
   * The cache's counters since the store was built.
   *
   * @return the statistics
   */
  public CacheStatistics cacheStats() {
    return counters.snapshot(cache.estimatedSize());
  }

  @Override
  public String toString() {
    return "JdbcEntityStore[" + db + ", cached=" + cache.estimatedSize() + "]";
  }

  /** One request's view: each uid answered once, then remembered. Thread-safe. */
  private static final class RequestView implements EntityStore {
    private final JdbcEntityStore store;
    private final Map<EntityUid, Optional<Entity>> seen = new ConcurrentHashMap<>();

    RequestView(JdbcEntityStore store) {
      this.store = store;
    }

    @Override
    public Entity find(EntityUid uid) {
      Optional<Entity> e = seen.get(uid);
      if (e == null) {
        e = Optional.ofNullable(store.find(uid));
        Optional<Entity> first = seen.putIfAbsent(uid, e);
        if (first != null) {
          e = first;
        }
      }
      return e.orElse(null);
    }

    @Override
    public EntityStore snapshot() {
      return this;
    }
  }

  /** Builds a {@link JdbcEntityStore}; not thread-safe, use from one thread, once. */
  public static final class Builder {
    private final Database db;
    private Schema schema;
    private long maximumSize = DEFAULT_CACHE_MAXIMUM_SIZE;
    private Duration ttl = Duration.ofSeconds(DEFAULT_CACHE_TTL_SECONDS);
    private Ticker ticker;

    private Builder(Database db) {
      this.db = db;
    }

    /**
     * Checks every entity written against a schema, as {@link Entity#fromJson(String, Schema)}
     * does, and reads entities by its declared types.
     *
     * @param schema the schema
     * @return this
     */
    public Builder schema(Schema schema) {
      this.schema = Objects.requireNonNull(schema, "schema");
      return this;
    }

    /**
     * The most entities (and remembered absences) cached; default {@value
     * #DEFAULT_CACHE_MAXIMUM_SIZE}.
     *
     * @param size at least 0 (0 caches nothing)
     * @return this
     * @throws IllegalArgumentException if negative
     */
    public Builder cacheMaximumSize(long size) {
      if (size < 0) {
        throw new IllegalArgumentException("cacheMaximumSize must be at least 0, was " + size);
      }
      this.maximumSize = size;
      return this;
    }

    /**
     * How long an entry is cached after it is loaded; default {@value #DEFAULT_CACHE_TTL_SECONDS}
     * seconds. The change feed drops changed entries sooner; this bounds the age of an entry when
     * the feed is not running.
     *
     * @param ttl positive
     * @return this
     * @throws IllegalArgumentException if zero or negative
     */
    public Builder cacheTtl(Duration ttl) {
      Objects.requireNonNull(ttl, "ttl");
      if (ttl.isZero() || ttl.isNegative()) {
        throw new IllegalArgumentException("cacheTtl must be positive, was " + ttl);
      }
      this.ttl = ttl;
      return this;
    }

    /** The time source of the cache's expiry, for tests; default the system's. */
    Builder ticker(Ticker ticker) {
      this.ticker = Objects.requireNonNull(ticker, "ticker");
      return this;
    }

    /**
     * Builds the store and registers it with the database for changes.
     *
     * @return the store
     */
    public JdbcEntityStore build() {
      return new JdbcEntityStore(this);
    }
  }
}
