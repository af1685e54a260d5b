/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.example.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Offers a fixed rate of requests over a few keep-alive connections and records each request's
 * latency from the moment it was meant to be sent, wrk2's correction for coordinated omission.
 *
 * <p>Request {@code k} of a step has an intended send time, {@code start + k / rate}, fixed before
 * the step begins. One sender thread sends each request at its intended time on an idle connection;
 * when none is idle (every connection waits on a response) or the sender itself is late, the
 * request leaves later, but its latency is still counted from the intended time. A server that
 * stalls for 100 ms is therefore charged for every request that should have been sent during the
 * stall, as real clients arriving at that rate would have seen it, not for one slow request
 * followed by silence. Each connection has its own reader thread, blocked in {@code read}, so a
 * response is timed when it arrives, not when a selector next wakes (a {@code Selector}'s timeout
 * is in milliseconds, too coarse for a bound of about 2 ms). The sender sleeps with {@code
 * parkNanos} between sends (tens of microseconds of precision on Linux) and never spins: spinning
 * would take a core from the server.
 *
 * <p>The first {@link StepPlan#warmupRequests()} requests are sent at the same rate but not
 * recorded. The step is bounded in requests by its plan and in time: it stops at the first error (a
 * status other than the expected one, a closed or malformed connection, a response that takes
 * longer than the request timeout), and gives up waiting for the last responses after the drain
 * timeout, counting each missing one as an error.
 *
 * <p>Not thread-safe: one step at a time.
 */
final class FixedRateLoad {
  /** Told the latencies of each interval of the measured phase as it ends. */
  @FunctionalInterface
  interface IntervalListener {
    /**
     * Called on the coordinating thread at the end of each interval.
     *
     * @param elapsedNanos the time from the measured phase's start to the interval's end
     * @param interval the latencies recorded in the interval (a copy the listener may keep)
     */
    void onInterval(long elapsedNanos, Histogram interval);
  }

  /**
   * The settings of the connections. Immutable.
   *
   * @param host the server's address
   * @param port the server's port
   * @param connections how many keep-alive connections, each with at most one request in flight
   * @param expectedStatus the status every response must have
   * @param requestTimeoutMillis how long a response may take before it is an error
   * @param drainTimeoutMillis how long the step waits for the last responses after the last send
   */
  record Settings(
      String host,
      int port,
      int connections,
      int expectedStatus,
      int requestTimeoutMillis,
      int drainTimeoutMillis) {
    Settings {
      if (connections < 1) {
        throw new IllegalArgumentException("connections must be >= 1, was " + connections);
      }
      if (requestTimeoutMillis < 1 || drainTimeoutMillis < 1) {
        throw new IllegalArgumentException(
            "timeouts must be positive, were "
                + requestTimeoutMillis
                + " and "
                + drainTimeoutMillis);
      }
    }
  }

  /** The read timeout of a socket, after which a reader looks at its request's age: {@value} ms. */
  private static final int POLL_MILLIS = 200;

  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private final Settings settings;

  FixedRateLoad(Settings settings) {
    this.settings = settings;
  }

  /**
   * The generator's own CPU time: the whole JVM's process CPU time, in nanoseconds.
   *
   * @return the CPU time
   */
  static long processCpuNanos() {
    return OS.getProcessCpuTime();
  }

  /**
   * Runs one step.
   *
   * @param plan how many requests at which rate
   * @param requests the request of each index, encoded
   * @param serverCpuNanos the server's process CPU time, or -1 if the server runs in this JVM
   * @param intervalNanos the length of an interval for {@code listener}, or 0 for none
   * @param listener told each interval's latencies, or null
   * @return what was measured
   * @throws IOException if a connection cannot be opened
   * @throws InterruptedException if interrupted
   */
  StepResult run(
      StepPlan plan,
      RequestSource requests,
      LongSupplier serverCpuNanos,
      long intervalNanos,
      IntervalListener listener)
      throws IOException, InterruptedException {
    Recorder latency = new Recorder(3);
    Recorder service = new Recorder(3);
    LongAdder finished = new LongAdder();
    LongAdder recorded = new LongAdder();
    LongAdder errors = new LongAdder();
    AtomicLong lastMeasuredNanos = new AtomicLong();
    AtomicReference<String> firstError = new AtomicReference<>();
    ArrayBlockingQueue<HttpConnection> idle = new ArrayBlockingQueue<>(settings.connections());
    List<HttpConnection> connections = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    long warmup = plan.warmupRequests();
    long requestTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(settings.requestTimeoutMillis());
    long[] sent = new long[1];
    try {
      for (int i = 0; i < settings.connections(); i++) {
        HttpConnection c = new HttpConnection(settings.host(), settings.port(), POLL_MILLIS);
        connections.add(c);
        idle.add(c);
      }
      // The readers: one per connection, each timing its responses as they arrive.
      for (HttpConnection c : connections) {
        Thread t =
            new Thread(
                () -> {
                  while (true) {
                    int status;
                    try {
                      status = c.readResponse();
                    } catch (IOException e) {
                      if (c.inFlight()) {
                        fail(firstError, errors, finished, "connection failed: " + e.getMessage());
                      }
                      return;
                    }
                    long now = System.nanoTime();
                    if (status < 0) {
                      if (c.inFlight() && now - c.sentNanos() > requestTimeoutNanos) {
                        fail(firstError, errors, finished, "no response within the timeout");
                        return;
                      }
                      continue;
                    }
                    if (status != settings.expectedStatus()) {
                      fail(firstError, errors, finished, "status " + status);
                    } else {
                      if (c.index() >= warmup) {
                        latency.recordValue(Math.max(0, now - c.intendedNanos()));
                        service.recordValue(Math.max(0, now - c.sentNanos()));
                        recorded.increment();
                        lastMeasuredNanos.accumulateAndGet(now, Math::max);
                      }
                      finished.increment();
                    }
                    idle.add(c);
                  }
                },
                "load-reader-" + threads.size());
        t.setDaemon(true);
        threads.add(t);
        t.start();
      }

      long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
      long measureStart = start + plan.intendedOffsetNanos(warmup);
      Thread sender =
          new Thread(() -> sent[0] = send(plan, requests, start, idle, firstError), "load-sender");
      sender.setDaemon(true);
      sender.start();

      // The measured phase begins at the first measured request's intended time.
      sleepUntil(measureStart);
      long cpu0 = processCpuNanos();
      long server0 = serverCpuNanos.getAsLong();
      Histogram total = new Histogram(3);
      long nextInterval = intervalNanos > 0 ? measureStart + intervalNanos : Long.MAX_VALUE;
      while (sender.isAlive()) {
        sender.join(Math.max(1, Math.min(100, (nextInterval - System.nanoTime()) / 1_000_000)));
        if (System.nanoTime() >= nextInterval) {
          Histogram h = latency.getIntervalHistogram();
          total.add(h);
          listener.onInterval(nextInterval - measureStart, h);
          nextInterval += intervalNanos;
        }
      }
      long deadline = System.nanoTime() + settings.drainTimeoutMillis() * 1_000_000L;
      while (finished.sum() < sent[0] && System.nanoTime() < deadline) {
        Thread.sleep(1);
      }
      long missing = sent[0] - finished.sum();
      if (missing > 0) {
        errors.add(missing);
        firstError.compareAndSet(null, missing + " responses missing after the drain timeout");
      }
      long cpu1 = processCpuNanos();
      long server1 = serverCpuNanos.getAsLong();
      Histogram last = latency.getIntervalHistogram();
      total.add(last);
      if (listener != null && last.getTotalCount() > 0) {
        listener.onInterval(lastMeasuredNanos.get() - measureStart, last);
      }
      long sentMeasured = Math.max(0, sent[0] - warmup);
      long elapsed = Math.max(1, lastMeasuredNanos.get() - measureStart);
      return new StepResult(
          plan,
          sentMeasured,
          recorded.sum(),
          errors.sum(),
          firstError.get(),
          total,
          service.getIntervalHistogram(),
          elapsed,
          cpu1 - cpu0,
          server0 < 0 || server1 < 0 ? -1 : server1 - server0);
    } finally {
      for (HttpConnection c : connections) {
        c.close();
      }
      for (Thread t : threads) {
        t.join(TimeUnit.SECONDS.toMillis(5));
      }
    }
  }

  /** Sends every request of the plan at its intended time; returns how many were sent. */
  private static long send(
      StepPlan plan,
      RequestSource requests,
      long start,
      ArrayBlockingQueue<HttpConnection> idle,
      AtomicReference<String> firstError) {
    long total = plan.totalRequests();
    for (long k = 0; k < total; k++) {
      long intended = start + plan.intendedOffsetNanos(k);
      long now;
      while ((now = System.nanoTime()) < intended) {
        LockSupport.parkNanos(intended - now);
      }
      HttpConnection c = idle.poll();
      try {
        while (c == null) {
          if (firstError.get() != null) {
            return k;
          }
          c = idle.poll(10, TimeUnit.MILLISECONDS);
        }
        if (firstError.get() != null) {
          return k;
        }
        c.send(k, intended, System.nanoTime(), requests.request(k));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return k;
      } catch (IOException e) {
        // The connection's reader sees the failure too and counts this request as the error.
        firstError.compareAndSet(null, "send failed: " + e.getMessage());
        return k + 1;
      }
    }
    return total;
  }

  private static void fail(
      AtomicReference<String> firstError, LongAdder errors, LongAdder finished, String what) {
    firstError.compareAndSet(null, what);
    errors.increment();
    finished.increment();
  }

  private static void sleepUntil(long deadline) throws InterruptedException {
    long now;
    while ((now = System.nanoTime()) < deadline) {
      TimeUnit.NANOSECONDS.sleep(deadline - now);
    }
  }
}
