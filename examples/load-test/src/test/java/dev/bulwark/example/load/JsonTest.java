/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.example.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  void write_nestedValues_keepsOrderAndIndents() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("b", 1);
    m.put("a", List.of(true, "x"));
    m.put("c", Arrays.asList((Object) null));
    m.put("d", Map.of());

    assertThat(Json.write(m))
        .isEqualTo(
            "{\n  \"b\": 1,\n  \"a\": [\n    true,\n    \"x\"\n  ],\n  \"c\": [\n    null\n  ],\n"
                + "  \"d\": {}\n}\n");
  }

  @Test
  void write_stringWithQuotesAndControls_escapesThem() {
    assertThat(Json.write("a\"b\\c\nd\u0001")).isEqualTo("\"a\\\"b\\\\c\\nd\\u0001\"\n");
  }

  @Test
  void write_doubles_roundsToThreeDecimalsAndWritesNotFiniteAsNull() {
    assertThat(Json.write(List.of(1.23456, 2.0, Double.NaN, Double.POSITIVE_INFINITY)))
        .isEqualTo("[\n  1.235,\n  2,\n  null,\n  null\n]\n");
  }

  @Test
  void write_otherType_throwsNamingIt() {
    assertThatThrownBy(() -> Json.write(new Object()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("java.lang.Object");
  }

  @Test
  void stepJson_holdsRatesPercentilesAndCpuPerRequest() {
    String json = Json.write(LoadTest.stepJson(RateSearchTest.fake(1000, 1_500_000, 0)));

    assertThat(json)
        .contains(
            "\"rate_offered\": 1000",
            "\"recorded\": 100",
            "\"errors\": 0",
            "\"p99_ms\": 1.5",
            "\"server_cpu_us_per_request\": null",
            "\"generator_cpu_us_per_request\": 0");
  }
}
