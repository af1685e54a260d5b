/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.example.http;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Gauges of Jetty's request thread pool: {@code jetty.threads.current}, {@code .busy}, {@code
 * .idle}, {@code .max} and {@code jetty.threads.queued} (jobs waiting for a thread). The pool is
 * held weakly, as Micrometer's gauges hold what they read.
 */
final class JettyMeters implements MeterBinder {
  private final QueuedThreadPool pool;

  JettyMeters(QueuedThreadPool pool) {
    this.pool = pool;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Gauge.builder("jetty.threads.current", pool, QueuedThreadPool::getThreads)
        .description("Threads in Jetty's request pool")
        .register(registry);
    Gauge.builder("jetty.threads.busy", pool, QueuedThreadPool::getBusyThreads)
        .description("Threads of Jetty's request pool running a job")
        .register(registry);
    Gauge.builder("jetty.threads.idle", pool, QueuedThreadPool::getIdleThreads)
        .description("Threads of Jetty's request pool waiting for a job")
        .register(registry);
    Gauge.builder("jetty.threads.max", pool, QueuedThreadPool::getMaxThreads)
        .description("The most threads Jetty's request pool may have")
        .register(registry);
    Gauge.builder("jetty.threads.queued", pool, QueuedThreadPool::getQueueSize)
        .description("Jobs waiting for a thread of Jetty's request pool")
        .register(registry);
  }
}
