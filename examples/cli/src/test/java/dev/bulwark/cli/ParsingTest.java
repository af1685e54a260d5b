/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The hand-written pieces: options, durations, JSON strings. */
class ParsingTest {

  @Test
  void args_equalsForm_readsValue() throws Exception {
    Args a = Args.parse("c", List.of("--issuer=https://x", "tok"), Set.of("--issuer"), Set.of());
    assertThat(a.get("--issuer")).isEqualTo("https://x");
    assertThat(a.positionals()).containsExactly("tok");
  }

  @Test
  void args_doubleDash_endsOptions() throws Exception {
    Args a = Args.parse("c", List.of("--", "--not-an-option"), Set.of(), Set.of());
    assertThat(a.positionals()).containsExactly("--not-an-option");
  }

  @Test
  void args_repeatable_keepsOrder() throws Exception {
    Args a = Args.parse("c", List.of("--scope", "a", "--scope", "b"), Set.of(), Set.of("--scope"));
    assertThat(a.all("--scope")).containsExactly("a", "b");
  }

  @Test
  void args_optionWithoutValue_throwsNamingIt() {
    assertThatThrownBy(() -> Args.parse("c", List.of("--issuer"), Set.of("--issuer"), Set.of()))
        .isInstanceOf(UsageException.class)
        .hasMessage("option --issuer needs a value");
  }

  @Test
  void args_strayPositional_isNotEchoed() throws Exception {
    Args a = Args.parse("c", List.of("one", "secret-looking-value"), Set.of(), Set.of());
    assertThatThrownBy(() -> a.expectPositionals("c", "TOKEN"))
        .isInstanceOf(UsageException.class)
        .hasMessageNotContaining("secret-looking-value")
        .hasMessageContaining("20-character value");
  }

  @Test
  void durations_everyShortFormAndIso_parsesToTheDuration() throws Exception {
    assertThat(Durations.parse("--ttl", "250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(Durations.parse("--ttl", "30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(Durations.parse("--ttl", "5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(Durations.parse("--ttl", "12h")).isEqualTo(Duration.ofHours(12));
    assertThat(Durations.parse("--ttl", "90d")).isEqualTo(Duration.ofDays(90));
    assertThat(Durations.parse("--ttl", "PT1M30S")).isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void durations_negativeIso_throwsNamingOptionAndValue() {
    assertThatThrownBy(() -> Durations.parse("--clock-skew", "PT-5S"))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("--clock-skew")
        .hasMessageContaining("'PT-5S'");
  }

  @Test
  void durations_unitMissing_throws() {
    assertThatThrownBy(() -> Durations.parse("--ttl", "30"))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("'30'");
  }

  @Test
  void json_everyControlCharacterAndSeparator_roundTripsThroughAJsonParser() throws Exception {
    StringBuilder all = new StringBuilder();
    for (char c = 0; c < 0x80; c++) {
      all.append(c);
    }
    all.append("\u2028\u2029é😀");
    String line = new Json().put("s", all.toString()).toString();
    assertThat(line).doesNotContain("\n", "\r", "\u2028", "\u2029");
    assertThat(JSONObjectUtils.parse(line).get("s")).isEqualTo(all.toString());
  }
}
