/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.internal.jws;

import dev.bulwark.auth.FailureReason;
import dev.bulwark.auth.internal.Refusal;

/**
 * Strict base64url decoding of JWS segments (RFC 7515 section 2, RFC 4648 section 5). Stateless and
 * thread-safe. Named apart from bulwark-simd's {@code Base64Url}, whose decoder it wraps.
 *
 * <p>The JWS layer's entry to bulwark-simd's decoder: it turns a refusal into the engine's {@code
 * MALFORMED} failure. Only the canonical encoding of each byte string is accepted: no padding, no
 * character outside the alphabet, no length that leaves one dangling character, and the unused low
 * bits of the last character must be zero. {@code java.util.Base64} accepts non-canonical trailing
 * bits, which would let one signed token have several spellings (a cache and a revocation list
 * keyed by the token text would then disagree with the signature).
 */
public final class JwsBase64Url {
  private JwsBase64Url() {}

  /**
   * Decodes {@code in[from, to)}, ASCII bytes, with bulwark-simd's strict decoder (the vector
   * kernel where the JVM has it), which refuses exactly what this class's rules refuse.
   *
   * @throws Refusal {@code MALFORMED} naming {@code what} and the fault (an offset and its kind,
   *     never the text) if the text is not canonical base64url
   */
  public static byte[] decode(byte[] in, int from, int to, String what) throws Refusal {
    byte[] out = dev.bulwark.simd.Base64Url.decodeOrNull(in, from, to - from);
    if (out == null) {
      throw new Refusal(
          FailureReason.MALFORMED,
          what
              + " is not canonical base64url: "
              + dev.bulwark.simd.Base64Url.describeFault(in, from, to - from));
    }
    return out;
  }
}
