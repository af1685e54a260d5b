/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.simd;

import dev.bulwark.simd.internal.KernelsProvider;
import dev.bulwark.simd.internal.ScalarBase64;
import java.util.Objects;

/**
 * Strict base64url validation and decoding as JWS needs it (RFC 4648 section 5, RFC 7515 section
 * 2); stateless and thread-safe.
 *
 * <p>Only canonical unpadded input is accepted: the 64 characters {@code A-Z a-z 0-9 - _}, no
 * {@code =}, no whitespace, no length of 1 modulo 4, and zero unused bits in the last character (so
 * that each byte string has exactly one encoding). Anything else is {@link #MALFORMED}, which a JWS
 * parser maps to its own "malformed" outcome. The decoding methods return a count and never throw
 * for bad input; only bad ranges (programming errors) throw.
 */
public final class Base64Url {

  /**
   * Returned by the decoding methods instead of a byte count when the input is not canonical
   * unpadded base64url. It is negative, so it can never be mistaken for a length.
   */
  public static final int MALFORMED = ScalarBase64.MALFORMED;

  private Base64Url() {}

  /**
   * Number of bytes {@code encodedLength} characters decode to, or {@link #MALFORMED} when no
   * canonical input has that length (negative, or 1 modulo 4). Use it to size the destination.
   */
  public static int decodedLength(int encodedLength) {
    return ScalarBase64.decodedLength(encodedLength);
  }

  /**
   * Decodes {@code src[off, off + len)} into {@code dst} from {@code dstOff}.
   *
   * @return the number of bytes written, or {@link #MALFORMED}; after {@code MALFORMED} the bytes
   *     of {@code dst} in the destination range are unspecified
   * @throws IndexOutOfBoundsException if the source range is not inside {@code src}, or the input
   *     has a valid length and {@code dst} has no room for {@code decodedLength(len)} bytes
   */
  public static int decode(byte[] src, int off, int len, byte[] dst, int dstOff) {
    Objects.checkFromIndexSize(off, len, src.length);
    int out = decodedLength(len);
    if (out < 0) {
      return MALFORMED;
    }
    Objects.checkFromIndexSize(dstOff, out, dst.length);
    return KernelsProvider.get().decodeBase64Url(src, off, len, dst, dstOff);
  }

  /**
   * Decodes {@code src[off, off + len)} into a new array, or returns {@code null} when it is not
   * canonical unpadded base64url.
   *
   * @throws IndexOutOfBoundsException if the range is not inside {@code src}
   */
  public static byte[] decodeOrNull(byte[] src, int off, int len) {
    Objects.checkFromIndexSize(off, len, src.length);
    int out = decodedLength(len);
    if (out < 0) {
      return null;
    }
    byte[] dst = new byte[out];
    return KernelsProvider.get().decodeBase64Url(src, off, len, dst, 0) == out ? dst : null;
  }

  /** Whether {@code src[off, off + len)} is canonical unpadded base64url. */
  public static boolean isValid(byte[] src, int off, int len) {
    Objects.checkFromIndexSize(off, len, src.length);
    return ScalarBase64.describeFault(src, off, len) == null;
  }

  /**
   * Says what is wrong with {@code src[off, off + len)}, for an error message or a log, without
   * quoting any of it (it may be part of a credential): the offset and the kind of fault, for
   * example {@code "byte at offset 17 is not in the base64url alphabet"}; {@code null} if valid.
   */
  public static String describeFault(byte[] src, int off, int len) {
    Objects.checkFromIndexSize(off, len, src.length);
    return ScalarBase64.describeFault(src, off, len);
  }
}
