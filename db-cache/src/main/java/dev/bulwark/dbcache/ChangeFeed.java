/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.dbcache;

import dev.bulwark.dbcache.internal.ChangeApplier;
import dev.bulwark.dbcache.internal.ChangeLog;
import dev.bulwark.dbcache.internal.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Carries every change to this instance's caches, whichever instance made it. Thread-safe: one
 * thread of its own reads the change log; {@link #close()} may be called from any thread.
 *
 * <p>Each write to a store appends a row with the next version to {@code bulwark_change_log} in its
 * own transaction, and versions commit in order (see the schema). The feed applies the rows after
 * the last version it applied, in order, to every caching store built on the {@link Database} (each
 * drops or reloads what the change makes stale), then records that version as applied, which is
 * what {@link Database} reads to tell whether a cache is fresh enough for a read that asks for a
 * version.
 *
 * <p>On PostgreSQL the feed holds one connection to the primary that {@code LISTEN}s on channel
 * {@value #CHANNEL}: a trigger on the change log sends a notification when each change commits, so
 * other instances see it within a round trip. The notification only wakes the feed; the rows are
 * read from the log, so a lost notification loses nothing, and the feed also reads the log every
 * {@linkplain Builder#pollInterval poll interval} in case one is. If the connection is lost the
 * feed reconnects with backoff and resumes from the last version it applied: no change is missed.
 * On H2, which has no {@code NOTIFY}, the feed reads the log every poll interval.
 *
 * <p>Versions have no gaps (a rolled-back change rolls back its version too), so a gap means rows
 * were deleted from the log before this instance read them; the feed then tells every store to drop
 * everything it caches.
 */
public final class ChangeFeed implements AutoCloseable {
  /** The PostgreSQL notification channel the change log's trigger notifies. */
  public static final String CHANNEL = "bulwark_changes";

  /** The {@code application_name} of the feed's PostgreSQL session, to find it among others. */
  public static final String APPLICATION_NAME = "bulwark-change-feed";

  /** Default {@link Builder#pollInterval}, in milliseconds. */
  public static final long DEFAULT_POLL_INTERVAL_MILLIS = 200;

  /** Default {@link Builder#maxReconnectBackoff}, in milliseconds. */
  public static final long DEFAULT_MAX_RECONNECT_BACKOFF_MILLIS = 2_000;

  private static final System.Logger LOG = System.getLogger(ChangeFeed.class.getName());
  // Rows read per query while catching up: bounds the memory of a long resync.
  private static final int BATCH = 1_000;
  private static final long MIN_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
  // The longest a PostgreSQL feed blocks in a socket read waiting for a notification: an interrupt
  // does not end the read, so this bounds how long close() waits. One query of the log per half
  // second is nothing to the server.
  private static final int MAX_NOTIFICATION_WAIT_MILLIS = 500;

  private final Database db;
  private final long pollMillis;
  private final long maxBackoffNanos;
  private final Thread thread;
  private final AtomicLong reconnects = new AtomicLong();
  private final AtomicLong notifications = new AtomicLong();
  private final AtomicLong applied = new AtomicLong();
  // Lag of each applied change (its writer's stamp to this feed applying it), summed: with the
  // count, the mean.
  private final AtomicLong changesApplied = new AtomicLong();
  private final AtomicLong lagMillisTotal = new AtomicLong();
  private volatile long lastLagMillis = -1;
  // When the feed last read the log to its end, by System.currentTimeMillis; 0 before it has.
  private volatile long caughtUpAtMillis;
  private volatile boolean running = true;
  private volatile boolean started;

  private ChangeFeed(Builder b) {
    this.db = b.db;
    this.pollMillis = b.pollMillis;
    this.maxBackoffNanos = TimeUnit.MILLISECONDS.toNanos(b.maxBackoffMillis);
    this.thread = new Thread(this::run, "bulwark-change-feed");
    thread.setDaemon(true);
  }

  /**
   * A builder of a feed for the stores of {@code db}.
   *
   * @param db the database whose change log the feed reads; its caching stores receive the changes
   * @return the builder
   */
  public static Builder builder(Database db) {
    return new Builder(Objects.requireNonNull(db, "db"));
  }

  /** The version of the last change this feed applied (0 before it has read the log). */
  public long appliedVersion() {
    return applied.get();
  }

  /** How many times the feed lost its connection and connected again. */
  public long reconnects() {
    return reconnects.get();
  }

  /** How many PostgreSQL notifications woke the feed (0 on H2, which polls). */
  public long notifications() {
    return notifications.get();
  }

  /** How many changes this feed has applied (a change read again after a gap is not counted). */
  public long changesApplied() {
    return changesApplied.get();
  }

  /**
   * The lag of every applied change, summed, in milliseconds: for each, this instance's clock when
   * it applied the change minus the writer's clock when it wrote it (0 where the clocks put it
   * before). Divided by {@link #changesApplied()}, the mean time a change took to reach this
   * instance's caches.
   */
  public long lagMillisTotal() {
    return lagMillisTotal.get();
  }

  /** The lag of the last change applied, in milliseconds, or -1 before the first. */
  public long lastLagMillis() {
    return lastLagMillis;
  }

  /**
   * Milliseconds since the feed last read the change log to its end, or -1 before it first has. It
   * grows past the poll interval only when the feed cannot read the log: a change written since
   * then may not yet have reached this instance.
   */
  public long millisSinceCaughtUp() {
    long at = caughtUpAtMillis;
    return at == 0 ? -1 : Math.max(0, System.currentTimeMillis() - at);
  }

  /** Whether the feed has read the log's position once and is applying changes. */
  public boolean started() {
    return started;
  }

  /**
   * Waits until this feed has applied {@code version}.
   *
   * @return whether it had by the time {@code timeout} ran out
   * @throws InterruptedException if the thread is interrupted while waiting
   */
  public boolean awaitVersion(long version, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (applied.get() < version) {
      if (System.nanoTime() - deadline >= 0) {
        return false;
      }
      Thread.sleep(1);
    }
    return true;
  }

  /** Stops the feed and waits for its thread (about a poll interval at most). Idempotent. */
  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(Math.max(1_000, 2 * Math.min(pollMillis, MAX_NOTIFICATION_WAIT_MILLIS)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "ChangeFeed[applied=" + applied.get() + ", reconnects=" + reconnects.get() + "]";
  }

  private void start() {
    thread.start();
  }

  private void run() {
    long backoff = MIN_BACKOFF_NANOS;
    boolean first = true;
    while (running) {
      try (Connection c = db.primary().getConnection()) {
        c.setAutoCommit(true);
        PGConnection pg = db.dialect() == Dialect.POSTGRESQL ? listen(c) : null;
        if (first) {
          // The caches start empty, so nothing before this point needs applying. LISTEN came
          // first: a change that commits between the two is read by the first drain.
          long latest = ChangeLog.latest(c);
          applied.set(latest);
          db.advanceAppliedVersion(latest);
          first = false;
          started = true;
        } else {
          reconnects.incrementAndGet();
        }
        backoff = MIN_BACKOFF_NANOS;
        try {
          while (running) {
            drain(c);
            await(pg);
          }
        } finally {
          if (pg != null) {
            unlisten(c);
          }
        }
      } catch (SQLException | RuntimeException e) {
        if (!running) {
          break;
        }
        LOG.log(
            System.Logger.Level.WARNING,
            "change feed lost the database ({0}); reconnecting from version {1}",
            e.getClass().getSimpleName(),
            applied.get());
        LockSupport.parkNanos(backoff);
        backoff = Math.min(backoff * 2, maxBackoffNanos);
      }
    }
  }

  private static PGConnection listen(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("SET application_name = '" + APPLICATION_NAME + "'");
      s.execute("LISTEN " + CHANNEL);
    }
    return c.unwrap(PGConnection.class);
  }

  /** Leaves a pooled connection as it was lent: no channel, no name. Best effort. */
  private static void unlisten(Connection c) {
    try (Statement s = c.createStatement()) {
      s.execute("UNLISTEN *");
      s.execute("RESET application_name");
    } catch (SQLException e) {
      // The connection is broken; the pool evicts it.
    }
  }

  /** Waits for a notification (PostgreSQL) or the poll interval, whichever comes first. */
  private void await(PGConnection pg) throws SQLException {
    if (pg != null) {
      // Returns at the first notification or after the timeout; the rows are read either way.
      PGNotification[] received =
          pg.getNotifications((int) Math.min(pollMillis, MAX_NOTIFICATION_WAIT_MILLIS));
      if (received != null && received.length > 0) {
        notifications.addAndGet(received.length);
      }
    } else {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(pollMillis));
    }
  }

  /** Applies every change after the last applied one, in order. */
  private void drain(Connection c) throws SQLException {
    List<ChangeLog.Logged> changes;
    do {
      long last = applied.get();
      changes = ChangeLog.read(c, last, BATCH);
      for (ChangeLog.Logged logged : changes) {
        ChangeLog.Change change = logged.change();
        if (change.version() != last + 1) {
          LOG.log(
              System.Logger.Level.WARNING,
              "change log has no rows between version {0} and {1}; dropping every cached entry",
              last,
              change.version());
          for (ChangeApplier a : db.appliers()) {
            a.invalidateAll();
          }
        }
        for (ChangeApplier a : db.appliers()) {
          apply(a, change);
        }
        last = change.version();
        applied.set(last);
        db.advanceAppliedVersion(last);
        long lag = Math.max(0, System.currentTimeMillis() - logged.changedAt().toEpochMilli());
        lastLagMillis = lag;
        lagMillisTotal.addAndGet(lag);
        changesApplied.incrementAndGet();
      }
    } while (changes.size() == BATCH && running);
    caughtUpAtMillis = System.currentTimeMillis();
  }

  /** A store that fails to apply a change drops everything instead: stale data must not stay. */
  private static void apply(ChangeApplier a, ChangeLog.Change change) {
    try {
      a.apply(change);
    } catch (RuntimeException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "a store failed to apply change {0} ({1}); it drops every cached entry",
          change.version(),
          e.getClass().getSimpleName());
      a.invalidateAll();
    }
  }

  /** Builds a {@link ChangeFeed}. Not thread-safe. */
  public static final class Builder {
    private final Database db;
    private long pollMillis = DEFAULT_POLL_INTERVAL_MILLIS;
    private long maxBackoffMillis = DEFAULT_MAX_RECONNECT_BACKOFF_MILLIS;

    private Builder(Database db) {
      this.db = db;
    }

    /**
     * How often the feed reads the log without being woken: on H2 this is how long a change takes
     * to reach other instances; on PostgreSQL a safety net behind the notifications (there the feed
     * reads the log at least every half second whatever this says). Default {@value
     * ChangeFeed#DEFAULT_POLL_INTERVAL_MILLIS} ms.
     *
     * @throws IllegalArgumentException if not between 1 ms and 1 minute
     */
    public Builder pollInterval(Duration interval) {
      long ms = Objects.requireNonNull(interval, "interval").toMillis();
      if (ms < 1 || ms > 60_000) {
        throw new IllegalArgumentException(
            "pollInterval must be between 1 ms and 1 minute, was " + interval);
      }
      this.pollMillis = ms;
      return this;
    }

    /**
     * The longest wait between attempts to reconnect; waits start at 20 ms and double. Default
     * {@value ChangeFeed#DEFAULT_MAX_RECONNECT_BACKOFF_MILLIS} ms.
     *
     * @throws IllegalArgumentException if not between 20 ms and 1 minute
     */
    public Builder maxReconnectBackoff(Duration backoff) {
      long ms = Objects.requireNonNull(backoff, "backoff").toMillis();
      if (ms < 20 || ms > 60_000) {
        throw new IllegalArgumentException(
            "maxReconnectBackoff must be between 20 ms and 1 minute, was " + backoff);
      }
      this.maxBackoffMillis = ms;
      return this;
    }

    /**
     * Builds the feed and starts its thread. Build it after the stores it serves (each registers
     * with the database when built); close it when the instance stops.
     */
    public ChangeFeed start() {
      ChangeFeed feed = new ChangeFeed(this);
      feed.start();
      return feed;
    }
  }
}
