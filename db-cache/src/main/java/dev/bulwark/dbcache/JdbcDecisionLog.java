/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.dbcache;

import dev.bulwark.dbcache.internal.Dialect;
import dev.bulwark.dbcache.internal.PolicyIdList;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.jctools.queues.MessagePassingQueue;
import org.jctools.queues.MpscArrayQueue;

/**
 * The decision log in the database's {@code bulwark_decision_log} table. Thread-safe: any thread
 * may call {@link #accept}, {@link #close} and the counters; one writer thread of its own stores
 * the events.
 *
 * <p>{@link #accept} puts the event on a bounded many-producer, one-consumer queue and returns; it
 * never waits for the database. The writer thread (a daemon named by {@link
 * Builder#threadName(String)}) takes up to {@link Builder#batchSize(int)} events at a time and
 * inserts them in one JDBC batch and one transaction on the primary. When the queue is full, {@link
 * Builder#whenFull(WhenFull)} decides: {@link WhenFull#BLOCK} makes the producer wait for room,
 * {@link WhenFull#DROP} drops the event and counts it in {@link #dropped()}.
 *
 * <p>While the database cannot be written, the writer keeps the batch it failed on (and the queue
 * keeps filling) and retries with a delay that doubles from {@link Builder#retryDelay} up to its
 * maximum, logging the outage once and its end once. No event is lost and none is stored twice: the
 * decision id is the table's primary key and the insert skips an id already there ({@code ON
 * CONFLICT DO NOTHING} on PostgreSQL, {@code MERGE ... KEY} on H2), so a batch whose commit
 * succeeded but whose answer was lost is written again without duplicates. A batch the database
 * refuses for its data (SQLSTATE class 22 or 23, for example a text too long for the column) is
 * written again one event at a time; the events it still refuses are logged by decision id and
 * counted in {@link #rejected()}, so that one bad event cannot hold up the log forever.
 *
 * <p>{@link #close()} stops taking events, waits (at most {@link Builder#closeTimeout}) until the
 * writer has stored every event accepted before, and ends the writer. The counters ({@link
 * #accepted()}, {@link #written()}, {@link #queued()}, {@link #dropped()}, {@link #rejected()},
 * {@link #failedWrites()}) are meant for a metrics binder.
 *
 * <p>The policy id lists are stored as the ids joined by commas, with every comma and backslash in
 * an id escaped by a backslash ({@code a\,b} is the one id {@code a,b}), and NULL for no ids.
 *
 * <p>On PostgreSQL, add {@code reWriteBatchedInserts=true} to the JDBC URL (or set the data source
 * property of that name): the driver then sends a batch as multi-row inserts, several times faster
 * than one statement per row.
 */
public final class JdbcDecisionLog implements DecisionSink {

  /** What {@link #accept} does when the queue is full. */
  public enum WhenFull {
    /**
     * The producer waits until the writer has made room (it is never dropped). While the database
     * is down and the queue is full, every producer waits: choose this when a lost record is worse
     * than a stalled request.
     */
    BLOCK,
    /** The event is dropped and counted in {@link #dropped()}; the producer never waits. */
    DROP
  }

  private static final System.Logger LOG = System.getLogger(JdbcDecisionLog.class.getName());

  private static final String COLUMNS =
      "(decision_id, decided_at, kind, principal, action, resource, decision,"
          + " determining_policies, erroring_policies, policy_set_version, reason, latency_nanos)";
  private static final String VALUES = " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  // An id already stored is skipped, so retrying a batch whose commit may have succeeded is safe.
  private static final String INSERT_POSTGRESQL =
      "INSERT INTO bulwark_decision_log "
          + COLUMNS
          + VALUES
          + " ON CONFLICT (decision_id) DO NOTHING";
  // H2's MERGE ... KEY replaces the row with that id by the same values: still one row per id.
  private static final String INSERT_H2 =
      "MERGE INTO bulwark_decision_log " + COLUMNS + " KEY (decision_id)" + VALUES;

  // A producer waiting for room (BLOCK) yields this many times before it parks.
  private static final int PRODUCER_YIELDS = 16;
  private static final long PRODUCER_MIN_PARK_NANOS = TimeUnit.MICROSECONDS.toNanos(10);
  private static final long PRODUCER_MAX_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
  // An idle writer yields a few times (events often come in bursts), then parks this long between
  // looks at the queue: the longest an event waits in an idle log before it is written.
  private static final int WRITER_YIELDS = 8;
  private static final long WRITER_IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
  // After this many idle parks (about a second) the writer gives its connection back to the pool.
  private static final int IDLE_PARKS_BEFORE_RELEASE = 1000;
  // How long close() waits for a writer it had to interrupt after the timeout.
  private static final long STOP_WAIT_MILLIS = 1000;
  // Numbers the writer threads of several logs in one JVM.
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final DataSource dataSource;
  private final String insertSql;
  private final MpscArrayQueue<DecisionEvent> queue;
  private final int batchSize;
  private final WhenFull whenFull;
  private final long closeTimeoutMillis;
  private final long minRetryNanos;
  private final long maxRetryNanos;
  private final Thread writer;

  // NOTE: volatile: a producer that reads closed == false after close() began is one that entered
  // before; the writer waits for every such producer (entered == exited) before it ends.
  private volatile boolean closed;
  // Set when the writer has ended (closed and drained, abandoned by close(), or failed).
  private volatile boolean stopped;
  // Set by close() after its timeout: the writer stops retrying and ends.
  private volatile boolean abandon;
  private volatile Throwable writerFailure;
  private final AtomicInteger closeCalls = new AtomicInteger();

  // Producers inside accept(): the writer ends only when none is, so that an event offered by a
  // producer that passed the closed check is never stranded in the queue.
  private final LongAdder entered = new LongAdder();
  private final LongAdder exited = new LongAdder();
  private final LongAdder accepted = new LongAdder();
  private final LongAdder dropped = new LongAdder();
  // Written by the writer thread only; read by any.
  private final AtomicLong written = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();
  private final AtomicLong failedWrites = new AtomicLong();

  // The writer thread's own state.
  private Connection connection;
  private PreparedStatement insert;
  private boolean outage;

  private JdbcDecisionLog(Builder b) {
    this.dataSource = b.database.primary();
    this.insertSql = b.database.dialect() == Dialect.POSTGRESQL ? INSERT_POSTGRESQL : INSERT_H2;
    this.queue = new MpscArrayQueue<>(b.capacity);
    this.batchSize = b.batchSize;
    this.whenFull = b.whenFull;
    this.closeTimeoutMillis = b.closeTimeout.toMillis();
    this.minRetryNanos = b.minRetryDelay.toNanos();
    this.maxRetryNanos = b.maxRetryDelay.toNanos();
    this.writer = new Thread(this::runWriter, b.threadName + "-" + THREADS.incrementAndGet());
    writer.setDaemon(true);
    writer.setUncaughtExceptionHandler(
        (t, e) ->
            LOG.log(System.Logger.Level.ERROR, "decision log writer " + t.getName() + " died", e));
  }

  /**
   * Starts a builder for a log in {@code database}'s primary.
   *
   * @param database the database, whose schema {@link BulwarkSchema#migrate} has created
   * @return the builder
   * @throws NullPointerException if {@code database} is null
   */
  public static Builder builder(Database database) {
    return new Builder(Objects.requireNonNull(database, "database"));
  }

  /**
   * Queues {@code event} for the writer. When the queue is full, waits for room ({@link
   * WhenFull#BLOCK}; an interrupt does not end the wait, and the interrupt status is kept) or drops
   * the event ({@link WhenFull#DROP}).
   *
   * @throws NullPointerException if {@code event} is null
   * @throws IllegalStateException if the log is closed, or its writer has stopped
   */
  @Override
  public void accept(DecisionEvent event) {
    Objects.requireNonNull(event, "event");
    entered.increment();
    try {
      if (closed || stopped) {
        throw new IllegalStateException(stateMessage());
      }
      if (!queue.offer(event)) {
        if (whenFull == WhenFull.DROP) {
          dropped.increment();
          return;
        }
        waitForRoom(event);
      }
      accepted.increment();
    } finally {
      exited.increment();
    }
  }

  private void waitForRoom(DecisionEvent event) {
    boolean interrupted = false;
    long park = PRODUCER_MIN_PARK_NANOS;
    int yields = 0;
    try {
      while (!queue.offer(event)) {
        if (stopped) {
          throw new IllegalStateException(stateMessage() + "; the event was not queued");
        }
        if (yields < PRODUCER_YIELDS) {
          yields++;
          Thread.yield();
        } else {
          LockSupport.parkNanos(this, park);
          park = Math.min(park * 2, PRODUCER_MAX_PARK_NANOS);
        }
        // An interrupt would make every park return at once: remember it and wait on.
        interrupted |= Thread.interrupted();
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private String stateMessage() {
    Throwable failure = writerFailure;
    if (failure != null) {
      return "decision log writer failed: " + failure;
    }
    return stopped && !closed ? "decision log writer stopped" : "decision log is closed";
  }

  /**
   * Stops taking events, waits until every event accepted before is written (at most the {@link
   * Builder#closeTimeout}), and ends the writer thread. If the database is still down when the
   * timeout passes, the events not written are given up: a warning logs how many, and {@link
   * #queued()} keeps counting them. A second call returns at once. Producers waiting for room
   * ({@link WhenFull#BLOCK}) are still served while the writer drains, and get an {@link
   * IllegalStateException} if it gives up.
   */
  @Override
  public void close() {
    if (closeCalls.getAndIncrement() > 0) {
      return;
    }
    closed = true;
    LockSupport.unpark(writer);
    boolean interrupted = false;
    try {
      writer.join(closeTimeoutMillis);
    } catch (InterruptedException e) {
      interrupted = true;
    }
    if (writer.isAlive()) {
      abandon = true;
      writer.interrupt();
      try {
        writer.join(STOP_WAIT_MILLIS);
      } catch (InterruptedException e) {
        interrupted = true;
      }
      LOG.log(
          System.Logger.Level.WARNING,
          "decision log closed after "
              + closeTimeoutMillis
              + " ms with "
              + queued()
              + " decisions not written: the database could not be written");
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** The events accepted so far (queued, not dropped). */
  public long accepted() {
    return accepted.sum();
  }

  /** The events stored in the table so far. */
  public long written() {
    return written.get();
  }

  /**
   * The events accepted and not yet written or rejected: those in the queue and in the batch the
   * writer is storing (or retrying).
   */
  public long queued() {
    // Read what left the queue first: accepted only grows, so the difference is never negative
    // except when an increment is caught between two cells of the adder.
    long done = written.get() + rejected.get();
    return Math.max(0, accepted.sum() - done);
  }

  /** The events dropped because the queue was full ({@link WhenFull#DROP}). */
  public long dropped() {
    return dropped.sum();
  }

  /** The events the database refused for their data, even one at a time; each is logged by id. */
  public long rejected() {
    return rejected.get();
  }

  /** The batch writes that failed and were retried (a count of attempts, not of events). */
  public long failedWrites() {
    return failedWrites.get();
  }

  @Override
  public String toString() {
    return "JdbcDecisionLog[capacity="
        + queue.capacity()
        + ", batchSize="
        + batchSize
        + ", whenFull="
        + whenFull
        + ", queued="
        + queued()
        + ", written="
        + written()
        + ", dropped="
        + dropped()
        + (closed ? ", closed" : "")
        + "]";
  }

  // ---- the writer thread ----

  private void runWriter() {
    List<DecisionEvent> batch = new ArrayList<>(batchSize);
    MessagePassingQueue.Consumer<DecisionEvent> toBatch = batch::add;
    int idle = 0;
    try {
      while (!abandon) {
        if (queue.drain(toBatch, batchSize) > 0) {
          idle = 0;
          store(batch);
          batch.clear();
          continue;
        }
        if (closed && producersGone() && queue.isEmpty()) {
          break;
        }
        // Capped, so that a log idle for weeks does not wrap around to yielding.
        idle = Math.min(idle + 1, WRITER_YIELDS + IDLE_PARKS_BEFORE_RELEASE + 1);
        if (idle <= WRITER_YIELDS) {
          Thread.yield();
        } else {
          if (idle == WRITER_YIELDS + IDLE_PARKS_BEFORE_RELEASE) {
            releaseConnection();
          }
          LockSupport.parkNanos(this, WRITER_IDLE_PARK_NANOS);
        }
      }
    } catch (Throwable t) {
      // The last line of defence: store() survives every database failure, so this is a bug or
      // an Error. The log stops taking events rather than queue them for no one.
      writerFailure = t;
      LOG.log(
          System.Logger.Level.ERROR, "decision log writer failed; the log takes no more events", t);
      throw t;
    } finally {
      stopped = true;
      releaseConnection();
    }
  }

  /** Whether every producer that entered {@link #accept} has left it. */
  private boolean producersGone() {
    // NOTE: exited is read before entered. Both only grow, so equal sums mean that at some instant
    // between the two reads no producer was inside; any that enters later sees closed.
    long out = exited.sum();
    return entered.sum() == out;
  }

  /**
   * Stores {@code batch}, retrying until it is stored or the log is abandoned. Events the database
   * refuses for their data are rejected one by one; everything else is retried.
   */
  private void store(List<DecisionEvent> batch) {
    int from = 0; // the events before this index are written or rejected
    boolean oneByOne = false;
    long delay = minRetryNanos;
    while (from < batch.size() && !abandon) {
      try {
        if (oneByOne) {
          insert(batch.subList(from, from + 1));
          written.incrementAndGet();
          from++;
        } else {
          insert(batch);
          written.addAndGet(batch.size());
          from = batch.size();
        }
        if (outage) {
          outage = false;
          LOG.log(System.Logger.Level.INFO, "decision log: the database takes writes again");
        }
        delay = minRetryNanos;
      } catch (SQLException | RuntimeException e) {
        releaseConnection();
        if (isDataError(e)) {
          if (oneByOne) {
            rejected.incrementAndGet();
            LOG.log(
                System.Logger.Level.WARNING,
                "decision log: the database refused decision "
                    + batch.get(from).decisionId()
                    + ": "
                    + describe(e));
            from++;
          } else {
            oneByOne = true;
          }
          continue;
        }
        failedWrites.incrementAndGet();
        if (!outage) {
          outage = true;
          LOG.log(
              System.Logger.Level.WARNING,
              "decision log: cannot write, keeping "
                  + queued()
                  + " decisions and retrying: "
                  + describe(e));
        }
        LockSupport.parkNanos(this, delay);
        delay = Math.min(delay * 2, maxRetryNanos);
      }
    }
  }

  private void insert(List<DecisionEvent> events) throws SQLException {
    if (connection == null) {
      Connection c = dataSource.getConnection();
      try {
        c.setAutoCommit(false);
        insert = c.prepareStatement(insertSql);
      } catch (SQLException | RuntimeException e) {
        c.close();
        throw e;
      }
      connection = c;
    }
    for (DecisionEvent e : events) {
      bind(insert, e);
      insert.addBatch();
    }
    insert.executeBatch();
    connection.commit();
  }

  private static void bind(PreparedStatement ps, DecisionEvent e) throws SQLException {
    ps.setObject(1, e.decisionId());
    ps.setObject(2, e.time().atOffset(ZoneOffset.UTC));
    ps.setString(3, e.kind().name());
    ps.setString(4, e.principal());
    ps.setString(5, e.action());
    ps.setString(6, e.resource());
    ps.setString(7, e.decision().name());
    ps.setString(8, PolicyIdList.join(e.determiningPolicies()));
    ps.setString(9, PolicyIdList.join(e.erroringPolicies()));
    if (e.policySetVersion() == null) {
      ps.setNull(10, Types.BIGINT);
    } else {
      ps.setLong(10, e.policySetVersion());
    }
    ps.setString(11, e.reason());
    ps.setLong(12, e.latencyNanos());
  }

  /** Closes the writer's connection, rolling back what it had not committed; never throws. */
  private void releaseConnection() {
    Connection c = connection;
    connection = null;
    insert = null;
    if (c == null) {
      return;
    }
    try {
      c.rollback();
    } catch (SQLException | RuntimeException ignored) {
      // The connection is likely broken already: closing it is all that is left to do.
    }
    try {
      c.close();
    } catch (SQLException | RuntimeException ignored) {
      // As above: a broken connection may refuse to close cleanly; the pool discards it.
    }
  }

  /**
   * Whether the database refused the data itself (SQLSTATE class 22, data exception, or 23,
   * integrity constraint violation), which retrying the same batch cannot cure.
   */
  private static boolean isDataError(Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException) {
        for (SQLException s = (SQLException) t; s != null; s = s.getNextException()) {
          String state = s.getSQLState();
          if (state != null && (state.startsWith("22") || state.startsWith("23"))) {
            return true;
          }
          if (s.getNextException() == s) {
            break;
          }
        }
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  /** The failure in one line: its class, SQLSTATE and message (which carry no event data). */
  private static String describe(Exception e) {
    Throwable t = e;
    // A batch failure's own message is generic; the first cause says what went wrong.
    if (e instanceof BatchUpdateException
        && ((BatchUpdateException) e).getNextException() != null) {
      t = ((BatchUpdateException) e).getNextException();
    }
    String state = t instanceof SQLException ? ((SQLException) t).getSQLState() : null;
    return t.getClass().getSimpleName()
        + (state == null ? "" : " [SQLSTATE " + state + "]")
        + ": "
        + t.getMessage();
  }

  /**
   * Builds a {@link JdbcDecisionLog}. Not thread-safe. Each setting may be made once; {@link
   * #build()} starts the writer thread.
   */
  public static final class Builder {
    /** The default {@link #capacity(int)}: {@value}. */
    public static final int DEFAULT_CAPACITY = 65_536;

    /** The smallest {@link #capacity(int)}: {@value}. */
    public static final int MIN_CAPACITY = 2;

    /** The largest {@link #capacity(int)}: {@value}. */
    public static final int MAX_CAPACITY = 1 << 30;

    /** The default {@link #batchSize(int)}: {@value}. */
    public static final int DEFAULT_BATCH_SIZE = 1000;

    /** The largest {@link #batchSize(int)}: {@value}. */
    public static final int MAX_BATCH_SIZE = 100_000;

    /** The default {@link #closeTimeout(Duration)}, in seconds: {@value}. */
    public static final long DEFAULT_CLOSE_TIMEOUT_SECONDS = 30;

    /** The default shortest {@link #retryDelay(Duration, Duration)}, in milliseconds: {@value}. */
    public static final long DEFAULT_MIN_RETRY_DELAY_MILLIS = 100;

    /** The default longest {@link #retryDelay(Duration, Duration)}, in milliseconds: {@value}. */
    public static final long DEFAULT_MAX_RETRY_DELAY_MILLIS = 10_000;

    /** The default {@link #threadName(String)}: {@value}. */
    public static final String DEFAULT_THREAD_NAME = "bulwark-decision-log-writer";

    private final Database database;
    private Integer capacitySetting;
    private Integer batchSizeSetting;
    private WhenFull whenFullSetting;
    private Duration closeTimeoutSetting;
    private Duration minRetrySetting;
    private Duration maxRetrySetting;
    private String threadNameSetting;

    // Resolved by build().
    private int capacity;
    private int batchSize;
    private WhenFull whenFull;
    private Duration closeTimeout;
    private Duration minRetryDelay;
    private Duration maxRetryDelay;
    private String threadName;

    private Builder(Database database) {
      this.database = database;
    }

    private static void once(Object current, String setting, Object next) {
      if (current != null) {
        throw new IllegalStateException(
            setting + " was already set to " + current + ", cannot set it again to " + next);
      }
    }

    /**
     * The most events the queue holds (rounded up to a power of two); default {@value
     * #DEFAULT_CAPACITY}.
     *
     * @return this
     * @throws IllegalArgumentException if not between {@value #MIN_CAPACITY} and {@value
     *     #MAX_CAPACITY}
     * @throws IllegalStateException if already set
     */
    public Builder capacity(int capacity) {
      if (capacity < MIN_CAPACITY || capacity > MAX_CAPACITY) {
        throw new IllegalArgumentException(
            "capacity must be between "
                + MIN_CAPACITY
                + " and "
                + MAX_CAPACITY
                + ", was "
                + capacity);
      }
      once(capacitySetting, "capacity", capacity);
      capacitySetting = capacity;
      return this;
    }

    /**
     * The most events inserted in one batch and one transaction; default {@value
     * #DEFAULT_BATCH_SIZE}.
     *
     * @return this
     * @throws IllegalArgumentException if not between 1 and {@value #MAX_BATCH_SIZE}
     * @throws IllegalStateException if already set
     */
    public Builder batchSize(int batchSize) {
      if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
        throw new IllegalArgumentException(
            "batchSize must be between 1 and " + MAX_BATCH_SIZE + ", was " + batchSize);
      }
      once(batchSizeSetting, "batchSize", batchSize);
      batchSizeSetting = batchSize;
      return this;
    }

    /**
     * What {@link JdbcDecisionLog#accept} does when the queue is full; default {@link
     * WhenFull#BLOCK}, so that no decision is lost unless the host chooses to.
     *
     * @return this
     * @throws NullPointerException if {@code whenFull} is null
     * @throws IllegalStateException if already set
     */
    public Builder whenFull(WhenFull whenFull) {
      Objects.requireNonNull(whenFull, "whenFull");
      once(whenFullSetting, "whenFull", whenFull);
      whenFullSetting = whenFull;
      return this;
    }

    /**
     * How long {@link JdbcDecisionLog#close()} waits for the queued events to be written; default
     * {@value #DEFAULT_CLOSE_TIMEOUT_SECONDS} seconds.
     *
     * @return this
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if not positive, or longer than a day
     * @throws IllegalStateException if already set
     */
    public Builder closeTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofDays(1)) > 0) {
        throw new IllegalArgumentException(
            "closeTimeout must be between 1ms and 1d, was " + timeout);
      }
      once(closeTimeoutSetting, "closeTimeout", timeout);
      closeTimeoutSetting = timeout;
      return this;
    }

    /**
     * The delay before the writer retries a failed write, doubled after each failure up to {@code
     * max}; default {@value #DEFAULT_MIN_RETRY_DELAY_MILLIS} ms up to {@value
     * #DEFAULT_MAX_RETRY_DELAY_MILLIS} ms.
     *
     * @return this
     * @throws NullPointerException if either is null
     * @throws IllegalArgumentException if {@code min} is shorter than 1 ms, or {@code max} shorter
     *     than {@code min} or longer than an hour
     * @throws IllegalStateException if already set
     */
    public Builder retryDelay(Duration min, Duration max) {
      Objects.requireNonNull(min, "min");
      Objects.requireNonNull(max, "max");
      if (min.compareTo(Duration.ofMillis(1)) < 0) {
        throw new IllegalArgumentException("retryDelay min must be at least 1ms, was " + min);
      }
      if (max.compareTo(min) < 0 || max.compareTo(Duration.ofHours(1)) > 0) {
        throw new IllegalArgumentException(
            "retryDelay max must be between min (" + min + ") and 1h, was " + max);
      }
      once(minRetrySetting, "retryDelay", min + ".." + max);
      minRetrySetting = min;
      maxRetrySetting = max;
      return this;
    }

    /**
     * The name of the writer thread, to which a number is appended; default {@value
     * #DEFAULT_THREAD_NAME}.
     *
     * @return this
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalArgumentException if {@code name} is blank
     * @throws IllegalStateException if already set
     */
    public Builder threadName(String name) {
      Objects.requireNonNull(name, "name");
      if (name.isBlank()) {
        throw new IllegalArgumentException("threadName must not be blank, was \"" + name + "\"");
      }
      once(threadNameSetting, "threadName", name);
      threadNameSetting = name;
      return this;
    }

    /**
     * Builds the log and starts its writer thread.
     *
     * @return the log
     * @throws IllegalArgumentException if {@code batchSize} is larger than {@code capacity}
     */
    public JdbcDecisionLog build() {
      capacity = capacitySetting == null ? DEFAULT_CAPACITY : capacitySetting;
      batchSize =
          batchSizeSetting == null ? Math.min(DEFAULT_BATCH_SIZE, capacity) : batchSizeSetting;
      if (batchSize > capacity) {
        throw new IllegalArgumentException(
            "batchSize must be at most capacity (" + capacity + "), was " + batchSize);
      }
      whenFull = whenFullSetting == null ? WhenFull.BLOCK : whenFullSetting;
      closeTimeout =
          closeTimeoutSetting == null
              ? Duration.ofSeconds(DEFAULT_CLOSE_TIMEOUT_SECONDS)
              : closeTimeoutSetting;
      minRetryDelay =
          minRetrySetting == null
              ? Duration.ofMillis(DEFAULT_MIN_RETRY_DELAY_MILLIS)
              : minRetrySetting;
      maxRetryDelay =
          maxRetrySetting == null
              ? Duration.ofMillis(DEFAULT_MAX_RETRY_DELAY_MILLIS)
              : maxRetrySetting;
      threadName = threadNameSetting == null ? DEFAULT_THREAD_NAME : threadNameSetting;
      JdbcDecisionLog log = new JdbcDecisionLog(this);
      log.writer.start();
      return log;
    }
  }
}
