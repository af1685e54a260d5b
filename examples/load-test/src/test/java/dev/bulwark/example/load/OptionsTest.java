/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.example.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OptionsTest {
  @Test
  void parse_noArguments_givesTheFullRunsDefaults() {
    Options o = Options.parse();

    assertThat(o.scenarios()).containsExactly(Scenario.values());
    assertThat(o.p99BoundNanos()).isEqualTo(2_400_000);
    assertThat(o.inProcess()).isFalse();
    assertThat(o.sustained()).isEqualTo(Duration.ZERO);
  }

  @Test
  void parse_quickThenAnOption_theOptionWins() {
    Options o = Options.parse("--step-duration", "3s", "--quick");

    assertThat(o.stepDuration()).isEqualTo(Duration.ofSeconds(3));
    assertThat(o.warmup()).isEqualTo(Duration.ofMillis(300));
  }

  @Test
  void parse_scenarioLetters_namesThem() {
    assertThat(Options.parse("--scenarios", "c,e", "--sustained", "10m").scenarios())
        .containsExactly(Scenario.JWT_AUTHORIZED, Scenario.RS256_UNCACHED);
  }

  @Test
  void parse_unknownOption_throwsNamingIt() {
    assertThatThrownBy(() -> Options.parse("--rate", "5"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--rate");
  }

  @Test
  void parse_badDuration_throwsNamingTheOption() {
    assertThatThrownBy(() -> Options.parse("--warmup", "soon"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--warmup");
  }

  @Test
  void parse_unknownScenario_throwsNamingIt() {
    assertThatThrownBy(() -> Options.parse("--scenarios", "a,z"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"z\"");
  }
}
