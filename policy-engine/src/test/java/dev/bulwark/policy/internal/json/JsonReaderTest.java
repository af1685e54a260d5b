/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.policy.PolicyParseException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonReaderTest {

  @Test
  void parse_document_yieldsMapsListsAndLongs() throws PolicyParseException {
    Object v = JsonReader.parse("{\"a\": [1, true, \"x\\u0041\\n\"], \"b\": null}");
    assertThat(v).isEqualTo(Map.of("a", List.of(1L, true, "xA\n"), "b", JsonReader.NULL));
  }

  @Test
  void parse_nonIntegerNumber_isBigDecimal() throws PolicyParseException {
    assertThat(JsonReader.parse("1.5e3")).isEqualTo(new BigDecimal("1.5e3"));
  }

  @Test
  void parse_exponentBeyondIntRange_isRejectedAsOutOfRange() {
    assertThatThrownBy(() -> JsonReader.parse("[1E12345678901]"))
        .isInstanceOf(PolicyParseException.class)
        .hasMessageContaining("number out of range")
        .hasMessageContaining("column 2");
  }

  @Test
  void parse_duplicateKey_isRejectedWithPosition() {
    assertThatThrownBy(() -> JsonReader.parse("{\"a\": 1,\n \"a\": 2}"))
        .isInstanceOf(PolicyParseException.class)
        .hasMessageContaining("line 2, column 2")
        .hasMessageContaining("duplicate key");
  }

  @Test
  void parse_trailingText_isRejected() {
    assertThatThrownBy(() -> JsonReader.parse("[1] x"))
        .isInstanceOf(PolicyParseException.class)
        .hasMessageContaining("column 5");
  }

  @Test
  void parse_unterminatedString_isRejected() {
    assertThatThrownBy(() -> JsonReader.parse("[\"abc"))
        .isInstanceOf(PolicyParseException.class)
        .hasMessageContaining("unterminated");
  }

  @Test
  void parse_leadingZero_isRejected() {
    assertThatThrownBy(() -> JsonReader.parse("012")).isInstanceOf(PolicyParseException.class);
  }

  @Test
  void parse_100000NestedArrays_failsCleanlyWithoutStackOverflow() {
    String deep = "[".repeat(100_000) + "]".repeat(100_000);
    assertThatThrownBy(() -> JsonReader.parse(deep))
        .isInstanceOf(PolicyParseException.class)
        .hasMessageContaining("nesting deeper");
  }

  @Test
  void parse_inputOverLimit_isRejectedBeforeParsing() {
    assertThatThrownBy(() -> JsonReader.parse("[1, 2, 3]", 10, 4))
        .isInstanceOf(PolicyParseException.class)
        .hasMessageContaining("exceeds the limit");
  }

  @Test
  void parse_surrogatePairEscape_isDecoded() throws PolicyParseException {
    assertThat(JsonReader.parse("\"\\ud83d\\ude00\"")).isEqualTo("\ud83d\ude00");
  }

  @Test
  void parse_loneSurrogateEscape_isRejected() {
    assertThatThrownBy(() -> JsonReader.parse("\"a\\ud83d b\""))
        .isInstanceOf(PolicyParseException.class)
        .hasMessageContaining("surrogate");
  }
}
