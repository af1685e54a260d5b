/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.dbcache.internal;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;

/**
 * Runs a store's database calls behind a circuit breaker, so that a database that is down or too
 * slow is not sent every request of every thread, each waiting for its connection timeout.
 * Thread-safe.
 *
 * <p>A call that fails because the database cannot be reached or does not answer ({@link
 * #isOutage}), or takes longer than the slow-call threshold, counts against the database. When half
 * of the last calls failed, the breaker opens: calls fail at once, without a connection attempt,
 * for the open interval; then a few trial calls go through, and the breaker closes again when they
 * succeed. Every failure, and every call refused while the breaker is open, becomes the store's
 * "unavailable" exception (never an answer of "absent"): the caller fails closed.
 */
public final class DbGuard {
  /** Calls in the window the failure rate is computed over. */
  public static final int WINDOW_CALLS = 20;

  /** Calls needed in the window before the breaker may open. */
  public static final int MINIMUM_CALLS = 5;

  /** Trial calls let through after the open interval. */
  public static final int HALF_OPEN_CALLS = 2;

  /** The failure (or slow-call) rate, in percent, that opens the breaker. */
  public static final float FAILURE_RATE_PERCENT = 50;

  /** A database call that may fail. */
  @FunctionalInterface
  public interface SqlCall<T> {
    /** Runs the call. */
    T call() throws SQLException;
  }

  private final CircuitBreaker breaker;
  private final String name;
  // Counted here: the breaker's own metrics hold only the current window.
  private final AtomicLong opens = new AtomicLong();

  /**
   * @param name what the guard protects, for messages ("primary", "replica 1")
   * @param openInterval how long the breaker stays open before trial calls
   * @param slowCall how long a call may take before it counts as a failure
   */
  public DbGuard(String name, Duration openInterval, Duration slowCall) {
    this.name = Objects.requireNonNull(name, "name");
    CircuitBreakerConfig config =
        CircuitBreakerConfig.custom()
            .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
            .slidingWindowSize(WINDOW_CALLS)
            .minimumNumberOfCalls(MINIMUM_CALLS)
            .failureRateThreshold(FAILURE_RATE_PERCENT)
            .slowCallRateThreshold(FAILURE_RATE_PERCENT)
            .slowCallDurationThreshold(slowCall)
            .waitDurationInOpenState(openInterval)
            .permittedNumberOfCallsInHalfOpenState(HALF_OPEN_CALLS)
            // Only a database that cannot be reached or does not answer in time counts: a refused
            // statement (a constraint, bad data) shows the database is there.
            .recordException(e -> e instanceof SQLException s && isOutage(s))
            .build();
    this.breaker = CircuitBreaker.of("bulwark-" + name, config);
    breaker
        .getEventPublisher()
        .onStateTransition(
            e -> {
              if (e.getStateTransition().getToState() == CircuitBreaker.State.OPEN) {
                opens.incrementAndGet();
              }
            });
  }

  /**
   * Runs {@code call} if the breaker lets it through.
   *
   * @param unavailable makes the store's exception from a message and a cause
   * @throws RuntimeException the exception {@code unavailable} makes, when the breaker is open or
   *     the call fails with an {@link SQLException}
   */
  public <T> T call(SqlCall<T> call, BiFunction<String, Throwable, RuntimeException> unavailable) {
    if (!breaker.tryAcquirePermission()) {
      throw unavailable.apply(
          "database (" + name + ") unavailable: circuit breaker open after repeated failures",
          null);
    }
    long start = System.nanoTime();
    try {
      T result = call.call();
      breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
      return result;
    } catch (SQLException e) {
      breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
      // The SQL state says what failed (08xxx: connection; 57014: timeout); the driver's message
      // may quote a URL or a statement, so it stays in the cause, for the host's own logs.
      throw unavailable.apply(
          "database ("
              + name
              + ") "
              + (isOutage(e) ? "unavailable" : "refused the statement")
              + ": SQL state "
              + e.getSQLState(),
          e);
    } catch (RuntimeException | Error e) {
      breaker.releasePermission();
      throw e;
    }
  }

  /**
   * Whether {@code e} says the database could not be reached or did not answer in time, rather than
   * that it refused a statement: a connection failure or timeout by type, or SQL state class 08
   * (connection exception), 53 (insufficient resources), 57 (operator intervention: shutdown,
   * statement cancelled by its timeout) or H2's HYT00 (timeout).
   */
  public static boolean isOutage(SQLException e) {
    if (e instanceof SQLTransientConnectionException
        || e instanceof SQLNonTransientConnectionException
        || e instanceof SQLTimeoutException
        || e instanceof SQLRecoverableException) {
      return true;
    }
    String state = e.getSQLState();
    return state != null
        && (state.startsWith("08")
            || state.startsWith("53")
            || state.startsWith("57")
            || state.equals("HYT00"));
  }

  /** The breaker's state: CLOSED, OPEN, HALF_OPEN (or another resilience4j state). */
  public String state() {
    return breaker.getState().name();
  }

  /** How many times the breaker has opened since it was made. */
  public long opens() {
    return opens.get();
  }
}
