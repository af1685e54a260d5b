/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.dbcache;

import dev.bulwark.dbcache.internal.ChangeApplier;
import dev.bulwark.dbcache.internal.ChangeKind;
import dev.bulwark.dbcache.internal.ChangeLog;
import dev.bulwark.dbcache.internal.SlotValuesJson;
import dev.bulwark.policy.EntityUid;
import dev.bulwark.policy.Policy;
import dev.bulwark.policy.PolicyEngine;
import dev.bulwark.policy.PolicyParseException;
import dev.bulwark.policy.PolicySet;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Versioned Cedar policy sets on the tables {@code bulwark_policy_sets}, {@code bulwark_policies},
 * {@code bulwark_policy_links} and {@code bulwark_active_policy_set}. Thread-safe and stateless
 * apart from its database.
 *
 * <p>{@link #save} stores a set as a new version that never changes afterwards: each static policy
 * and template as its Cedar text under its id, each template-linked policy as its template's id and
 * slot values. {@link #activate} makes one version the one in force by updating the single row of
 * {@code bulwark_active_policy_set}, in the transaction that appends the change-log row, so a
 * reader sees the old version or the new one and, since versions are immutable, never a mix of two
 * sets. {@link #loadActive()} rebuilds the active set: ids, annotations, texts, templates and
 * links.
 *
 * <p>{@link #bind} keeps a {@link PolicyEngine} on the active version: when the change feed reports
 * a policy-set change, the binding loads the active set and gives it to the engine. A set that does
 * not load (stored text that no longer parses) or that the engine refuses (it validates against a
 * schema) leaves the engine on its old set, and the failure is reported by the binding, not thrown
 * into the feed: the engine fails closed on the set it had.
 *
 * <p>Policy order: a rebuilt set lists its static policies, then its links, each by id; the order
 * of the set that was saved is not stored (it does not change any decision).
 */
public final class JdbcPolicyStore {
  private static final System.Logger LOG = System.getLogger(JdbcPolicyStore.class.getName());

  // Takes the change counter's row lock without changing it: writers to the policy tables are
  // serialized from here to commit, so the next version number is read without a race.
  private static final String LOCK = "UPDATE bulwark_change_counter SET version = version";
  private static final String NEXT_VERSION =
      "SELECT COALESCE(MAX(version), 0) + 1 FROM bulwark_policy_sets";
  private static final String INSERT_SET =
      "INSERT INTO bulwark_policy_sets (version, created_at, description) VALUES (?, ?, ?)";
  private static final String INSERT_POLICY =
      "INSERT INTO bulwark_policies (set_version, policy_id, is_template, policy_text)"
          + " VALUES (?, ?, ?, ?)";
  private static final String INSERT_LINK =
      "INSERT INTO bulwark_policy_links (set_version, link_id, template_id, slot_values)"
          + " VALUES (?, ?, ?, ?)";
  private static final String SET_EXISTS = "SELECT 1 FROM bulwark_policy_sets WHERE version = ?";
  private static final String UPDATE_ACTIVE =
      "UPDATE bulwark_active_policy_set SET version = ? WHERE id = 1";
  private static final String INSERT_ACTIVE =
      "INSERT INTO bulwark_active_policy_set (id, version) VALUES (1, ?)";
  private static final String ACTIVE = "SELECT version FROM bulwark_active_policy_set WHERE id = 1";
  // The rows of one version, static policies and templates before links, each by id.
  private static final String ROWS =
      "SELECT 0, policy_id, is_template, policy_text, NULL FROM bulwark_policies"
          + " WHERE set_version = ?"
          + " UNION ALL"
          + " SELECT 1, link_id, FALSE, template_id, slot_values FROM bulwark_policy_links"
          + " WHERE set_version = ?"
          + " ORDER BY 1, 2";
  private static final String VERSIONS =
      "SELECT s.version, s.created_at, s.description, a.version FROM bulwark_policy_sets s"
          + " LEFT JOIN bulwark_active_policy_set a ON a.version = s.version ORDER BY s.version";

  private final Database db;

  private JdbcPolicyStore(Database db) {
    this.db = db;
  }

  /**
   * A store on {@code db}.
   *
   * @param db the database
   * @return the store
   */
  public static JdbcPolicyStore of(Database db) {
    return new JdbcPolicyStore(Objects.requireNonNull(db, "db"));
  }

  /** One stored version of the policy set. */
  public record PolicySetVersion(
      long version, Instant createdAt, String description, boolean active) {}

  /** An active version and the set rebuilt from it. */
  public record ActivePolicySet(long version, PolicySet policies) {}

  /**
   * Stores a policy set as a new version, not active.
   *
   * @param policies the set; every static policy and template must have Cedar text ({@link
   *     Policy#text()}), which a set read from Cedar's JSON format does not
   * @param description what the version is, for people; may be null
   * @return the new version's number (1, 2, ...)
   * @throws IllegalArgumentException if a policy has no text, or the stored parts would not rebuild
   *     the set (nothing is stored)
   * @throws PolicyStoreUnavailableException if the database cannot be written (nothing is stored)
   */
  public long save(PolicySet policies, String description) {
    Objects.requireNonNull(policies, "policies");
    Parts parts = Parts.of(policies);
    return transaction(c -> insert(c, parts, description)).setVersion;
  }

  /**
   * Makes a stored version the active one.
   *
   * @param version a version {@link #save} returned
   * @return the change-log version of the activation
   * @throws IllegalArgumentException if no such version is stored
   * @throws PolicyStoreUnavailableException if the database cannot be written
   */
  public long activate(long version) {
    return transaction(
            c -> {
              requireExists(c, version);
              return new Written(version, setActive(c, version));
            })
        .changeVersion;
  }

  /**
   * Stores a policy set as a new version and makes it active, in one transaction.
   *
   * @param policies the set, as for {@link #save}
   * @param description as for {@link #save}
   * @return the change-log version of the activation
   * @throws IllegalArgumentException as {@link #save} does
   * @throws PolicyStoreUnavailableException if the database cannot be written (nothing is stored)
   */
  public long saveAndActivate(PolicySet policies, String description) {
    Objects.requireNonNull(policies, "policies");
    Parts parts = Parts.of(policies);
    return transaction(
            c -> {
              Written w = insert(c, parts, description);
              return new Written(w.setVersion, setActive(c, w.setVersion));
            })
        .changeVersion;
  }

  /**
   * Rebuilds the active policy set.
   *
   * @return the active set, or empty if no version was ever activated
   * @throws PolicyStoreUnavailableException if the database cannot be read
   * @throws IllegalStateException if the stored version does not rebuild (text that no longer
   *     parses, a link to a missing template): the message names the version and the policy
   */
  public Optional<PolicySet> loadActive() {
    return loadActiveVersion().map(ActivePolicySet::policies);
  }

  /**
   * Rebuilds the active policy set with its version number.
   *
   * @return the active set and its version, or empty if no version was ever activated
   * @throws PolicyStoreUnavailableException if the database cannot be read
   * @throws IllegalStateException as {@link #loadActive()} does
   */
  public Optional<ActivePolicySet> loadActiveVersion() {
    try (Connection c = db.primary().getConnection()) {
      // The active version, then its rows: a version's rows never change after it is saved, so
      // the two statements cannot mix two sets even if an activation commits between them.
      OptionalLong v = active(c);
      if (v.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(new ActivePolicySet(v.getAsLong(), load(c, v.getAsLong())));
    } catch (SQLException e) {
      throw unavailable("reading the active policy set", e);
    }
  }

  /**
   * Rebuilds a stored version.
   *
   * @param version the version
   * @return the set
   * @throws IllegalArgumentException if no such version is stored
   * @throws PolicyStoreUnavailableException if the database cannot be read
   * @throws IllegalStateException as {@link #loadActive()} does
   */
  public PolicySet load(long version) {
    try (Connection c = db.primary().getConnection()) {
      requireExists(c, version);
      return load(c, version);
    } catch (SQLException e) {
      throw unavailable("reading policy set version " + version, e);
    }
  }

  /**
   * Lists the stored versions, oldest first.
   *
   * @return the versions
   * @throws PolicyStoreUnavailableException if the database cannot be read
   */
  public List<PolicySetVersion> versions() {
    List<PolicySetVersion> out = new ArrayList<>();
    try (Connection c = db.primary().getConnection();
        PreparedStatement ps = c.prepareStatement(VERSIONS);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        rs.getLong(4);
        boolean active = !rs.wasNull();
        out.add(
            new PolicySetVersion(
                rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3), active));
      }
      return out;
    } catch (SQLException e) {
      throw unavailable("listing policy set versions", e);
    }
  }

  /**
   * Keeps {@code engine} on the active version: loads it now, and again on every policy-set change
   * the change feed reports (or when the feed drops everything). Failures keep the engine's set and
   * are reported by the binding ({@link Binding#lastFailure()}) and logged, never thrown into the
   * feed.
   *
   * @param engine the engine
   * @return the binding
   */
  public Binding bind(PolicyEngine engine) {
    Binding b = new Binding(this, Objects.requireNonNull(engine, "engine"));
    b.refresh();
    db.register(b.applier);
    return b;
  }

  /**
   * An engine kept on the active policy set by {@link #bind}. Thread-safe: the change feed's thread
   * refreshes it; any thread may read its state or call {@link #refresh()}.
   */
  public static final class Binding {
    private final JdbcPolicyStore store;
    private final PolicyEngine engine;
    private final AtomicLong version = new AtomicLong();
    private final AtomicReference<String> lastFailure = new AtomicReference<>();
    private final ChangeApplier applier;

    private Binding(JdbcPolicyStore store, PolicyEngine engine) {
      this.store = store;
      this.engine = engine;
      this.applier =
          new ChangeApplier() {
            @Override
            public void apply(ChangeLog.Change change) {
              if (change.kind() == ChangeKind.POLICY_SET) {
                refresh();
              }
            }

            @Override
            public void invalidateAll() {
              refresh();
            }
          };
    }

    /**
     * Loads the active set and gives it to the engine if it is a version the engine does not have.
     * Does not throw: a failure leaves the engine on its set and is kept for {@link
     * #lastFailure()}.
     *
     * @return true if the engine now has the active set
     */
    public synchronized boolean refresh() {
      try {
        Optional<ActivePolicySet> a = store.loadActiveVersion();
        if (a.isEmpty()) {
          // Nothing was ever activated: the engine keeps the set it was built with.
          lastFailure.set(null);
          return true;
        }
        if (a.get().version() != version.get()) {
          engine.updatePolicies(a.get().policies());
          version.set(a.get().version());
        }
        lastFailure.set(null);
        return true;
      } catch (RuntimeException e) {
        // The engine keeps deciding with the set it has; an unreadable or invalid set is never
        // half applied, and the feed must go on to the next change.
        String message =
            "policy set not applied, the engine keeps version "
                + version.get()
                + ": "
                + e.getMessage();
        lastFailure.set(message);
        LOG.log(System.Logger.Level.WARNING, message);
        return false;
      }
    }

    /**
     * @return the policy-set version the engine has from this binding, 0 if none yet
     */
    public long version() {
      return version.get();
    }

    /**
     * @return why the last refresh failed, or empty if it succeeded
     */
    public Optional<String> lastFailure() {
      return Optional.ofNullable(lastFailure.get());
    }

    @Override
    public String toString() {
      return "JdbcPolicyStore.Binding[version=" + version.get() + "]";
    }
  }

  // ---------------------------------------------------------------------------------------------

  /** A set split into the rows it is stored as. */
  private record Parts(
      Map<String, String> policies,
      Map<String, String> templates,
      Map<String, String> linkTemplates,
      Map<String, Map<String, EntityUid>> linkValues) {

    static Parts of(PolicySet set) {
      Map<String, String> policies = new LinkedHashMap<>();
      Map<String, String> templates = new LinkedHashMap<>();
      Map<String, String> linkTemplates = new LinkedHashMap<>();
      Map<String, Map<String, EntityUid>> linkValues = new LinkedHashMap<>();
      for (String id : set.templateIds()) {
        templates.put(id, textOf(set.template(id).orElseThrow()));
      }
      for (String id : set.policyIds()) {
        Policy p = set.policy(id).orElseThrow();
        if (p.templateId().isPresent()) {
          linkTemplates.put(id, p.templateId().get());
          linkValues.put(id, p.linkValues());
        } else {
          policies.put(id, textOf(p));
        }
      }
      Parts parts = new Parts(policies, templates, linkTemplates, linkValues);
      // What is stored must load: rebuild it now rather than store a version that fails later.
      try {
        parts.rebuild();
      } catch (PolicyParseException | RuntimeException e) {
        throw new IllegalArgumentException(
            "the policy set cannot be stored so that it rebuilds: " + e.getMessage(), e);
      }
      return parts;
    }

    private static String textOf(Policy p) {
      return p.text()
          .orElseThrow(
              () ->
                  new IllegalArgumentException(
                      "policy "
                          + p.id()
                          + " has no Cedar text (it was read from JSON); store policies parsed"
                          + " from Cedar text"));
    }

    PolicySet rebuild() throws PolicyParseException {
      PolicySet s = PolicySet.empty();
      for (Map.Entry<String, String> t : new TreeMap<>(templates).entrySet()) {
        s = s.add(t.getKey(), t.getValue());
      }
      for (Map.Entry<String, String> p : new TreeMap<>(policies).entrySet()) {
        s = s.add(p.getKey(), p.getValue());
      }
      for (Map.Entry<String, String> l : new TreeMap<>(linkTemplates).entrySet()) {
        s = s.link(l.getValue(), l.getKey(), linkValues.get(l.getKey()));
      }
      return s;
    }
  }

  private record Written(long setVersion, long changeVersion) {}

  @FunctionalInterface
  private interface Work {
    Written run(Connection c) throws SQLException;
  }

  private Written transaction(Work work) {
    try (Connection c = db.primary().getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        try (PreparedStatement ps = c.prepareStatement(LOCK)) {
          ps.executeUpdate();
        }
        Written w = work.run(c);
        c.commit();
        return w;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw unavailable("writing a policy set", e);
    }
  }

  private Written insert(Connection c, Parts parts, String description) throws SQLException {
    long v;
    try (PreparedStatement ps = c.prepareStatement(NEXT_VERSION);
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      v = rs.getLong(1);
    }
    try (PreparedStatement ps = c.prepareStatement(INSERT_SET)) {
      ps.setLong(1, v);
      ps.setTimestamp(2, Timestamp.from(Instant.now()));
      ps.setString(3, description);
      ps.executeUpdate();
    }
    try (PreparedStatement ps = c.prepareStatement(INSERT_POLICY)) {
      for (Map.Entry<String, String> t : parts.templates().entrySet()) {
        addPolicy(ps, v, t.getKey(), true, t.getValue());
      }
      for (Map.Entry<String, String> p : parts.policies().entrySet()) {
        addPolicy(ps, v, p.getKey(), false, p.getValue());
      }
      ps.executeBatch();
    }
    try (PreparedStatement ps = c.prepareStatement(INSERT_LINK)) {
      for (Map.Entry<String, String> l : parts.linkTemplates().entrySet()) {
        ps.setLong(1, v);
        ps.setString(2, l.getKey());
        ps.setString(3, l.getValue());
        ps.setString(4, slotJson(parts.linkValues().get(l.getKey())));
        ps.addBatch();
      }
      ps.executeBatch();
    }
    long change = ChangeLog.append(c, db.dialect(), ChangeKind.POLICY_SET, Long.toString(v));
    return new Written(v, change);
  }

  private static void addPolicy(
      PreparedStatement ps, long v, String id, boolean template, String text) throws SQLException {
    ps.setLong(1, v);
    ps.setString(2, id);
    ps.setBoolean(3, template);
    ps.setString(4, text);
    ps.addBatch();
  }

  private long setActive(Connection c, long version) throws SQLException {
    // The counter lock taken by transaction() serializes activations, so the update that finds no
    // row is never raced by another insert of the single row.
    try (PreparedStatement ps = c.prepareStatement(UPDATE_ACTIVE)) {
      ps.setLong(1, version);
      if (ps.executeUpdate() == 0) {
        try (PreparedStatement ins = c.prepareStatement(INSERT_ACTIVE)) {
          ins.setLong(1, version);
          ins.executeUpdate();
        }
      }
    }
    return ChangeLog.append(c, db.dialect(), ChangeKind.POLICY_SET, Long.toString(version));
  }

  private static void requireExists(Connection c, long version) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SET_EXISTS)) {
      ps.setLong(1, version);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalArgumentException(
              "version must be a stored policy set version, was " + version);
        }
      }
    }
  }

  private static OptionalLong active(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(ACTIVE);
        ResultSet rs = ps.executeQuery()) {
      return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
    }
  }

  private static PolicySet load(Connection c, long version) throws SQLException {
    Map<String, String> policies = new LinkedHashMap<>();
    Map<String, String> templates = new LinkedHashMap<>();
    Map<String, String> linkTemplates = new LinkedHashMap<>();
    Map<String, Map<String, EntityUid>> linkValues = new LinkedHashMap<>();
    try (PreparedStatement ps = c.prepareStatement(ROWS)) {
      ps.setLong(1, version);
      ps.setLong(2, version);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String id = rs.getString(2);
          if (rs.getInt(1) == 0) {
            (rs.getBoolean(3) ? templates : policies).put(id, rs.getString(4));
          } else {
            linkTemplates.put(id, rs.getString(4));
            linkValues.put(id, parseSlots(version, id, rs.getString(5)));
          }
        }
      }
    }
    try {
      return new Parts(policies, templates, linkTemplates, linkValues).rebuild();
    } catch (PolicyParseException | IllegalArgumentException e) {
      throw new IllegalStateException(
          "policy set version " + version + " does not rebuild: " + e.getMessage(), e);
    }
  }

  private static String slotJson(Map<String, EntityUid> values) {
    return SlotValuesJson.write(values);
  }

  private static Map<String, EntityUid> parseSlots(long version, String linkId, String json) {
    try {
      return SlotValuesJson.read(json);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          "policy set version " + version + ": link " + linkId + ": " + e.getMessage(), e);
    }
  }

  private static PolicyStoreUnavailableException unavailable(String what, SQLException e) {
    return new PolicyStoreUnavailableException(
        "policy store unavailable: " + what + " failed, SQL state " + e.getSQLState(), e);
  }
}
