/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.simd.internal;

/**
 * Strict base64url decoding (RFC 4648 section 5) in plain Java; stateless and thread-safe.
 *
 * <p>Strict means what JWS needs (RFC 7515 section 2): no padding, no whitespace, only the 64
 * characters of the URL-safe alphabet, and canonical input only: the unused low bits of the last
 * character must be zero, and a length of 1 modulo 4 is impossible. Each of these yields {@link
 * #MALFORMED}. The contents of the destination after a {@code MALFORMED} result are unspecified.
 */
public final class ScalarBase64 {

  /** Returned instead of a length when the input is not canonical unpadded base64url. */
  public static final int MALFORMED = -1;

  /** Sextet value of each byte, or -1 for a byte outside the alphabet. */
  private static final byte[] VALUES = new byte[256];

  static {
    java.util.Arrays.fill(VALUES, (byte) -1);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    for (int i = 0; i < alphabet.length(); i++) {
      VALUES[alphabet.charAt(i)] = (byte) i;
    }
  }

  private ScalarBase64() {}

  /**
   * Number of bytes that {@code encodedLength} characters decode to, or {@link #MALFORMED} when no
   * canonical unpadded input has that length (1 modulo 4) or it is negative.
   */
  public static int decodedLength(int encodedLength) {
    if (encodedLength < 0 || (encodedLength & 3) == 1) {
      return MALFORMED;
    }
    return (encodedLength >>> 2) * 3 + ((encodedLength & 3) == 0 ? 0 : (encodedLength & 3) - 1);
  }

  private static int value(int b) {
    return VALUES[b & 0xFF];
  }

  /**
   * Decodes {@code src[i, end)} into {@code dst} from {@code dp}; returns the new {@code dp}, or
   * {@link #MALFORMED}. The caller has checked that {@code dst} has room. The vector kernels call
   * this for whatever their blocks leave over.
   */
  public static int decode(byte[] src, int i, int end, byte[] dst, int dp) {
    final int quadsEnd = end - ((end - i) & 3);
    int bad = 0;
    for (; i < quadsEnd; i += 4) {
      int v0 = value(src[i]),
          v1 = value(src[i + 1]),
          v2 = value(src[i + 2]),
          v3 = value(src[i + 3]);
      // NOTE: an invalid byte maps to -1; OR-ing keeps the loop free of per-byte branches.
      bad |= v0 | v1 | v2 | v3;
      int bits = v0 << 18 | v1 << 12 | v2 << 6 | v3;
      dst[dp] = (byte) (bits >>> 16);
      dst[dp + 1] = (byte) (bits >>> 8);
      dst[dp + 2] = (byte) bits;
      dp += 3;
    }
    if (bad < 0) {
      return MALFORMED;
    }
    int rem = end - i;
    if (rem == 2) {
      int v0 = value(src[i]), v1 = value(src[i + 1]);
      if ((v0 | v1) < 0 || (v1 & 0x0F) != 0) {
        return MALFORMED;
      }
      dst[dp++] = (byte) (v0 << 2 | v1 >>> 4);
    } else if (rem == 3) {
      int v0 = value(src[i]), v1 = value(src[i + 1]), v2 = value(src[i + 2]);
      if ((v0 | v1 | v2) < 0 || (v2 & 0x03) != 0) {
        return MALFORMED;
      }
      int bits = v0 << 12 | v1 << 6 | v2;
      dst[dp++] = (byte) (bits >>> 10);
      dst[dp++] = (byte) (bits >>> 2);
    } else if (rem == 1) {
      return MALFORMED;
    }
    return dp;
  }

  /**
   * Says what is wrong with {@code src[off, off + len)} without quoting it (it may be part of a
   * credential): the offset and the kind of fault, or {@code null} if it is valid.
   */
  public static String describeFault(byte[] src, int off, int len) {
    if ((len & 3) == 1) {
      return "base64url length " + len + " is 1 modulo 4, which no canonical encoding has";
    }
    for (int k = 0; k < len; k++) {
      int b = src[off + k] & 0xFF;
      if (VALUES[b] < 0) {
        return b == '='
            ? "base64url padding '=' at offset " + k + " is not allowed"
            : "byte at offset " + k + " is not in the base64url alphabet";
      }
    }
    int rem = len & 3;
    if (rem == 2 && (VALUES[src[off + len - 1] & 0xFF] & 0x0F) != 0
        || rem == 3 && (VALUES[src[off + len - 1] & 0xFF] & 0x03) != 0) {
      return "last base64url character at offset " + (len - 1) + " has non-zero unused bits";
    }
    return null;
  }
}
