/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.dbcache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.bulwark.auth.store.InMemoryRevocationStore;
import dev.bulwark.auth.store.RevocationStore;
import dev.bulwark.auth.store.StoreUnavailableException;
import dev.bulwark.dbcache.internal.CacheStatsView;
import dev.bulwark.dbcache.internal.ChangeApplier;
import dev.bulwark.dbcache.internal.ChangeKind;
import dev.bulwark.dbcache.internal.ChangeLog;
import dev.bulwark.dbcache.internal.QueryCache;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link RevocationStore} on the tables {@code bulwark_revoked_tokens}, {@code
 * bulwark_revoked_subjects} and {@code bulwark_revoked_api_keys}, behind a read-through query
 * cache. Thread-safe: any thread may read and write at once. It answers as {@link
 * InMemoryRevocationStore} does: revoking a token again keeps the later expiry, revoking a subject
 * again keeps the later instant, and null ids are never revoked.
 *
 * <p>Each write runs in one transaction on the primary that also appends a change-log row ({@code
 * TOKEN_REVOCATION}, {@code SUBJECT_REVOCATION} or {@code API_KEY_REVOCATION} with the id), and
 * drops the cached answer as soon as it commits; the {@link ChangeFeed} drops the answers other
 * instances' writes make stale. Without a running change feed, another instance's revocation is
 * seen when the cached "not revoked" expires ({@linkplain Builder#negativeCacheTtl negative TTL}).
 * A repeated revocation keeps the later instant atomically in SQL ({@code UPDATE ... WHERE instant
 * < ?}, then an insert if the row is absent), after the change-log row has taken the counter's
 * lock, so concurrent writers on any instance are applied one after the other.
 *
 * <p>Reads: the common answer, "not revoked", is cached for the negative TTL, so each token or
 * subject reaches the database once per negative TTL; concurrent reads of one uncached id make one
 * query. Each read has a variant taking {@code minVersion}: the answer reflects at least that
 * change-log version (as returned by a versioned write), read from the primary when this instance's
 * caches have not applied it yet. A read that cannot ask the database throws {@link
 * StoreUnavailableException}, never "not revoked".
 *
 * <p>Instants are stored at microsecond precision, rounded up, so a revocation never ends earlier
 * than asked. Token revocations outlive the token's expiry by {@link
 * InMemoryRevocationStore#RETENTION_AFTER_EXPIRY}; {@link #pruneExpired()} deletes older ones.
 */
// The store is the change feed's ChangeApplier (an internal, unexported interface): its apply and
// invalidateAll are public by necessity and documented as not part of the API.
@SuppressWarnings("exports")
public final class JdbcRevocationStore implements RevocationStore, ChangeApplier {
  /** Default {@link Builder#cacheMaximumSize}. */
  public static final long DEFAULT_CACHE_MAXIMUM_SIZE = 100_000;

  /** Default {@link Builder#cacheTtl}, in seconds. */
  public static final long DEFAULT_CACHE_TTL_SECONDS = 60;

  /** Default {@link Builder#negativeCacheTtl}, in milliseconds. */
  public static final long DEFAULT_NEGATIVE_CACHE_TTL_MILLIS = 5_000;

  /** The longest token id and subject the tables hold: longer ones are never revoked. */
  public static final int MAX_ID_LENGTH = 1024;

  /** The longest API key id the table holds: longer ones are never revoked. */
  public static final int MAX_KEY_ID_LENGTH = JdbcApiKeyStore.MAX_KEY_ID_LENGTH;

  /** What a cached answer is about. */
  private record Key(ChangeKind kind, String id) {}

  /** The SQL of one kind of revocation; each table has an id column and an instant column. */
  private enum Table {
    TOKENS("bulwark_revoked_tokens", "token_id", "expires_at"),
    SUBJECTS("bulwark_revoked_subjects", "subject", "issued_before"),
    API_KEYS("bulwark_revoked_api_keys", "key_id", "revoked_at");

    final String find;
    // Keeps the later instant; the insert adds the row when the update found none.
    final String raise;
    final String insertIfAbsent;

    Table(String table, String id, String instant) {
      // The counter row joined to the revocation: the answer carries the version it was read at,
      // and an id never revoked still returns that one row.
      this.find =
          "SELECT c.version, t."
              + instant
              + " FROM bulwark_change_counter c LEFT JOIN "
              + table
              + " t ON t."
              + id
              + " = ?";
      this.raise =
          "UPDATE "
              + table
              + " SET "
              + instant
              + " = ? WHERE "
              + id
              + " = ? AND "
              + instant
              + " < ?";
      this.insertIfAbsent =
          "INSERT INTO "
              + table
              + " ("
              + id
              + ", "
              + instant
              + ") SELECT CAST(? AS VARCHAR(1024)), CAST(? AS TIMESTAMP WITH TIME ZONE)"
              + " WHERE NOT EXISTS (SELECT 1 FROM "
              + table
              + " WHERE "
              + id
              + " = ?)";
    }
  }

  private static final String PRUNE = "DELETE FROM bulwark_revoked_tokens WHERE expires_at < ?";

  private final Jdbc jdbc;
  private final Clock clock;
  private final QueryCache<Key, Instant> cache;

  // Read through cacheStatsView(); built once so that weak holders of it see it for the store's
  // life.
  private final Cache<Object, Object> statsView = new CacheStatsView(this::cacheStats);

  private JdbcRevocationStore(Builder b) {
    this.jdbc = new Jdbc(b.db, "JdbcRevocationStore");
    this.clock = b.clock;
    this.cache =
        new QueryCache<>(b.maximumSize, b.ttl, b.negativeTtl, b.ticker, this::loadOne, null);
  }

  /**
   * A builder of a store on {@code db}.
   *
   * @param db the database; the store registers with it for the change feed when built
   */
  public static Builder builder(Database db) {
    return new Builder(Objects.requireNonNull(db, "db"));
  }

  // ---- writes ----

  /**
   * {@inheritDoc} Revoking the same {@code jti} again keeps the later expiry.
   *
   * @throws IllegalArgumentException if {@code tokenId} is empty or longer than {@value
   *     #MAX_ID_LENGTH}
   * @throws StoreUnavailableException if the database could not be asked
   */
  @Override
  public void revokeToken(String tokenId, Instant expiresAt) {
    revokeTokenVersioned(tokenId, expiresAt);
  }

  /**
   * Revokes a token, as {@link #revokeToken}, and returns the change-log version of the change.
   *
   * @throws IllegalArgumentException if {@code tokenId} is empty or longer than {@value
   *     #MAX_ID_LENGTH}
   * @throws StoreUnavailableException if the database could not be asked
   */
  public long revokeTokenVersioned(String tokenId, Instant expiresAt) {
    Objects.requireNonNull(tokenId, "tokenId");
    Objects.requireNonNull(expiresAt, "expiresAt");
    checkId("tokenId", tokenId, MAX_ID_LENGTH);
    return write(Table.TOKENS, ChangeKind.TOKEN_REVOCATION, tokenId, expiresAt, true);
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if {@code subject} is empty or longer than {@value
   *     #MAX_ID_LENGTH}
   * @throws StoreUnavailableException if the database could not be asked
   */
  @Override
  public void revokeSubject(String subject, Instant issuedBefore) {
    revokeSubjectVersioned(subject, issuedBefore);
  }

  /**
   * Revokes a subject's credentials, as {@link #revokeSubject} (the later instant is kept), and
   * returns the change-log version of the change.
   *
   * @throws IllegalArgumentException if {@code subject} is empty or longer than {@value
   *     #MAX_ID_LENGTH}
   * @throws StoreUnavailableException if the database could not be asked
   */
  public long revokeSubjectVersioned(String subject, Instant issuedBefore) {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(issuedBefore, "issuedBefore");
    checkId("subject", subject, MAX_ID_LENGTH);
    return write(Table.SUBJECTS, ChangeKind.SUBJECT_REVOCATION, subject, issuedBefore, true);
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if {@code keyId} is empty or longer than {@value
   *     #MAX_KEY_ID_LENGTH}
   * @throws StoreUnavailableException if the database could not be asked
   */
  @Override
  public void revokeApiKey(String keyId) {
    revokeApiKeyVersioned(keyId);
  }

  /**
   * Revokes an API key, as {@link #revokeApiKey}, and returns the change-log version of the change.
   *
   * @throws IllegalArgumentException if {@code keyId} is empty or longer than {@value
   *     #MAX_KEY_ID_LENGTH}
   * @throws StoreUnavailableException if the database could not be asked
   */
  public long revokeApiKeyVersioned(String keyId) {
    Objects.requireNonNull(keyId, "keyId");
    checkId("keyId", keyId, MAX_KEY_ID_LENGTH);
    // The first revocation's time is kept: a key revoked stays revoked, its time is informative.
    return write(Table.API_KEYS, ChangeKind.API_KEY_REVOCATION, keyId, clock.instant(), false);
  }

  /**
   * Deletes the token revocations whose token expired more than {@link
   * InMemoryRevocationStore#RETENTION_AFTER_EXPIRY} ago (the engine refuses those tokens as
   * expired). Not logged as changes: no cache needs to drop an entry for a token that can no longer
   * be accepted. Call it from a scheduler.
   *
   * @return the number of revocations deleted
   * @throws StoreUnavailableException if the database could not be asked
   */
  public int pruneExpired() {
    Instant cutoff = clock.instant().minus(InMemoryRevocationStore.RETENTION_AFTER_EXPIRY);
    return jdbc.write(
        "prune expired token revocations",
        c -> {
          try (PreparedStatement ps = jdbc.prepare(c, PRUNE)) {
            ps.setObject(1, Jdbc.toDbRoundingDown(cutoff));
            return ps.executeUpdate();
          }
        });
  }

  private long write(Table t, ChangeKind kind, String id, Instant instant, boolean keepLater) {
    Key key = new Key(kind, id);
    OffsetDateTime at = Jdbc.toDbRoundingUp(instant);
    long[] version = {0};
    try {
      return jdbc.write(
          "record a revocation",
          c -> {
            // The change-log row first: it takes the counter's lock, so concurrent revocations
            // of any id run their update and insert one after the other, each seeing the rows
            // the earlier ones committed (each statement reads the latest committed data).
            version[0] = ChangeLog.append(c, jdbc.db().dialect(), kind, id);
            int raised = 0;
            if (keepLater) {
              try (PreparedStatement ps = jdbc.prepare(c, t.raise)) {
                ps.setObject(1, at);
                ps.setString(2, id);
                ps.setObject(3, at);
                raised = ps.executeUpdate();
              }
            }
            if (raised == 0) {
              // Absent, or present with a later (or equal) instant, which the insert leaves. A
              // writer that bypasses the counter and wins the race makes this a unique
              // violation, which Jdbc.write retries.
              try (PreparedStatement ps = jdbc.prepare(c, t.insertIfAbsent)) {
                ps.setString(1, id);
                ps.setObject(2, at);
                ps.setString(3, id);
                ps.executeUpdate();
              }
            }
            return version[0];
          });
    } finally {
      cache.invalidate(key, version[0]);
    }
  }

  // ---- reads ----

  /**
   * {@inheritDoc} A null id (a token without {@code jti}) is never revoked by id.
   *
   * @throws StoreUnavailableException if the database could not be asked
   */
  @Override
  public boolean isTokenRevoked(String tokenId) {
    return read(ChangeKind.TOKEN_REVOCATION, tokenId, MAX_ID_LENGTH, 0) != null;
  }

  /**
   * {@link #isTokenRevoked(String)} as of change-log version {@code minVersion} or later: from the
   * primary, bypassing the cache, when this instance has not applied that version.
   *
   * @throws StoreUnavailableException if the database could not be asked
   */
  public boolean isTokenRevoked(String tokenId, long minVersion) {
    return read(ChangeKind.TOKEN_REVOCATION, tokenId, MAX_ID_LENGTH, minVersion) != null;
  }

  /**
   * {@inheritDoc} Empty for a null subject.
   *
   * @throws StoreUnavailableException if the database could not be asked
   */
  @Override
  public Optional<Instant> subjectRevokedBefore(String subject) {
    return Optional.ofNullable(read(ChangeKind.SUBJECT_REVOCATION, subject, MAX_ID_LENGTH, 0));
  }

  /**
   * {@link #subjectRevokedBefore(String)} as of change-log version {@code minVersion} or later:
   * from the primary, bypassing the cache, when this instance has not applied that version.
   *
   * @throws StoreUnavailableException if the database could not be asked
   */
  public Optional<Instant> subjectRevokedBefore(String subject, long minVersion) {
    return Optional.ofNullable(
        read(ChangeKind.SUBJECT_REVOCATION, subject, MAX_ID_LENGTH, minVersion));
  }

  /**
   * {@inheritDoc} False for a null id.
   *
   * @throws StoreUnavailableException if the database could not be asked
   */
  @Override
  public boolean isApiKeyRevoked(String keyId) {
    return read(ChangeKind.API_KEY_REVOCATION, keyId, MAX_KEY_ID_LENGTH, 0) != null;
  }

  /**
   * {@link #isApiKeyRevoked(String)} as of change-log version {@code minVersion} or later: from the
   * primary, bypassing the cache, when this instance has not applied that version.
   *
   * @throws StoreUnavailableException if the database could not be asked
   */
  public boolean isApiKeyRevoked(String keyId, long minVersion) {
    return read(ChangeKind.API_KEY_REVOCATION, keyId, MAX_KEY_ID_LENGTH, minVersion) != null;
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

  /** Drops the cached answer a revocation change makes stale; ignores other kinds. Not the API. */
  @Override
  public void apply(ChangeLog.Change change) {
    switch (change.kind()) {
      case TOKEN_REVOCATION, SUBJECT_REVOCATION, API_KEY_REVOCATION ->
          cache.invalidate(new Key(change.kind(), change.item()), change.version());
      default -> {
        // Not a revocation: nothing of this store's.
      }
    }
  }

  /** Drops every cached answer. Not the API. */
  @Override
  public void invalidateAll() {
    cache.invalidateAll();
  }

  @Override
  public String toString() {
    return "JdbcRevocationStore[" + jdbc.db() + ", " + cache.stats() + "]";
  }

  /** The revocation's instant, or null when not revoked. */
  private Instant read(ChangeKind kind, String id, int maxLength, long minVersion) {
    if (id == null || id.isEmpty() || id.length() > maxLength) {
      // Such an id cannot have been revoked (the writes refuse it): no query, nothing cached.
      return null;
    }
    Key key = new Key(kind, id);
    if (minVersion <= jdbc.db().appliedVersion()) {
      return cache.get(key);
    }
    return jdbc.readPrimary("read a revocation", c -> query(c, key)).value();
  }

  private Instant loadOne(Key key) {
    long required = Math.max(jdbc.db().appliedVersion(), cache.knownVersion());
    return jdbc.load("read a revocation", required, c -> query(c, key));
  }

  private Jdbc.Versioned<Instant> query(Connection c, Key key) throws SQLException {
    Table t =
        switch (key.kind()) {
          case TOKEN_REVOCATION -> Table.TOKENS;
          case SUBJECT_REVOCATION -> Table.SUBJECTS;
          default -> Table.API_KEYS;
        };
    try (PreparedStatement ps = jdbc.prepare(c, t.find)) {
      ps.setString(1, key.id());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new SQLException("bulwark_change_counter has no row; run BulwarkSchema.migrate");
        }
        return new Jdbc.Versioned<>(
            rs.getLong(1), Jdbc.fromDb(rs.getObject(2, OffsetDateTime.class)));
      }
    }
  }

  private static void checkId(String name, String id, int maxLength) {
    if (id.isEmpty() || id.length() > maxLength) {
      throw new IllegalArgumentException(
          name + " must be 1 to " + maxLength + " characters, was " + id.length());
    }
  }

  /** Builds a {@link JdbcRevocationStore}. Not thread-safe. */
  public static final class Builder {
    private final Database db;
    private long maximumSize = DEFAULT_CACHE_MAXIMUM_SIZE;
    private Duration ttl = Duration.ofSeconds(DEFAULT_CACHE_TTL_SECONDS);
    private Duration negativeTtl = Duration.ofMillis(DEFAULT_NEGATIVE_CACHE_TTL_MILLIS);
    private Ticker ticker = Ticker.systemTicker();
    private Clock clock = Clock.systemUTC();

    private Builder(Database db) {
      this.db = db;
    }

    /**
     * The most answers cached, "not revoked" ones included. Default {@value
     * JdbcRevocationStore#DEFAULT_CACHE_MAXIMUM_SIZE}.
     *
     * @throws IllegalArgumentException if not between 1 and 100000000
     */
    public Builder cacheMaximumSize(long size) {
      this.maximumSize = CacheSettings.checkSize(size);
      return this;
    }

    /**
     * How long a "revoked" answer stays cached after it was loaded. Default {@value
     * JdbcRevocationStore#DEFAULT_CACHE_TTL_SECONDS} s.
     *
     * @throws IllegalArgumentException if not between 1 ms and 1 day
     */
    public Builder cacheTtl(Duration ttl) {
      this.ttl = CacheSettings.checkTtl("cacheTtl", ttl);
      return this;
    }

    /**
     * How long a "not revoked" answer stays cached: without a change feed, the longest another
     * instance's revocation is unseen. Default {@value
     * JdbcRevocationStore#DEFAULT_NEGATIVE_CACHE_TTL_MILLIS} ms.
     *
     * @throws IllegalArgumentException if not between 1 ms and 1 day
     */
    public Builder negativeCacheTtl(Duration ttl) {
      this.negativeTtl = CacheSettings.checkTtl("negativeCacheTtl", ttl);
      return this;
    }

    /**
     * The clock of {@link JdbcRevocationStore#pruneExpired()} and of API key revocations' times.
     * Default the system's UTC clock.
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
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
    public JdbcRevocationStore build() {
      CacheSettings.checkNegativeNotLonger(ttl, negativeTtl);
      JdbcRevocationStore store = new JdbcRevocationStore(this);
      db.register(store);
      return store;
    }
  }
}
