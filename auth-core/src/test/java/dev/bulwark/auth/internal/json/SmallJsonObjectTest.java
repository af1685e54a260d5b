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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The JSON objects {@link StrictJson} builds: small ones as {@link SmallJsonObject}, larger ones as
 * a {@code LinkedHashMap}, both behaving as the same unmodifiable map.
 */
class SmallJsonObjectTest {

  private static Map<String, Object> parse(String json) throws Refusal {
    return StrictJson.parseObject(json.getBytes(StandardCharsets.UTF_8), 16, 1 << 20);
  }

  /** {"m0":0,"m1":1,...} with {@code count} members, and {@code extra} appended verbatim. */
  private static String members(int count, String extra) {
    StringBuilder sb = new StringBuilder("{");
    for (int i = 0; i < count; i++) {
      sb.append(i == 0 ? "" : ",").append("\"m").append(i).append("\":").append(i);
    }
    return sb.append(extra).append('}').toString();
  }

  @Test
  void parse_smallObject_equalsALinkedHashMapWithTheSameMembers() throws Refusal {
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("iss", "x");
    expected.put("n", null);
    expected.put("exp", 5L);
    Map<String, Object> m = parse("{\"iss\":\"x\",\"n\":null,\"exp\":5}");
    assertThat(m).isInstanceOf(SmallJsonObject.class).isEqualTo(expected);
    assertThat(m.hashCode()).isEqualTo(expected.hashCode());
  }

  @Test
  void parse_smallObject_iteratesInDocumentOrder() throws Refusal {
    assertThat(new ArrayList<>(parse("{\"z\":1,\"a\":2,\"m\":3,\"b\":4}").keySet()))
        .containsExactly("z", "a", "m", "b");
  }

  @Test
  void parse_objectBeyondTheSmallLimit_keepsEveryMemberInDocumentOrder() throws Refusal {
    Map<String, Object> m = parse(members(40, ""));
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      expected.add("m" + i);
    }
    assertThat(new ArrayList<>(m.keySet())).isEqualTo(expected);
    assertThat(m.get("m39")).isEqualTo(39L);
  }

  @Test
  void parse_duplicateOfAnEarlyMemberBeyondTheSmallLimit_refusedAsMalformed() {
    // m1 was stored in the arrays, its duplicate arrives after the switch to the hash map.
    assertThatThrownBy(() -> parse(members(30, ",\"m1\":7")))
        .isInstanceOfSatisfying(
            Refusal.class, r -> assertThat(r.reason()).isEqualTo(FailureReason.MALFORMED));
  }

  @Test
  void parse_duplicateAsTheLastMemberThatFitsTheArrays_refusedAsMalformed() {
    assertThatThrownBy(() -> parse(members(SmallJsonObject.MAX_MEMBERS - 1, ",\"m0\":7")))
        .isInstanceOfSatisfying(
            Refusal.class, r -> assertThat(r.reason()).isEqualTo(FailureReason.MALFORMED));
  }

  @Test
  void parse_smallObjectLookupOfNullOrNonString_findsNothing() throws Refusal {
    Map<String, Object> m = parse("{\"a\":1}");
    assertThat(m.get(null)).isNull();
    assertThat(m.containsKey(null)).isFalse();
    assertThat(m.get(1)).isNull();
    assertThat(parse("{}").get(null)).isNull();
  }

  @Test
  void parse_smallObjectViews_areUnmodifiable() throws Refusal {
    Map<String, Object> m = parse("{\"a\":1,\"b\":2}");
    assertThatThrownBy(() -> m.remove("a")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> m.keySet().remove("a"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> m.values().clear()).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> m.entrySet().iterator().next().setValue(3))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(m).containsEntry("a", 1L).containsEntry("b", 2L);
  }
}
