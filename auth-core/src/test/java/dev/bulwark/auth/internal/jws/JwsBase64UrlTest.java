/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.internal.jws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.auth.internal.Refusal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JwsBase64UrlTest {

  private static byte[] decode(String s) throws Refusal {
    byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
    return JwsBase64Url.decode(b, 0, b.length, "test");
  }

  @Test
  void decode_canonicalEncodingOfEveryLength_roundTrips() throws Refusal {
    Random random = new Random(7);
    for (int len = 0; len <= 70; len++) {
      byte[] data = new byte[len];
      random.nextBytes(data);
      String enc = Base64.getUrlEncoder().withoutPadding().encodeToString(data);
      assertThat(decode(enc)).as("length " + len).isEqualTo(data);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "QQ==",
        "QUI=",
        "QR",
        "QUJ",
        "Q",
        "QUJDR",
        "QU+D",
        "QU/D",
        "QU D",
        "QU\u00e9D",
        "QU.D"
      })
  void decode_nonCanonicalOrOutsideAlphabet_refused(String s) {
    assertThatThrownBy(() -> decode(s)).isInstanceOf(Refusal.class);
  }
}
