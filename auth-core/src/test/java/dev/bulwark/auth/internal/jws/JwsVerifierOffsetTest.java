/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.internal.jws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.auth.FailureReason;
import dev.bulwark.auth.internal.Refusal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * {@link JwsVerifier#parse(byte[], int, int)}, which the engine calls on the whole {@code
 * Authorization} header's bytes with the token's offset: the bytes before it must play no part.
 */
class JwsVerifierOffsetTest {
  private static final String TOKEN =
      b64("{\"alg\":\"HS256\",\"kid\":\"k1\"}")
          + "."
          + b64("{\"sub\":\"alice\"}")
          + "."
          + b64("0123456789abcdef0123456789abcdef");

  private static String b64(String s) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  @Test
  void parse_tokenAfterAPrefix_givesWhatTheTokenAloneGives() throws Refusal {
    JwsVerifier.Parsed alone = JwsVerifier.parse(ascii(TOKEN), 16);
    JwsVerifier.Parsed shifted = JwsVerifier.parse(ascii("Bearer  " + TOKEN), 8, 16);
    assertThat(shifted.header()).isEqualTo(alone.header());
    assertThat(shifted.payload()).isEqualTo(alone.payload());
    assertThat(shifted.signature).isEqualTo(alone.signature);
    // The signing input is the same bytes, found at the offset.
    assertThat(
            new String(
                shifted.token,
                shifted.tokenStart,
                shifted.signingInputEnd - shifted.tokenStart,
                StandardCharsets.ISO_8859_1))
        .isEqualTo(TOKEN.substring(0, TOKEN.lastIndexOf('.')));
  }

  @Test
  void parse_emptyHeaderRightAtTheOffset_refusedAsMalformed() {
    String token = "." + TOKEN.substring(TOKEN.indexOf('.') + 1);
    assertThatThrownBy(() -> JwsVerifier.parse(ascii("Bearer " + token), 7, 16))
        .isInstanceOfSatisfying(
            Refusal.class, r -> assertThat(r.reason()).isEqualTo(FailureReason.MALFORMED));
  }

  @Test
  void parse_dotsInThePrefix_areNotCountedAsSegments() throws Refusal {
    // A prefix with two dots would make a five-segment JWE of the whole array.
    JwsVerifier.Parsed p = JwsVerifier.parse(ascii("a.b." + TOKEN), 4, 16);
    assertThat(p.kid()).isEqualTo("k1");
  }
}
