/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.auth.FailureReason;
import dev.bulwark.auth.internal.Refusal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StrictJsonTest {

  private static Map<String, Object> parse(String json) throws Refusal {
    byte[] b = json.getBytes(StandardCharsets.UTF_8);
    return StrictJson.parseObject(b, 16, 1 << 20);
  }

  private static FailureReason refusal(String json) {
    try {
      parse(json);
    } catch (Refusal r) {
      return r.reason();
    }
    throw new AssertionError("accepted: " + json);
  }

  @Test
  void parse_allValueTypes_givesNimbusTypes() throws Refusal {
    Map<String, Object> m =
        parse(
            "{\"s\":\"x\",\"i\":42,\"n\":-7,\"d\":1.5,\"e\":1e3,"
                + "\"t\":true,\"f\":false,\"z\":null,\"a\":[1,\"b\"],\"o\":{\"k\":\"v\"},"
                + "\"big\":123456789012345678901}");
    assertThat(m.get("s")).isEqualTo("x");
    assertThat(m.get("i")).isEqualTo(42L);
    assertThat(m.get("n")).isEqualTo(-7L);
    assertThat(m.get("d")).isEqualTo(1.5d);
    assertThat(m.get("e")).isEqualTo(1000.0d);
    assertThat(m.get("t")).isEqualTo(true);
    assertThat(m.get("f")).isEqualTo(false);
    assertThat(m).containsKey("z");
    assertThat(m.get("z")).isNull();
    assertThat(m.get("a")).isEqualTo(List.of(1L, "b"));
    assertThat(m.get("o")).isEqualTo(Map.of("k", "v"));
    assertThat(m.get("big")).isEqualTo(1.2345678901234568e20d);
  }

  @Test
  void parse_escapesAndUtf8_decoded() throws Refusal {
    Map<String, Object> m =
        parse("{\"s\":\"a\\\"b\\\\c\\/d\\n\\u00e9\\ud83d\\ude00\",\"u\":\"é😀\"}");
    assertThat(m.get("s")).isEqualTo("a\"b\\c/d\né😀");
    assertThat(m.get("u")).isEqualTo("é😀");
  }

  @Test
  void parse_duplicateMember_refusedAsMalformed() {
    assertThat(refusal("{\"a\":1,\"a\":2}")).isEqualTo(FailureReason.MALFORMED);
  }

  @Test
  void parse_duplicateMemberSpelledWithEscape_refusedAsMalformed() {
    assertThat(refusal("{\"sub\":\"a\",\"s\\u0075b\":\"b\"}")).isEqualTo(FailureReason.MALFORMED);
  }

  @Test
  void parse_theFourWhitespaceBytesAroundEveryToken_accepted() throws Refusal {
    Map<String, Object> m =
        parse(" \t\n\r{ \t\n\r\"a\" \t\n\r: \t\n\r[ 1 ,\t2\n]\r,\"b\":{ } } \r\n");
    assertThat(m).isEqualTo(Map.of("a", List.of(1L, 2L), "b", Map.of()));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\u000b\"a\":1}",
        "{\"a\":\f1}",
        "{\"a\":1\u0000}",
        "{\"a\"\u00a0:1}",
        "{\"a\":1}\u0085"
      })
  void parse_otherBytesWhereWhitespaceMayGo_refusedAsMalformed(String json) {
    assertThat(refusal(json)).isEqualTo(FailureReason.MALFORMED);
  }

  @Test
  void parse_duplicateMemberWhoseFirstValueIsNull_refusedAsMalformed() {
    // Duplicates are found by the map's size after put, not by put's return value, which is null
    // both for a new name and for a name whose earlier value was null.
    assertThat(refusal("{\"jti\":null,\"jti\":\"x\"}")).isEqualTo(FailureReason.MALFORMED);
  }

  @Test
  void parse_namesCloseToSharedConstants_keptExactlyAsWritten() throws Refusal {
    // "iss", "alg" and "JWT" come out as shared constants; their neighbours must not.
    Map<String, Object> m =
        parse(
            "{\"is\":1,\"isss\":2,\"Iss\":3,\"iss\":4,\"alg\":5,"
                + "\"al\":6,\"algx\":7,\"jwt\":8,\"JWT\":9}");
    assertThat(m).containsOnlyKeys("is", "isss", "Iss", "iss", "alg", "al", "algx", "jwt", "JWT");
    assertThat(m.get("iss")).isEqualTo(4L);
    assertThat(m.get("Iss")).isEqualTo(3L);
    assertThat(m.get("jwt")).isEqualTo(8L);
  }

  @Test
  void parse_valuesEqualToSharedConstants_equalTheirText() throws Refusal {
    Map<String, Object> m =
        parse(
            "{\"typ\":\"JWT\",\"a\":\"RS256\",\"b\":\"RS25\","
                + "\"c\":\"rs256\",\"d\":\"at+jwt\"}");
    assertThat(m)
        .isEqualTo(Map.of("typ", "JWT", "a", "RS256", "b", "RS25", "c", "rs256", "d", "at+jwt"));
  }

  @Test
  void parse_duplicateMemberInNestedObject_refusedAsMalformed() {
    assertThat(refusal("{\"o\":{\"a\":1,\"a\":null}}")).isEqualTo(FailureReason.MALFORMED);
  }

  @Test
  void parse_depthAtLimit_accepted() throws Refusal {
    byte[] b = ("{\"a\":" + "[".repeat(3) + "]".repeat(3) + "}").getBytes(StandardCharsets.UTF_8);
    assertThat(StrictJson.parseObject(b, 4, 100)).containsKey("a");
  }

  @Test
  void parse_depthBeyondLimit_refusedAsTooLarge() {
    byte[] b = ("{\"a\":" + "[".repeat(4) + "]".repeat(4) + "}").getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> StrictJson.parseObject(b, 4, 100))
        .isInstanceOfSatisfying(
            Refusal.class, r -> assertThat(r.reason()).isEqualTo(FailureReason.TOO_LARGE));
  }

  @Test
  void parse_veryDeepNesting_refusedWithoutStackOverflow() {
    byte[] b = ("{\"a\":" + "[".repeat(100_000)).getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> StrictJson.parseObject(b, 16, b.length)).isInstanceOf(Refusal.class);
  }

  @Test
  void parse_longerThanSizeLimit_refusedAsTooLarge() {
    byte[] b = "{\"a\":\"xxxxxxxxxx\"}".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> StrictJson.parseObject(b, 16, 10))
        .isInstanceOfSatisfying(
            Refusal.class, r -> assertThat(r.reason()).isEqualTo(FailureReason.TOO_LARGE));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "[]",
        "\"s\"",
        "{",
        "{}x",
        "{} {}",
        "{\"a\":01}",
        "{\"a\":1.}",
        "{\"a\":.5}",
        "{\"a\":+1}",
        "{\"a\":1e}",
        "{'a':1}",
        "{\"a\":1,}",
        "{\"a\":[1,]}",
        "{\"a\":tru}",
        "{\"a\":\"\t\"}",
        "{a:1}",
        "{\"a\":\"\\x\"}",
        "{\"a\":\"\\u12G4\"}",
        "{\"a\":NaN}",
        "{\"a\":1 /* c */}",
        "{\"a\":\"unterminated}"
      })
  void parse_outsideTheGrammar_refusedAsMalformed(String json) {
    assertThat(refusal(json)).isEqualTo(FailureReason.MALFORMED);
  }

  @Test
  void parse_invalidUtf8_refusedAsMalformed() {
    byte[] b = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
    assertThatThrownBy(() -> StrictJson.parseObject(b, 16, 100))
        .isInstanceOfSatisfying(
            Refusal.class, r -> assertThat(r.reason()).isEqualTo(FailureReason.MALFORMED));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"a\":\"\\ud800\"}",
        "{\"a\":\"\\udc00\"}",
        "{\"a\":\"\\ud83dx\\ude00\"}",
        "{\"a\":\"\\ude00\\ud83d\"}",
        "{\"a\\ud800\":1}",
        "{\"a\":[\"\\udbff\"]}",
        "{\"a\":\"\\ud83d\\n\"}"
      })
  void parse_escapedUnpairedSurrogate_refusedAsMalformed(String json) {
    assertThat(refusal(json)).isEqualTo(FailureReason.MALFORMED);
  }

  @Test
  void parse_encodedSurrogateBytes_refusedAsMalformed() {
    // U+D800 in UTF-8's three-byte pattern (ED A0 80) is not UTF-8 (RFC 3629 section 3).
    byte[] b = {'{', '"', 'a', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'};
    assertThatThrownBy(() -> StrictJson.parseObject(b, 16, 100))
        .isInstanceOfSatisfying(
            Refusal.class, r -> assertThat(r.reason()).isEqualTo(FailureReason.MALFORMED));
  }

  @Test
  void parse_escapedSurrogatePairsBesideOtherEscapes_decoded() throws Refusal {
    Map<String, Object> m = parse("{\"s\":\"\\ud83d\\ude00\\n\\udbff\\udfff\"}");
    assertThat(m.get("s")).isEqualTo("\ud83d\ude00\n\udbff\udfff");
  }

  @Test
  @SuppressWarnings("unchecked")
  void parse_result_isUnmodifiable() throws Refusal {
    Map<String, Object> m = parse("{\"a\":[1]}");
    assertThatThrownBy(() -> m.put("b", 1)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> ((List<Object>) m.get("a")).add(2))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
