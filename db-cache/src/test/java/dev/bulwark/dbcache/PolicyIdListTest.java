/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.dbcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.dbcache.internal.PolicyIdList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyIdListTest {

  @Test
  void join_noIds_isNull() {
    assertThat(PolicyIdList.join(List.of())).isNull();
  }

  @Test
  void join_plainIds_joinedWithCommas() {
    assertThat(PolicyIdList.join(List.of("a", "policy0"))).isEqualTo("a,policy0");
  }

  @Test
  void join_idsWithCommasAndBackslashes_escapesThem() {
    assertThat(PolicyIdList.join(List.of("a,b", "c\\"))).isEqualTo("a\\,b,c\\\\");
  }

  /** Without the escape, an id holding a comma would read back as two policies. */
  @Test
  void split_ofJoin_givesTheSameIds() {
    List<String> ids = List.of("a,b", "", "c\\", "\\,", ",", "plain");
    assertThat(PolicyIdList.split(PolicyIdList.join(ids))).isEqualTo(ids);
  }

  @Test
  void split_null_isEmpty() {
    assertThat(PolicyIdList.split(null)).isEmpty();
  }

  @Test
  void split_oneEmptyId_isOneEmptyId() {
    assertThat(PolicyIdList.split(PolicyIdList.join(List.of("")))).containsExactly("");
  }

  @Test
  void split_trailingLoneBackslash_throwsIllegalArgumentException() {
    assertThatThrownBy(() -> PolicyIdList.split("a\\"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("index 1");
  }
}
