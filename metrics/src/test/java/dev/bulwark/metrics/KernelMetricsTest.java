/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.simd.Vectorization;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class KernelMetricsTest {

  @Test
  void kernels_bound_tagTheImplementationInUse() {
    SimpleMeterRegistry r = new SimpleMeterRegistry();
    MeterBinder binder = new KernelMetrics();
    binder.bindTo(r);
    assertThat(
            r.get(MeterNames.SIMD_KERNELS)
                .tag("implementation", Vectorization.implementation())
                .gauge()
                .value())
        .isEqualTo(1.0);
  }
}
