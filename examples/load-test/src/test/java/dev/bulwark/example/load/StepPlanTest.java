/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.example.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class StepPlanTest {
  @Test
  void of_rateAndDurations_countsTheRequestsOfEach() {
    StepPlan p =
        StepPlan.of(1000, Duration.ofSeconds(2), Duration.ofSeconds(5), 1_000_000, Long.MAX_VALUE);

    assertThat(p.warmupRequests()).isEqualTo(2000);
    assertThat(p.measuredRequests()).isEqualTo(5000);
  }

  @Test
  void of_maxRequests_boundsTheMeasuredRequests() {
    StepPlan p =
        StepPlan.of(1000, Duration.ofSeconds(2), Duration.ofSeconds(5), 700, Long.MAX_VALUE);

    assertThat(p.measuredRequests()).isEqualTo(700);
  }

  @Test
  void of_maxTotal_boundsAllTheRequestsAndKeepsMostForTheMeasurement() {
    StepPlan p = StepPlan.of(10_000, Duration.ofSeconds(2), Duration.ofSeconds(5), 1_000_000, 9000);

    assertThat(p.totalRequests()).isEqualTo(9000);
    assertThat(p.warmupRequests()).isEqualTo(3000);
  }

  @Test
  void intendedOffset_farIntoTheStep_doesNotDrift() {
    StepPlan p = new StepPlan(3, 0, 10);

    // 3 a second: an added period of 333,333,333 ns would be 1 ns short each time.
    assertThat(p.intendedOffsetNanos(3_000_000)).isEqualTo(1_000_000_000_000_000L);
  }

  @Test
  void new_zeroRate_throwsNamingIt() {
    assertThatThrownBy(() -> new StepPlan(0, 0, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rate");
  }
}
