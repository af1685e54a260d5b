/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.simd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.simd.internal.HashKey;
import dev.bulwark.simd.internal.Kernels;
import java.util.Base64;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The Vector API kernels against their scalar definition, bit for bit, at every length from 0 to
 * 4,096 and the odd lengths, on random contents at random (unaligned) offsets. Skipped when the JVM
 * cannot run the vector kernels (the build runs it under -Pvector).
 */
class VectorScalarEquivalenceTest {

  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

  @Test
  void hash_everyLengthRandomContents_vectorEqualsScalar() {
    Kernels vector = KernelsUnderTest.vector();
    Kernels scalar = KernelsUnderTest.scalar();
    SplittableRandom random = new SplittableRandom(1);
    HashKey key = HashKey.from(new java.util.Random(2));
    KernelsUnderTest.allLengths()
        .forEach(
            len -> {
              int off = random.nextInt(64);
              byte[] a = randomBytes(random, off + len + random.nextInt(64));
              assertThat(vector.hash(key, a, off, len))
                  .as("length %d offset %d", len, off)
                  .isEqualTo(scalar.hash(key, a, off, len));
            });
  }

  @Test
  void hash_fixedPatterns_vectorEqualsScalar() {
    Kernels vector = KernelsUnderTest.vector();
    Kernels scalar = KernelsUnderTest.scalar();
    HashKey key = HashKey.from(new java.util.Random(3));
    for (int len : KernelsUnderTest.ODD_LENGTHS) {
      for (byte fill : new byte[] {0, -1, (byte) 0x80, 0x55}) {
        byte[] a = new byte[len];
        java.util.Arrays.fill(a, fill);
        assertThat(vector.hash(key, a, 0, len))
            .as("length %d fill %d", len, fill)
            .isEqualTo(scalar.hash(key, a, 0, len));
      }
    }
  }

  @Test
  void equal_everyLengthEqualAndOneByteApart_vectorEqualsScalar() {
    Kernels vector = KernelsUnderTest.vector();
    Kernels scalar = KernelsUnderTest.scalar();
    SplittableRandom random = new SplittableRandom(4);
    KernelsUnderTest.allLengths()
        .forEach(
            len -> {
              byte[] a = randomBytes(random, len + 7);
              byte[] b = new byte[len + 3];
              System.arraycopy(a, 7, b, 3, len);
              assertThat(vector.equal(a, 7, b, 3, len)).as("equal, length %d", len).isTrue();
              assertThat(scalar.equal(a, 7, b, 3, len)).as("equal, length %d", len).isTrue();
              if (len > 0) {
                int at = random.nextInt(len);
                b[3 + at] ^= (byte) (1 << random.nextInt(8));
                assertThat(vector.equal(a, 7, b, 3, len))
                    .as("differ at %d, length %d", at, len)
                    .isFalse();
                assertThat(scalar.equal(a, 7, b, 3, len))
                    .as("differ at %d, length %d", at, len)
                    .isFalse();
              }
            });
  }

  @Test
  void decode_everyEncodedLengthValidInput_vectorEqualsScalarAndJdk() {
    for (Kernels vector : KernelsUnderTest.vectorDecoders()) {
      decodeValid(vector);
    }
  }

  private static void decodeValid(Kernels vector) {
    Kernels scalar = KernelsUnderTest.scalar();
    SplittableRandom random = new SplittableRandom(5);
    for (int n = 0; n <= 3072; n++) {
      byte[] raw = randomBytes(random, n);
      byte[] text = ENCODER.encode(raw);
      int off = random.nextInt(16);
      byte[] src = new byte[off + text.length];
      System.arraycopy(text, 0, src, off, text.length);
      byte[] v = new byte[n + 5];
      byte[] s = new byte[n + 5];
      assertThat(vector.decodeBase64Url(src, off, text.length, v, 5))
          .as("%s, decoded length %d", vector.name(), n)
          .isEqualTo(n);
      assertThat(scalar.decodeBase64Url(src, off, text.length, s, 5))
          .as("decoded length %d", n)
          .isEqualTo(n);
      assertThat(java.util.Arrays.copyOfRange(v, 5, 5 + n))
          .as("%s, decoded length %d", vector.name(), n)
          .isEqualTo(raw);
      assertThat(s).as("%s, decoded length %d", vector.name(), n).isEqualTo(v);
    }
  }

  @Test
  void decode_everyLengthOneBadByte_bothMalformed() {
    for (Kernels vector : KernelsUnderTest.vectorDecoders()) {
      decodeOneBadByte(vector);
    }
  }

  private static void decodeOneBadByte(Kernels vector) {
    Kernels scalar = KernelsUnderTest.scalar();
    SplittableRandom random = new SplittableRandom(6);
    byte[] bad = "=+/ .\n\u0000".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    for (int len = 1; len <= 4096; len++) {
      if ((len & 3) == 1) {
        continue;
      }
      byte[] text = ENCODER.encode(randomBytes(random, len * 3 / 4 + 2));
      byte[] src = java.util.Arrays.copyOf(text, len);
      // Keep the last character canonical, then spoil one byte anywhere.
      src[len - 1] = 'A';
      src[random.nextInt(len)] =
          random.nextBoolean()
              ? bad[random.nextInt(bad.length)]
              : (byte) (0x80 | random.nextInt(128));
      byte[] dst = new byte[len];
      assertThat(vector.decodeBase64Url(src, 0, len, dst, 0))
          .as("%s, length %d", vector.name(), len)
          .isEqualTo(-1);
      assertThat(scalar.decodeBase64Url(src, 0, len, dst, 0)).as("length %d", len).isEqualTo(-1);
    }
  }

  /**
   * The JDK 24+ lookup indexes a 128-entry table with each byte modulo 128, so a byte 128..255
   * lands on the entry of an alphabet character; only the sign-bit check rejects it. Every such
   * byte, at every position of the first two 64-character blocks and of the last block (the counted
   * loop and the overlapping tail), must make the input malformed. The input is long enough (1,088
   * characters) for the decoder to take that path.
   */
  @Test
  void decode_highBitTwinOfAlphabetCharacter_malformed() {
    byte[] alphabet =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
            .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    for (Kernels vector : KernelsUnderTest.vectorDecoders()) {
      for (int c = 0; c < 64; c++) {
        for (int pos = 0; pos < 1088; pos = pos == 127 ? 1024 : pos + 1) {
          byte[] src = new byte[1088];
          for (int i = 0; i < src.length; i++) {
            src[i] = alphabet[(i * 7 + c) & 63];
          }
          src[pos] = (byte) (alphabet[c] | 0x80);
          byte[] dst = new byte[816];
          assertThat(vector.decodeBase64Url(src, 0, src.length, dst, 0))
              .as("%s, byte 0x%02x at %d", vector.name(), src[pos] & 0xFF, pos)
              .isEqualTo(-1);
        }
      }
    }
  }

  @Test
  void decode_randomBytesEveryLength_vectorAndScalarAgree() {
    for (Kernels vector : KernelsUnderTest.vectorDecoders()) {
      decodeRandomBytes(vector);
    }
  }

  private static void decodeRandomBytes(Kernels vector) {
    Kernels scalar = KernelsUnderTest.scalar();
    SplittableRandom random = new SplittableRandom(7);
    byte[] alphabet =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
            .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    for (int len = 0; len <= 4096; len++) {
      byte[] src = new byte[len];
      for (int i = 0; i < len; i++) {
        // Mostly alphabet, so that the trailing-bit rule decides many cases.
        src[i] =
            random.nextInt(200) == 0 ? (byte) random.nextInt(256) : alphabet[random.nextInt(64)];
      }
      // Bytes past the output range must stay untouched: fill them with a canary.
      byte[] v = new byte[len + 40];
      byte[] s = new byte[len + 40];
      java.util.Arrays.fill(v, (byte) 0x5A);
      java.util.Arrays.fill(s, (byte) 0x5A);
      int rv = vector.decodeBase64Url(src, 0, len, v, 0);
      int rs = scalar.decodeBase64Url(src, 0, len, s, 0);
      assertThat(rv).as("%s, length %d", vector.name(), len).isEqualTo(rs);
      if (rs >= 0) {
        assertThat(v).as("%s, length %d", vector.name(), len).isEqualTo(s);
      }
    }
  }

  private static byte[] randomBytes(SplittableRandom random, int n) {
    byte[] a = new byte[n];
    random.nextBytes(a);
    return a;
  }
}
