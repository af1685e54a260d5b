/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.simd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Base64UrlTest {

  private static final String ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static int decode(String s) {
    byte[] src = ascii(s);
    return Base64Url.decode(src, 0, src.length, new byte[src.length], 0);
  }

  @Test
  void decode_randomInputs_matchJdkUrlDecoder() {
    SplittableRandom random = new SplittableRandom(41);
    for (int n = 0; n < 2000; n++) {
      byte[] raw = new byte[n];
      random.nextBytes(raw);
      byte[] text = Base64.getUrlEncoder().withoutPadding().encode(raw);
      assertThat(Base64Url.decodeOrNull(text, 0, text.length))
          .as("length %d", n)
          .isEqualTo(Base64.getUrlDecoder().decode(text));
    }
  }

  @Test
  void decode_rfc4648TestVectors_decoded() {
    // RFC 4648 section 10, without padding.
    String[][] vectors = {
      {"", ""},
      {"Zg", "f"},
      {"Zm8", "fo"},
      {"Zm9v", "foo"},
      {"Zm9vYg", "foob"},
      {"Zm9vYmE", "fooba"},
      {"Zm9vYmFy", "foobar"}
    };
    for (String[] v : vectors) {
      byte[] src = ascii(v[0]);
      assertThat(Base64Url.decodeOrNull(src, 0, src.length)).as(v[0]).isEqualTo(ascii(v[1]));
    }
  }

  @Test
  void decode_padding_malformed() {
    assertThat(decode("Zg==")).isEqualTo(Base64Url.MALFORMED);
    assertThat(decode("Zm8=")).isEqualTo(Base64Url.MALFORMED);
  }

  @Test
  void decode_standardAlphabetPlusAndSlash_malformed() {
    assertThat(decode("ab+c")).isEqualTo(Base64Url.MALFORMED);
    assertThat(decode("ab/c")).isEqualTo(Base64Url.MALFORMED);
  }

  @Test
  void decode_everyByteOutsideAlphabetInEveryBlockPosition_malformed() {
    byte[] base = ascii("eyJhbGciOiJSUzI1NiIsImtpZCI6IjEyMyJ9eyJhbGciOiJSUzI1NiIsImtpZCI6IjEyMyJ9");
    for (int b = 0; b < 256; b++) {
      if (ALPHABET.indexOf(b) >= 0) {
        continue;
      }
      for (int at : new int[] {0, 5, 31, 32, 40, base.length - 2}) {
        byte[] src = base.clone();
        src[at] = (byte) b;
        assertThat(Base64Url.decode(src, 0, src.length, new byte[src.length], 0))
            .as("byte 0x%02x at %d", b, at)
            .isEqualTo(Base64Url.MALFORMED);
      }
    }
  }

  @Test
  void decode_lengthOneModuloFour_malformed() {
    assertThat(decode("A")).isEqualTo(Base64Url.MALFORMED);
    assertThat(decode("AAAAA")).isEqualTo(Base64Url.MALFORMED);
    assertThat(Base64Url.decodedLength(5)).isEqualTo(Base64Url.MALFORMED);
  }

  @Test
  void decode_nonCanonicalTrailingBits_malformed() {
    // "Zg" is the only encoding of "f"; "Zh".."Zv" carry non-zero unused bits and decode to "f"
    // in lenient decoders. Likewise "Zm8" for "fo" and "Zm9".."Zm/" variants.
    assertThat(decode("Zg")).isEqualTo(1);
    for (char c : "hijklmnopqrstuv".toCharArray()) {
      assertThat(decode("Z" + c)).as("Z%s", c).isEqualTo(Base64Url.MALFORMED);
    }
    assertThat(decode("Zm8")).isEqualTo(2);
    for (char c : "9-_".toCharArray()) {
      assertThat(decode("Zm" + c)).as("Zm%s", c).isEqualTo(Base64Url.MALFORMED);
    }
    assertThat(
            decode("QUJDRA" + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAB"))
        .isEqualTo(Base64Url.MALFORMED);
  }

  @Test
  void decode_whitespace_malformed() {
    assertThat(decode("Zm9v\nYmFy")).isEqualTo(Base64Url.MALFORMED);
    assertThat(decode(" Zm9v")).isEqualTo(Base64Url.MALFORMED);
  }

  @Test
  void decode_destinationTooSmall_throwsIndexOutOfBounds() {
    byte[] src = ascii("Zm9vYmFy");
    assertThatThrownBy(() -> Base64Url.decode(src, 0, src.length, new byte[5], 0))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void describeFault_badByte_namesOffsetButNotTheContent() {
    byte[] src = ascii("c2VjcmV0LXRva2Vu!");
    assertThat(Base64Url.describeFault(src, 0, 16)).isNull();
    String fault = Base64Url.describeFault(ascii("c2VjcmV0LXRva2V!"), 0, 16);
    assertThat(fault).isEqualTo("byte at offset 15 is not in the base64url alphabet");
    assertThat(fault).doesNotContain("c2Vj").doesNotContain("!");
    assertThat(Base64Url.describeFault(ascii("Zh"), 0, 2)).contains("unused bits");
    assertThat(Base64Url.describeFault(ascii("Zg=="), 0, 4)).contains("padding");
    assertThat(Base64Url.isValid(ascii("Zh"), 0, 2)).isFalse();
    assertThat(Base64Url.isValid(ascii("Zg"), 0, 2)).isTrue();
  }
}
