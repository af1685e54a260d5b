/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.ref.WeakReference;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The contract every binder keeps, run against each by one subclass: it registers meters named
 * under {@value MeterNames#PREFIX} with a description, its meters move when the watched thing is
 * used, and it does not keep the watched thing alive.
 *
 * @param <T> what the binder watches
 */
abstract class MeterBinderContract<T> {

  /** A new thing to watch. */
  abstract T newWatched() throws Exception;

  /** A binder of {@code watched}. */
  abstract MeterBinder binder(T watched);

  /** Uses {@code watched} so that {@link #movingMeter()} changes. */
  abstract void exercise(T watched) throws Exception;

  /** A meter that {@link #exercise} moves; the first measurement of the meter is compared. */
  abstract String movingMeter();

  /** Whether the binder watches an object at all (the kernels binder watches the process). */
  boolean watchesAnObject() {
    return true;
  }

  /**
   * The object the binder must not keep alive; {@code watched} itself by default, one part of it
   * where the watched thing is several.
   */
  Object heldWeakly(T watched) {
    return watched;
  }

  /** Whether a meter is another library's that the binder registers on purpose (HikariCP's). */
  boolean isForeign(String meterName) {
    return false;
  }

  /** Releases what {@code watched} holds outside the heap; nothing by default. */
  void close(T watched) throws Exception {}

  private static double value(SimpleMeterRegistry registry, String name) {
    Meter m = registry.find(name).meters().iterator().next();
    return m.measure().iterator().next().getValue();
  }

  private static double total(SimpleMeterRegistry registry, String name) {
    double sum = 0;
    for (Meter m : registry.find(name).meters()) {
      sum += m.measure().iterator().next().getValue();
    }
    return sum;
  }

  @Test
  void bindTo_freshRegistry_registersMetersUnderThePrefix() throws Exception {
    T watched = newWatched();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    binder(watched).bindTo(registry);
    assertThat(registry.getMeters())
        .isNotEmpty()
        .filteredOn(m -> !isForeign(m.getId().getName()))
        .isNotEmpty()
        .allSatisfy(m -> assertThat(m.getId().getName()).startsWith(MeterNames.PREFIX));
    close(watched);
  }

  @Test
  void bindTo_everyMeter_hasADescription() throws Exception {
    T watched = newWatched();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    binder(watched).bindTo(registry);
    assertThat(registry.getMeters())
        .allSatisfy(m -> assertThat(m.getId().getDescription()).isNotBlank());
    close(watched);
  }

  @Test
  void exercise_afterBind_movesTheMeter() throws Exception {
    T watched = newWatched();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    binder(watched).bindTo(registry);
    assertThat(registry.find(movingMeter()).meters()).isNotEmpty();
    double before = total(registry, movingMeter());
    exercise(watched);
    assertThat(total(registry, movingMeter())).isNotEqualTo(before);
    close(watched);
  }

  @Test
  void binder_watchedUnreachable_doesNotKeepItAlive() throws Exception {
    if (!watchesAnObject()) {
      return;
    }
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    WeakReference<Object> ref = bindAndForget(registry);
    // The binder stays reachable too: it must hold the watched thing weakly as well.
    assertTimeoutPreemptively(
        Duration.ofSeconds(20),
        () -> {
          while (ref.get() != null) {
            System.gc();
            Thread.sleep(10);
          }
        });
    assertThat(registry.getMeters()).isNotEmpty();
    // A meter of a collected object reads NaN rather than failing the scrape.
    registry.getMeters().forEach(m -> m.measure().forEach(x -> x.getValue()));
    assertThat(value(registry, registry.getMeters().get(0).getId().getName())).isNotNull();
  }

  // The only strong reference to the watched thing lives in this frame, which has returned by the
  // time the caller collects.
  private WeakReference<Object> bindAndForget(SimpleMeterRegistry registry) throws Exception {
    T watched = newWatched();
    MeterBinder binder = binder(watched);
    binder.bindTo(registry);
    exercise(watched);
    kept = binder;
    return new WeakReference<>(heldWeakly(watched));
  }

  /** Keeps the binder reachable for the whole test, as a host's registry setup would. */
  @SuppressWarnings("unused")
  private MeterBinder kept;
}
