/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.internal.jws;

import dev.bulwark.auth.FailureReason;
import dev.bulwark.auth.internal.Refusal;

/**
 * Strict base64url decoding (RFC 7515 section 2, RFC 4648 section 5). Stateless and thread-safe.
 *
 * <p>Only the canonical encoding of each byte string is accepted: no padding, no character outside
 * the alphabet, no length that leaves one dangling character, and the unused low bits of the last
 * character must be zero. {@code java.util.Base64} accepts non-canonical trailing bits, which would
 * let one signed token have several spellings (a cache and a revocation list keyed by the token
 * text would then disagree with the signature).
 */
public final class Base64Url {
  private static final byte[] DECODE = new byte[128];

  static {
    java.util.Arrays.fill(DECODE, (byte) -1);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    for (int i = 0; i < alphabet.length(); i++) {
      DECODE[alphabet.charAt(i)] = (byte) i;
    }
  }

  private Base64Url() {}

  /** Returns whether {@code c} is in the base64url alphabet. */
  public static boolean isAlphabet(int c) {
    return c >= 0 && c < 128 && DECODE[c] >= 0;
  }

  /**
   * Decodes {@code in[from, to)}, ASCII bytes.
   *
   * @throws Refusal {@code MALFORMED} naming {@code what} if the text is not canonical base64url
   */
  public static byte[] decode(byte[] in, int from, int to, String what) throws Refusal {
    int len = to - from;
    int rem = len & 3;
    if (rem == 1) {
      throw new Refusal(FailureReason.MALFORMED, what + " is not valid base64url (length)");
    }
    byte[] out = new byte[(len >> 2) * 3 + (rem == 0 ? 0 : rem - 1)];
    int o = 0;
    int i = from;
    int full = from + (len - rem);
    while (i < full) {
      int v = (sextet(in[i], what) << 18) | (sextet(in[i + 1], what) << 12)
          | (sextet(in[i + 2], what) << 6) | sextet(in[i + 3], what);
      out[o++] = (byte) (v >> 16);
      out[o++] = (byte) (v >> 8);
      out[o++] = (byte) v;
      i += 4;
    }
    if (rem == 2) {
      int a = sextet(in[i], what);
      int b = sextet(in[i + 1], what);
      if ((b & 0x0F) != 0) {
        throw new Refusal(FailureReason.MALFORMED, what + " is not canonical base64url");
      }
      out[o] = (byte) ((a << 2) | (b >> 4));
    } else if (rem == 3) {
      int a = sextet(in[i], what);
      int b = sextet(in[i + 1], what);
      int c = sextet(in[i + 2], what);
      if ((c & 0x03) != 0) {
        throw new Refusal(FailureReason.MALFORMED, what + " is not canonical base64url");
      }
      out[o++] = (byte) ((a << 2) | (b >> 4));
      out[o] = (byte) ((b << 4) | (c >> 2));
    }
    return out;
  }

  private static int sextet(byte c, String what) throws Refusal {
    int v = c < 0 ? -1 : DECODE[c];
    if (v < 0) {
      throw new Refusal(FailureReason.MALFORMED, what + " is not valid base64url (character)");
    }
    return v;
  }
}
