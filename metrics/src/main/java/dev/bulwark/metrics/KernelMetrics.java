/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.metrics;

import dev.bulwark.simd.Vectorization;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Binds which SIMD kernels this process runs: {@value MeterNames#SIMD_KERNELS}{@code
 * {implementation}}, a gauge of 1 whose tag is {@link Vectorization#implementation()} ({@code
 * scalar}, or {@code panama, <bits>-bit}). The choice is made once per process, so the tag never
 * changes. Needs bulwark-simd on the class or module path. Stateless and thread-safe.
 */
public final class KernelMetrics implements MeterBinder {

  /** A binder of the process's kernels. */
  public KernelMetrics() {}

  @Override
  public void bindTo(MeterRegistry registry) {
    Gauge.builder(MeterNames.SIMD_KERNELS, () -> 1)
        .description("The SIMD kernels in use, named by the implementation tag")
        .tag("implementation", Vectorization.implementation())
        .tag("vectorized", Boolean.toString(Vectorization.isVectorized()))
        .register(registry);
  }
}
