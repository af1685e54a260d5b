/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.dbcache;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.bulwark.auth.store.StoreUnavailableException;
import dev.bulwark.dbcache.internal.ChangeApplier;
import dev.bulwark.dbcache.internal.DbGuard;
import dev.bulwark.dbcache.internal.Dialect;
import dev.bulwark.dbcache.internal.Secrets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import javax.sql.DataSource;

/**
 * The database the stores read and write: one primary, which takes every write and the reads that
 * must see the latest one, and any number of read replicas. Thread-safe: any thread may read and
 * report a failed replica while others do; its settings are immutable.
 *
 * <p>{@link #reader()} spreads reads round-robin over the replicas that are up. A store that cannot
 * use a replica reports it, and the replica is left out for {@linkplain
 * Builder#replicaRecheckInterval the recheck interval}; after that the next read tries it again.
 * When no replica is up, reads go to the primary.
 *
 * <p>A database from {@link #builder()} owns its connection pools and {@link #close()} closes them;
 * one from {@link #of} uses the caller's pools and leaves them open.
 */
public final class Database implements AutoCloseable {
  /** Default {@link Builder#maximumPoolSize} of the primary's and each replica's pool. */
  public static final int DEFAULT_MAXIMUM_POOL_SIZE = 10;

  /** Default {@link Builder#connectionTimeout}, in milliseconds. */
  public static final long DEFAULT_CONNECTION_TIMEOUT_MILLIS = 2_000;

  /** Default {@link Builder#queryTimeout}, in seconds (JDBC query timeouts are whole seconds). */
  public static final int DEFAULT_QUERY_TIMEOUT_SECONDS = 5;

  /** Default {@link Builder#replicaRecheckInterval}, in milliseconds. */
  public static final long DEFAULT_REPLICA_RECHECK_MILLIS = 5_000;

  /** Default {@link Builder#prepareThreshold} (PostgreSQL). */
  public static final int DEFAULT_PREPARE_THRESHOLD = 1;

  /** Default {@link Builder#preparedStatementCacheQueries} (PostgreSQL). */
  public static final int DEFAULT_PREPARED_STATEMENT_CACHE_QUERIES = 256;

  /** Default {@link Builder#h2QueryCacheSize} (H2). */
  public static final int DEFAULT_H2_QUERY_CACHE_SIZE = 64;

  /** Default {@link Builder#circuitBreakerOpenInterval}, in milliseconds. */
  public static final long DEFAULT_CIRCUIT_BREAKER_OPEN_MILLIS = 1_000;

  private final DataSource primary;
  private final List<Replica> replicas;
  private final Dialect dialect;
  private final int queryTimeoutSeconds;
  private final long recheckNanos;
  private final LongSupplier nanoTime;
  private final List<HikariDataSource> owned;
  // Stops sending the stores' calls to a primary that is down or too slow (see DbGuard).
  private final DbGuard primaryGuard;
  private final AtomicInteger next = new AtomicInteger();
  // The highest change-log version whose changes this instance's caches have applied; advanced by
  // the change feed, read by stores to decide whether a cache or a replica is fresh enough.
  private final AtomicLong appliedVersion = new AtomicLong();
  // The caching stores built on this database, which the change feed tells of every change.
  private final List<ChangeApplier> appliers = new CopyOnWriteArrayList<>();

  /** A replica and when it may be tried again after a failure. */
  private static final class Replica {
    final DataSource dataSource;
    // NOTE: volatile; 0 (or a time passed) means up. Written by any reader that saw it fail.
    volatile long downUntilNanos;
    volatile boolean down;

    Replica(DataSource dataSource) {
      this.dataSource = dataSource;
    }
  }

  private Database(
      DataSource primary,
      List<DataSource> replicas,
      int queryTimeoutSeconds,
      long recheckNanos,
      LongSupplier nanoTime,
      List<HikariDataSource> owned,
      long breakerOpenMillis)
      throws SQLException {
    this.primary = primary;
    // A call slower than the query timeout has failed anyway: the statement was cancelled.
    this.primaryGuard =
        new DbGuard(
            "primary",
            Duration.ofMillis(breakerOpenMillis),
            Duration.ofSeconds(queryTimeoutSeconds));
    List<Replica> rs = new ArrayList<>();
    for (DataSource r : replicas) {
      rs.add(new Replica(Objects.requireNonNull(r, "replica")));
    }
    this.replicas = List.copyOf(rs);
    this.queryTimeoutSeconds = queryTimeoutSeconds;
    this.recheckNanos = recheckNanos;
    this.nanoTime = nanoTime;
    this.owned = List.copyOf(owned);
    try (Connection c = primary.getConnection()) {
      this.dialect = Dialect.of(c);
    }
  }

  /**
   * A database of the given pools, which stay the caller's to close. Queries time out after {@value
   * #DEFAULT_QUERY_TIMEOUT_SECONDS} s; a failed replica is rechecked after {@value
   * #DEFAULT_REPLICA_RECHECK_MILLIS} ms.
   *
   * @param primary the primary
   * @param replicas read replicas of the primary, possibly none
   * @throws SQLException if the primary cannot be reached to learn its dialect
   * @throws IllegalArgumentException if the database is neither H2 nor PostgreSQL
   */
  public static Database of(DataSource primary, List<DataSource> replicas) throws SQLException {
    return new Database(
        Objects.requireNonNull(primary, "primary"),
        Objects.requireNonNull(replicas, "replicas"),
        DEFAULT_QUERY_TIMEOUT_SECONDS,
        Duration.ofMillis(DEFAULT_REPLICA_RECHECK_MILLIS).toNanos(),
        System::nanoTime,
        List.of(),
        DEFAULT_CIRCUIT_BREAKER_OPEN_MILLIS);
  }

  /** A builder of a database with HikariCP pools for a primary and its replicas. */
  public static Builder builder() {
    return new Builder();
  }

  /** The primary: writes, and reads that must see the latest write. */
  public DataSource primary() {
    return primary;
  }

  /**
   * Where a read that may lag the primary goes: the next replica, round-robin, among those that are
   * up (not reported failed within the recheck interval), else the primary.
   */
  public DataSource reader() {
    int n = replicas.size();
    if (n == 0) {
      return primary;
    }
    int start = Math.floorMod(next.getAndIncrement(), n);
    long now = nanoTime.getAsLong();
    for (int i = 0; i < n; i++) {
      Replica r = replicas.get((start + i) % n);
      if (!r.down || now - r.downUntilNanos >= 0) {
        return r.dataSource;
      }
    }
    return primary;
  }

  /**
   * Reports that {@code replica} failed: {@link #reader()} leaves it out for the recheck interval.
   * Not part of the API.
   */
  void replicaFailed(DataSource replica) {
    for (Replica r : replicas) {
      if (r.dataSource == replica) {
        r.downUntilNanos = nanoTime.getAsLong() + recheckNanos;
        r.down = true;
      }
    }
  }

  /** Whether {@code ds} is one of the replicas (not the primary). Not part of the API. */
  boolean isReplica(DataSource ds) {
    return ds != primary;
  }

  /** The query timeout the stores set on each statement, in seconds. Not part of the API. */
  /** The circuit breaker in front of the primary. */
  DbGuard primaryGuard() {
    return primaryGuard;
  }

  /**
   * The state of the circuit breaker in front of the primary: {@code CLOSED} (calls go through),
   * {@code OPEN} (calls fail at once as unavailable) or {@code HALF_OPEN} (trial calls).
   */
  public String circuitBreakerState() {
    return primaryGuard.state();
  }

  /**
   * The HikariCP pools this database built and closes (primary first, then replicas); empty for one
   * made with {@link #of}, whose data sources belong to the caller. For a metrics binder, which
   * registers HikariCP's own meters on them. The list is immutable; the pools stay the database's.
   */
  public List<DataSource> pools() {
    return List.copyOf(owned);
  }

  /** How many times the circuit breaker in front of the primary has opened. */
  public long circuitBreakerOpens() {
    return primaryGuard.opens();
  }

  int queryTimeoutSeconds() {
    return queryTimeoutSeconds;
  }

  /** The database's dialect. Not part of the API. */
  Dialect dialect() {
    return dialect;
  }

  /**
   * The highest change-log version this instance's caches have applied (0 before the change feed
   * runs). Not part of the API.
   */
  long appliedVersion() {
    return appliedVersion.get();
  }

  /** Raises {@link #appliedVersion()} to {@code version} if it is lower. Not part of the API. */
  void advanceAppliedVersion(long version) {
    appliedVersion.accumulateAndGet(version, Math::max);
  }

  /** Registers a caching store, which the change feed then tells of every change. */
  void register(ChangeApplier applier) {
    appliers.add(Objects.requireNonNull(applier, "applier"));
  }

  /** The caching stores registered so far. */
  List<ChangeApplier> appliers() {
    return appliers;
  }

  /**
   * Closes the connection pools this database created (none for one from {@link #of}); reads and
   * writes then fail with {@link StoreUnavailableException}. Idempotent.
   */
  @Override
  public void close() {
    for (HikariDataSource ds : owned) {
      ds.close();
    }
  }

  @Override
  public String toString() {
    return "Database[" + dialect + ", replicas=" + replicas.size() + "]";
  }

  /**
   * Builds a {@link Database} with a HikariCP pool for the primary and one for each replica. Not
   * thread-safe. {@link #toString()} masks the passwords.
   */
  public static final class Builder {
    private String jdbcUrl;
    private String username;
    private String password;
    private final List<String[]> replicas = new ArrayList<>();
    private int maximumPoolSize = DEFAULT_MAXIMUM_POOL_SIZE;
    private int replicaMaximumPoolSize = DEFAULT_MAXIMUM_POOL_SIZE;
    private long connectionTimeoutMillis = DEFAULT_CONNECTION_TIMEOUT_MILLIS;
    private int queryTimeoutSeconds = DEFAULT_QUERY_TIMEOUT_SECONDS;
    private long breakerOpenMillis = DEFAULT_CIRCUIT_BREAKER_OPEN_MILLIS;
    private long recheckMillis = DEFAULT_REPLICA_RECHECK_MILLIS;
    private int prepareThreshold = DEFAULT_PREPARE_THRESHOLD;
    private int preparedStatementCacheQueries = DEFAULT_PREPARED_STATEMENT_CACHE_QUERIES;
    private int h2QueryCacheSize = DEFAULT_H2_QUERY_CACHE_SIZE;
    private LongSupplier nanoTime = System::nanoTime;

    private Builder() {}

    /**
     * The primary's JDBC URL, {@code jdbc:h2:...} or {@code jdbc:postgresql:...}. Required.
     *
     * @throws IllegalArgumentException if it is neither an H2 nor a PostgreSQL URL
     */
    public Builder jdbcUrl(String url) {
      this.jdbcUrl = checkUrl("jdbcUrl", url);
      return this;
    }

    /** The user of the primary, and of each replica added without its own credentials. */
    public Builder username(String username) {
      this.username = Objects.requireNonNull(username, "username");
      return this;
    }

    /**
     * The password of the primary, and of each replica added without its own credentials. Never
     * shown by {@link #toString()}, logs or exception messages.
     */
    public Builder password(String password) {
      this.password = Objects.requireNonNull(password, "password");
      return this;
    }

    /**
     * Adds a read replica with the primary's credentials.
     *
     * @throws IllegalArgumentException if {@code url} is neither an H2 nor a PostgreSQL URL
     */
    public Builder replica(String url) {
      replicas.add(new String[] {checkUrl("replica", url), null, null});
      return this;
    }

    /**
     * Adds a read replica with its own credentials.
     *
     * @throws IllegalArgumentException if {@code url} is neither an H2 nor a PostgreSQL URL
     */
    public Builder replica(String url, String username, String password) {
      replicas.add(
          new String[] {
            checkUrl("replica", url),
            Objects.requireNonNull(username, "username"),
            Objects.requireNonNull(password, "password")
          });
      return this;
    }

    /**
     * The most connections in the primary's pool. Default {@value
     * Database#DEFAULT_MAXIMUM_POOL_SIZE}.
     *
     * @throws IllegalArgumentException if not between 1 and 1000
     */
    public Builder maximumPoolSize(int size) {
      this.maximumPoolSize = checkPoolSize("maximumPoolSize", size);
      return this;
    }

    /**
     * The most connections in each replica's pool. Default {@value
     * Database#DEFAULT_MAXIMUM_POOL_SIZE}.
     *
     * @throws IllegalArgumentException if not between 1 and 1000
     */
    public Builder replicaMaximumPoolSize(int size) {
      this.replicaMaximumPoolSize = checkPoolSize("replicaMaximumPoolSize", size);
      return this;
    }

    /**
     * How long a read or write waits for a connection from a pool (HikariCP's {@code
     * connectionTimeout}), and how long the PostgreSQL driver waits to open one, before the store
     * reports the database unavailable. Default {@value Database#DEFAULT_CONNECTION_TIMEOUT_MILLIS}
     * ms.
     *
     * @throws IllegalArgumentException if not between 250 ms (HikariCP's least) and 1 minute
     */
    public Builder connectionTimeout(Duration timeout) {
      long ms = Objects.requireNonNull(timeout, "timeout").toMillis();
      if (ms < 250 || ms > 60_000) {
        throw new IllegalArgumentException(
            "connectionTimeout must be between 250 ms and 1 minute, was " + timeout);
      }
      this.connectionTimeoutMillis = ms;
      return this;
    }

    /**
     * How long one statement may run: the stores set it with {@code Statement.setQueryTimeout}.
     * Default {@value Database#DEFAULT_QUERY_TIMEOUT_SECONDS} s.
     *
     * @throws IllegalArgumentException if not a whole number of seconds between 1 s and 1 hour
     */
    public Builder queryTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      long s = timeout.getSeconds();
      if (timeout.getNano() != 0 || s < 1 || s > 3600) {
        throw new IllegalArgumentException(
            "queryTimeout must be a whole number of seconds between 1 s and 1 hour, was "
                + timeout);
      }
      this.queryTimeoutSeconds = (int) s;
      return this;
    }

    /**
     * How long a replica that failed is left out before a read tries it again. Default {@value
     * Database#DEFAULT_REPLICA_RECHECK_MILLIS} ms.
     *
     * @throws IllegalArgumentException if not between 10 ms and 10 minutes
     */
    public Builder replicaRecheckInterval(Duration interval) {
      long ms = Objects.requireNonNull(interval, "interval").toMillis();
      if (ms < 10 || ms > 600_000) {
        throw new IllegalArgumentException(
            "replicaRecheckInterval must be between 10 ms and 10 minutes, was " + interval);
      }
      this.recheckMillis = ms;
      return this;
    }

    /**
     * How long the circuit breaker in front of the primary stays open, failing the stores' calls at
     * once, before it lets trial calls through. It opens when half of the last calls failed with a
     * lost connection or a timeout (at least five calls); a cached answer is served meanwhile, and
     * anything not cached fails closed. Default {@value
     * Database#DEFAULT_CIRCUIT_BREAKER_OPEN_MILLIS} ms.
     *
     * @throws IllegalArgumentException if not between 10 ms and 10 minutes
     */
    public Builder circuitBreakerOpenInterval(Duration interval) {
      long ms = Objects.requireNonNull(interval, "interval").toMillis();
      if (ms < 10 || ms > 600_000) {
        throw new IllegalArgumentException(
            "circuitBreakerOpenInterval must be between 10 ms and 10 minutes, was " + interval);
      }
      this.breakerOpenMillis = ms;
      return this;
    }

    /**
     * PostgreSQL only: after how many executions of one prepared statement the driver switches it
     * to a named server-side statement, parsed and planned once per connection. The stores run a
     * dozen statements over and over, so the default {@value Database#DEFAULT_PREPARE_THRESHOLD}
     * prepares them at their first use; 0 turns server-side statements off (needed behind a
     * connection pooler in transaction mode that does not track them).
     *
     * @throws IllegalArgumentException if not between 0 and 1000
     */
    public Builder prepareThreshold(int threshold) {
      if (threshold < 0 || threshold > 1000) {
        throw new IllegalArgumentException(
            "prepareThreshold must be between 0 and 1000, was " + threshold);
      }
      this.prepareThreshold = threshold;
      return this;
    }

    /**
     * PostgreSQL only: how many prepared statements the driver keeps per connection ({@code
     * preparedStatementCacheQueries}), so that preparing the same SQL again reuses the server-side
     * statement. Default {@value Database#DEFAULT_PREPARED_STATEMENT_CACHE_QUERIES}.
     *
     * @throws IllegalArgumentException if not between 0 and 100000
     */
    public Builder preparedStatementCacheQueries(int queries) {
      if (queries < 0 || queries > 100_000) {
        throw new IllegalArgumentException(
            "preparedStatementCacheQueries must be between 0 and 100000, was " + queries);
      }
      this.preparedStatementCacheQueries = queries;
      return this;
    }

    /**
     * H2 only: how many parsed statements each H2 session keeps ({@code QUERY_CACHE_SIZE}, H2's
     * default 8), so that preparing the same SQL again skips the parser. H2 has no client-side
     * statement cache: this is its equivalent. The stores of this module use a few dozen statements
     * on a connection, more than H2's default. It takes effect when the database is opened by this
     * pool (an in-memory database that is already open keeps its setting). Default {@value
     * Database#DEFAULT_H2_QUERY_CACHE_SIZE}.
     *
     * @throws IllegalArgumentException if not between 0 and 10000
     */
    public Builder h2QueryCacheSize(int size) {
      if (size < 0 || size > 10_000) {
        throw new IllegalArgumentException(
            "h2QueryCacheSize must be between 0 and 10000, was " + size);
      }
      this.h2QueryCacheSize = size;
      return this;
    }

    /** The clock of replica rechecks; tests pass a fake one. Not part of the API. */
    Builder nanoTime(LongSupplier nanoTime) {
      this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
      return this;
    }

    /**
     * Creates the pools and connects to the primary. Replicas are connected lazily: one that is
     * down when this runs is left out by {@link Database#reader()} until it answers.
     *
     * @throws IllegalStateException if no {@link #jdbcUrl} was set
     * @throws SQLException if the primary cannot be reached; the message and causes never contain
     *     the password
     * @throws IllegalArgumentException if the primary is neither H2 nor PostgreSQL
     */
    public Database build() throws SQLException {
      if (jdbcUrl == null) {
        throw new IllegalStateException("jdbcUrl must be set");
      }
      List<HikariDataSource> pools = new ArrayList<>();
      try {
        HikariDataSource primaryPool =
            pool("bulwark-primary", jdbcUrl, username, password, maximumPoolSize, true);
        pools.add(primaryPool);
        List<DataSource> replicaPools = new ArrayList<>();
        int i = 1;
        for (String[] r : replicas) {
          String user = r[1] == null ? username : r[1];
          String pw = r[1] == null ? password : r[2];
          HikariDataSource p =
              pool("bulwark-replica-" + i++, r[0], user, pw, replicaMaximumPoolSize, false);
          pools.add(p);
          replicaPools.add(p);
        }
        return new Database(
            primaryPool,
            replicaPools,
            queryTimeoutSeconds,
            Duration.ofMillis(recheckMillis).toNanos(),
            nanoTime,
            pools,
            breakerOpenMillis);
      } catch (SQLException | RuntimeException e) {
        for (HikariDataSource p : pools) {
          p.close();
        }
        if (e instanceof IllegalArgumentException iae && iae.getCause() == null) {
          throw iae; // the dialect check: its message names the product, nothing secret
        }
        throw new SQLException(
            "cannot connect to the primary database at " + Secrets.redactUrl(jdbcUrl),
            e instanceof SQLException s ? s.getSQLState() : "08001",
            Secrets.sanitized(e, passwords()));
      }
    }

    /** Every password set, to mask wherever a driver might have echoed one. */
    private List<String> passwords() {
      List<String> out = new ArrayList<>();
      out.add(password);
      for (String[] r : replicas) {
        out.add(r[2]);
      }
      return out;
    }

    private HikariDataSource pool(
        String name, String url, String user, String pw, int size, boolean failFast) {
      HikariConfig c = new HikariConfig();
      c.setPoolName(name);
      c.setJdbcUrl(url);
      if (user != null) {
        c.setUsername(user);
      }
      if (pw != null) {
        c.setPassword(pw);
      }
      c.setMaximumPoolSize(size);
      c.setConnectionTimeout(connectionTimeoutMillis);
      // The primary must answer now (build() fails otherwise); a replica may come up later.
      c.setInitializationFailTimeout(failFast ? 1 : -1);
      if (isPostgresql(url)) {
        c.addDataSourceProperty("prepareThreshold", Integer.toString(prepareThreshold));
        c.addDataSourceProperty(
            "preparedStatementCacheQueries", Integer.toString(preparedStatementCacheQueries));
        // Bounds the TCP connect to an unreachable host, which the pool's timeout alone does not
        // interrupt; whole seconds, at least one.
        c.addDataSourceProperty(
            "connectTimeout", Long.toString(Math.max(1, (connectionTimeoutMillis + 999) / 1000)));
        c.addDataSourceProperty("ApplicationName", "bulwark");
      } else {
        c.addDataSourceProperty("QUERY_CACHE_SIZE", Integer.toString(h2QueryCacheSize));
      }
      return new HikariDataSource(c);
    }

    private static boolean isPostgresql(String url) {
      return url.toLowerCase(Locale.ROOT).startsWith("jdbc:postgresql:");
    }

    private static String checkUrl(String setting, String url) {
      Objects.requireNonNull(url, setting);
      String u = url.toLowerCase(Locale.ROOT);
      if (!u.startsWith("jdbc:h2:") && !u.startsWith("jdbc:postgresql:")) {
        throw new IllegalArgumentException(
            setting
                + " must be an H2 (jdbc:h2:) or PostgreSQL (jdbc:postgresql:) JDBC URL, was "
                + Secrets.redactUrl(url));
      }
      return url;
    }

    private static int checkPoolSize(String setting, int size) {
      if (size < 1 || size > 1000) {
        throw new IllegalArgumentException(setting + " must be between 1 and 1000, was " + size);
      }
      return size;
    }

    @Override
    public String toString() {
      StringBuilder sb =
          new StringBuilder("Database.Builder[jdbcUrl=")
              .append(Secrets.redactUrl(jdbcUrl))
              .append(", username=")
              .append(username)
              .append(", password=")
              .append(password == null ? null : Secrets.MASK)
              .append(", replicas=[");
      for (int i = 0; i < replicas.size(); i++) {
        sb.append(i == 0 ? "" : ", ").append(Secrets.redactUrl(replicas.get(i)[0]));
      }
      return sb.append("], maximumPoolSize=")
          .append(maximumPoolSize)
          .append(", queryTimeout=")
          .append(queryTimeoutSeconds)
          .append("s]")
          .toString();
    }
  }
}
