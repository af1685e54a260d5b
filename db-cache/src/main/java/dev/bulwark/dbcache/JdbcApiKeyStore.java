/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.dbcache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.bulwark.auth.store.ApiKeyRecord;
import dev.bulwark.auth.store.ApiKeyStore;
import dev.bulwark.auth.store.StoreUnavailableException;
import dev.bulwark.dbcache.internal.CacheStatsView;
import dev.bulwark.dbcache.internal.ChangeApplier;
import dev.bulwark.dbcache.internal.ChangeKind;
import dev.bulwark.dbcache.internal.ChangeLog;
import dev.bulwark.dbcache.internal.QueryCache;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * An {@link ApiKeyStore} on the table {@code bulwark_api_keys}, behind a read-through query cache.
 * Thread-safe: any thread may read and write at once.
 *
 * <p>Each write runs in one transaction on the primary that also appends a change-log row ({@code
 * API_KEY}, the key id), and drops the key's cache entry as soon as it commits; the {@link
 * ChangeFeed} drops the entries other instances' writes make stale. Without a running change feed,
 * another instance's change is seen when the entry expires ({@linkplain Builder#cacheTtl TTL},
 * {@linkplain Builder#negativeCacheTtl negative TTL} for an unknown id).
 *
 * <p>Reads: a lookup of an unknown key id is cached as absent for the negative TTL, so a flood of
 * lookups of made-up ids reaches the database once per id and TTL (and ids longer than the column
 * never reach it); concurrent lookups of one uncached id make one query; {@link #findAll} loads
 * many ids with one query. Each read has a variant taking {@code minVersion}: the answer reflects
 * at least that change-log version (as returned by a versioned write), read from the primary when
 * this instance's caches have not applied it yet. A read that cannot ask the database throws {@link
 * StoreUnavailableException}, never "not found".
 *
 * <p>Instants are stored at microsecond precision, rounded down (a key is never taken as newer or
 * longer-lived than it is). The store never holds the secret, only its digest, and never shows the
 * digest in a message.
 */
// The store is the change feed's ChangeApplier (an internal, unexported interface): its apply and
// invalidateAll are public by necessity and documented as not part of the API.
@SuppressWarnings("exports")
public final class JdbcApiKeyStore implements ApiKeyStore, ChangeApplier {
  /** Default {@link Builder#cacheMaximumSize}. */
  public static final long DEFAULT_CACHE_MAXIMUM_SIZE = 100_000;

  /** Default {@link Builder#cacheTtl}, in seconds. */
  public static final long DEFAULT_CACHE_TTL_SECONDS = 60;

  /** Default {@link Builder#negativeCacheTtl}, in milliseconds. */
  public static final long DEFAULT_NEGATIVE_CACHE_TTL_MILLIS = 5_000;

  /** The longest key id the table holds; a longer one is unknown without asking the database. */
  public static final int MAX_KEY_ID_LENGTH = 256;

  /**
   * The most key ids one statement of {@link #findAll} asks for: bounds the statement's size; a
   * call with more makes one statement per this many.
   */
  public static final int BULK_CHUNK_SIZE = 1_000;

  private static final String COLUMNS =
      "c.version, k.key_id, k.secret_digest, k.owner_subject, k.scopes, k.created_at,"
          + " k.expires_at, k.revoked";
  // The counter row joined to the key: the answer carries the version it was read at (a replica's
  // lag shows), and an unknown id still returns that one row.
  private static final String FIND =
      "SELECT "
          + COLUMNS
          + " FROM bulwark_change_counter c"
          + " LEFT JOIN bulwark_api_keys k ON k.key_id = ?";
  private static final String FIND_ALL =
      "SELECT "
          + COLUMNS
          + " FROM bulwark_change_counter c"
          + " LEFT JOIN bulwark_api_keys k ON k.key_id = ANY(?)";
  private static final String INSERT =
      "INSERT INTO bulwark_api_keys"
          + " (key_id, secret_digest, owner_subject, scopes, created_at, expires_at, revoked)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?)";
  private static final String MARK_REVOKED =
      "UPDATE bulwark_api_keys SET revoked = TRUE WHERE key_id = ?";

  private final Jdbc jdbc;
  private final QueryCache<String, ApiKeyRecord> cache;

  // Read through cacheStatsView(); built once so that weak holders of it see it for the store's
  // life.
  private final Cache<Object, Object> statsView = new CacheStatsView(this::cacheStats);

  private JdbcApiKeyStore(Builder b) {
    this.jdbc = new Jdbc(b.db, "JdbcApiKeyStore");
    this.cache =
        new QueryCache<>(
            b.maximumSize, b.ttl, b.negativeTtl, b.ticker, this::loadOne, this::loadMany);
  }

  /**
   * A builder of a store on {@code db}.
   *
   * @param db the database; the store registers with it for the change feed when built
   */
  public static Builder builder(Database db) {
    return new Builder(Objects.requireNonNull(db, "db"));
  }

  /**
   * {@inheritDoc} From the cache when it holds the id. Empty for a null id.
   *
   * @throws StoreUnavailableException if the database could not be asked
   */
  @Override
  public Optional<ApiKeyRecord> findByKeyId(String keyId) {
    if (keyId == null || keyId.length() > MAX_KEY_ID_LENGTH) {
      return Optional.empty();
    }
    return Optional.ofNullable(cache.get(keyId));
  }

  /**
   * The record with this key id as of change-log version {@code minVersion} or later: from the
   * cache when this instance has applied that version, else from the primary. Empty for a null id.
   *
   * @throws StoreUnavailableException if the database could not be asked
   */
  public Optional<ApiKeyRecord> findByKeyId(String keyId, long minVersion) {
    if (keyId == null || keyId.length() > MAX_KEY_ID_LENGTH) {
      return Optional.empty();
    }
    if (minVersion <= jdbc.db().appliedVersion()) {
      return Optional.ofNullable(cache.get(keyId));
    }
    return Optional.ofNullable(
        jdbc.readPrimary("read an API key", c -> queryOne(c, keyId)).value());
  }

  /**
   * The records of those of {@code keyIds} that exist, by key id: cached ones from the cache, the
   * others loaded together with one query (per {@value #BULK_CHUNK_SIZE} ids). Null ids and ids
   * longer than {@value #MAX_KEY_ID_LENGTH} are skipped.
   *
   * @throws StoreUnavailableException if the database could not be asked
   */
  public Map<String, ApiKeyRecord> findAll(Collection<String> keyIds) {
    return cache.getAll(valid(keyIds));
  }

  /**
   * {@link #findAll(Collection)} as of change-log version {@code minVersion} or later: from the
   * primary, bypassing the cache, when this instance has not applied that version.
   *
   * @throws StoreUnavailableException if the database could not be asked
   */
  public Map<String, ApiKeyRecord> findAll(Collection<String> keyIds, long minVersion) {
    List<String> ids = valid(keyIds);
    if (minVersion <= jdbc.db().appliedVersion()) {
      return cache.getAll(ids);
    }
    return jdbc.readPrimary("read API keys", c -> queryMany(c, Set.copyOf(ids))).value();
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalStateException if a record with the same key id exists
   * @throws IllegalArgumentException if the key id is empty or longer than {@value
   *     #MAX_KEY_ID_LENGTH}, or a scope is empty or contains whitespace
   * @throws StoreUnavailableException if the database could not be asked
   */
  @Override
  public void insert(ApiKeyRecord record) {
    insertVersioned(record);
  }

  /**
   * Stores a new record, as {@link #insert}, and returns the change-log version of the insert.
   *
   * @throws IllegalStateException if a record with the same key id exists
   * @throws IllegalArgumentException if the key id is empty or longer than {@value
   *     #MAX_KEY_ID_LENGTH}, or a scope is empty or contains whitespace
   * @throws StoreUnavailableException if the database could not be asked
   */
  public long insertVersioned(ApiKeyRecord record) {
    Objects.requireNonNull(record, "record");
    String keyId = record.keyId();
    checkKeyId(keyId);
    String scopes = joinScopes(record.scopes());
    long[] version = {0};
    try {
      return jdbc.write(
          "insert an API key",
          c -> {
            // The change-log row first: it takes the counter's lock, which orders this insert
            // after any concurrent one of the same id (that one then has committed, and this one
            // sees its row as a duplicate).
            version[0] = ChangeLog.append(c, jdbc.db().dialect(), ChangeKind.API_KEY, keyId);
            try (PreparedStatement ps = jdbc.prepare(c, INSERT)) {
              ps.setString(1, keyId);
              ps.setBytes(2, record.secretDigest());
              ps.setString(3, record.ownerSubject());
              ps.setString(4, scopes);
              ps.setObject(5, Jdbc.toDbRoundingDown(record.createdAt()));
              ps.setObject(6, record.expiresAt().map(Jdbc::toDbRoundingDown).orElse(null));
              ps.setBoolean(7, record.revoked());
              ps.executeUpdate();
            } catch (SQLException e) {
              if (Jdbc.isUniqueViolation(e)) {
                throw new IllegalStateException(
                    "an api key with keyId=" + keyId + " already exists");
              }
              // The driver's message may quote the row, digest included: only the state is kept.
              throw new SQLException(
                  "inserting the API key failed (the driver's message is withheld: it may quote"
                      + " the secret's digest)",
                  e.getSQLState(),
                  e.getErrorCode());
            }
            return version[0];
          });
    } finally {
      // Dropped whether or not the write committed: a failed commit's outcome is unknown.
      cache.invalidate(keyId, version[0]);
    }
  }

  /**
   * {@inheritDoc}
   *
   * @throws StoreUnavailableException if the database could not be asked
   */
  @Override
  public boolean markRevoked(String keyId) {
    return markRevokedVersioned(keyId).isPresent();
  }

  /**
   * Marks the key revoked, as {@link #markRevoked}, and returns the change-log version of the
   * change, or empty when no record has this id (nothing is changed or logged).
   *
   * @throws StoreUnavailableException if the database could not be asked
   */
  public OptionalLong markRevokedVersioned(String keyId) {
    Objects.requireNonNull(keyId, "keyId");
    if (keyId.isEmpty() || keyId.length() > MAX_KEY_ID_LENGTH) {
      return OptionalLong.empty();
    }
    long[] version = {0};
    try {
      return jdbc.write(
          "revoke an API key",
          c -> {
            version[0] = ChangeLog.append(c, jdbc.db().dialect(), ChangeKind.API_KEY, keyId);
            try (PreparedStatement ps = jdbc.prepare(c, MARK_REVOKED)) {
              ps.setString(1, keyId);
              if (ps.executeUpdate() == 0) {
                c.rollback(); // no such key: no change, and no change-log row
                version[0] = 0;
                return OptionalLong.empty();
              }
            }
            return OptionalLong.of(version[0]);
          });
    } finally {
      cache.invalidate(keyId, version[0]);
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

  /** The query cache's counters since this store was built. */
  public CacheStatistics cacheStats() {
    return cache.stats();
  }

  /** Drops the cached entry of an {@code API_KEY} change; ignores other kinds. Not the API. */
  @Override
  public void apply(ChangeLog.Change change) {
    if (change.kind() == ChangeKind.API_KEY) {
      cache.invalidate(change.item(), change.version());
    }
  }

  /** Drops every cached entry. Not the API. */
  @Override
  public void invalidateAll() {
    cache.invalidateAll();
  }

  @Override
  public String toString() {
    return "JdbcApiKeyStore[" + jdbc.db() + ", " + cache.stats() + "]";
  }

  // ---- loading ----

  /** The version a replica must have reached for its answer to be cached. */
  private long requiredVersion() {
    return Math.max(jdbc.db().appliedVersion(), cache.knownVersion());
  }

  private ApiKeyRecord loadOne(String keyId) {
    return jdbc.load("read an API key", requiredVersion(), c -> queryOne(c, keyId));
  }

  private Map<String, ApiKeyRecord> loadMany(Set<String> keyIds) {
    return jdbc.load("read API keys", requiredVersion(), c -> queryMany(c, keyIds));
  }

  private Jdbc.Versioned<ApiKeyRecord> queryOne(Connection c, String keyId) throws SQLException {
    try (PreparedStatement ps = jdbc.prepare(c, FIND)) {
      ps.setString(1, keyId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new SQLException("bulwark_change_counter has no row; run BulwarkSchema.migrate");
        }
        return new Jdbc.Versioned<>(rs.getLong(1), rs.getString(2) == null ? null : record(rs));
      }
    }
  }

  private Jdbc.Versioned<Map<String, ApiKeyRecord>> queryMany(Connection c, Set<String> keyIds)
      throws SQLException {
    Map<String, ApiKeyRecord> out = new HashMap<>();
    long version = Long.MAX_VALUE;
    List<String> all = new ArrayList<>(keyIds);
    for (int from = 0; from < all.size(); from += BULK_CHUNK_SIZE) {
      Object[] chunk = all.subList(from, Math.min(all.size(), from + BULK_CHUNK_SIZE)).toArray();
      try (PreparedStatement ps = jdbc.prepare(c, FIND_ALL)) {
        Array array = c.createArrayOf("VARCHAR", chunk);
        try {
          ps.setArray(1, array);
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              // The oldest version any chunk was read at is the version of the whole answer.
              version = Math.min(version, rs.getLong(1));
              if (rs.getString(2) != null) {
                ApiKeyRecord r = record(rs);
                out.put(r.keyId(), r);
              }
            }
          }
        } finally {
          array.free();
        }
      }
    }
    return new Jdbc.Versioned<>(version == Long.MAX_VALUE ? 0 : version, out);
  }

  private static ApiKeyRecord record(ResultSet rs) throws SQLException {
    String scopes = rs.getString(5);
    return new ApiKeyRecord(
        rs.getString(2),
        rs.getBytes(3),
        rs.getString(4),
        scopes.isEmpty() ? Set.of() : Set.of(scopes.split(" ")),
        Jdbc.fromDb(rs.getObject(6, OffsetDateTime.class)),
        Jdbc.fromDb(rs.getObject(7, OffsetDateTime.class)),
        rs.getBoolean(8));
  }

  private static List<String> valid(Collection<String> keyIds) {
    Objects.requireNonNull(keyIds, "keyIds");
    List<String> out = new ArrayList<>(keyIds.size());
    for (String id : keyIds) {
      if (id != null && id.length() <= MAX_KEY_ID_LENGTH) {
        out.add(id);
      }
    }
    return out;
  }

  private static void checkKeyId(String keyId) {
    if (keyId.isEmpty() || keyId.length() > MAX_KEY_ID_LENGTH) {
      throw new IllegalArgumentException(
          "keyId must be 1 to " + MAX_KEY_ID_LENGTH + " characters, was " + keyId.length());
    }
  }

  /** The scopes separated by single spaces; a scope never contains whitespace (RFC 6749 3.3). */
  private static String joinScopes(Set<String> scopes) {
    String[] sorted = scopes.toArray(new String[0]);
    Arrays.sort(sorted);
    for (String s : sorted) {
      if (s.isEmpty() || s.chars().anyMatch(Character::isWhitespace)) {
        throw new IllegalArgumentException(
            "a scope must be non-empty and contain no whitespace, was '" + s + "'");
      }
    }
    return String.join(" ", sorted);
  }

  /** Builds a {@link JdbcApiKeyStore}. Not thread-safe. */
  public static final class Builder {
    private final Database db;
    private long maximumSize = DEFAULT_CACHE_MAXIMUM_SIZE;
    private Duration ttl = Duration.ofSeconds(DEFAULT_CACHE_TTL_SECONDS);
    private Duration negativeTtl = Duration.ofMillis(DEFAULT_NEGATIVE_CACHE_TTL_MILLIS);
    private Ticker ticker = Ticker.systemTicker();

    private Builder(Database db) {
      this.db = db;
    }

    /**
     * The most records and "absent" answers cached. Default {@value
     * JdbcApiKeyStore#DEFAULT_CACHE_MAXIMUM_SIZE}.
     *
     * @throws IllegalArgumentException if not between 1 and 100000000
     */
    public Builder cacheMaximumSize(long size) {
      this.maximumSize = CacheSettings.checkSize(size);
      return this;
    }

    /**
     * How long a record stays cached after it was loaded: the longest another instance's change is
     * unseen when no change feed runs. Default {@value JdbcApiKeyStore#DEFAULT_CACHE_TTL_SECONDS}
     * s.
     *
     * @throws IllegalArgumentException if not between 1 ms and 1 day
     */
    public Builder cacheTtl(Duration ttl) {
      this.ttl = CacheSettings.checkTtl("cacheTtl", ttl);
      return this;
    }

    /**
     * How long an unknown key id stays cached as absent. Default {@value
     * JdbcApiKeyStore#DEFAULT_NEGATIVE_CACHE_TTL_MILLIS} ms.
     *
     * @throws IllegalArgumentException if not between 1 ms and 1 day
     */
    public Builder negativeCacheTtl(Duration ttl) {
      this.negativeTtl = CacheSettings.checkTtl("negativeCacheTtl", ttl);
      return this;
    }

    /** The clock of the cache's expiry; tests pass a fake one. Not part of the API. */
    Builder ticker(Ticker ticker) {
      this.ticker = Objects.requireNonNull(ticker, "ticker");
      return this;
    }

    /**
     * Builds the store and registers it with the database for the change feed.
     *
     * @throws IllegalStateException if the negative TTL is longer than the TTL
     */
    public JdbcApiKeyStore build() {
      CacheSettings.checkNegativeNotLonger(ttl, negativeTtl);
      JdbcApiKeyStore store = new JdbcApiKeyStore(this);
      db.register(store);
      return store;
    }
  }
}
