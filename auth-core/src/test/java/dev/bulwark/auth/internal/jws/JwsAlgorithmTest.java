/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.internal.jws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JwsAlgorithmTest {

  @ParameterizedTest
  @ValueSource(strings = {"none", "NONE", "None", "nOnE"})
  void isNone_anyLetterCaseOfNone_isTrue(String name) {
    assertThat(JwsAlgorithm.isNone(name)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "non", "nonee", " none", "none ", "n\u00f3ne", "\u0130none", "HS256"})
  void isNone_anyOtherName_isFalse(String name) {
    assertThat(JwsAlgorithm.isNone(name)).isFalse();
  }
}
