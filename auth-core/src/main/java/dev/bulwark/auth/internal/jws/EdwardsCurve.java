/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.internal.jws;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The two EdDSA curves (RFC 8032): the checks Bulwark makes on public keys and signatures beyond
 * what the JDK's {@code Signature} makes. Immutable and thread-safe.
 *
 * <p>The JDK verifies cofactorless ({@code [S]B == R + [k]A}) and accepts a public key of small
 * order. With the identity as key, {@code [k]A} is the identity for every message, so the signature
 * {@code R} = identity, {@code S} = 0 verifies everything; the other small-order keys forge the
 * same way with a small-order {@code R}. So:
 *
 * <ul>
 *   <li>At load time a public key is decoded in full (RFC 8032 sections 5.1.3 and 5.2.3) with
 *       {@link BigInteger} arithmetic and refused unless its encoding is canonical ({@code y < p},
 *       no sign bit on {@code x = 0}), it is a point of the curve, and {@code [h]A} is not the
 *       identity, {@code h} being the cofactor. Decoding proves smallness from the group law itself
 *       rather than from a list someone typed; it runs once per key.
 *   <li>At verification time, per token, no {@link BigInteger}: {@code S} must be below the group
 *       order {@code L} (a byte comparison; {@code S + L} would be a second spelling of one
 *       signature), and {@code R} must not be one of the encodings of a small-order point, a fixed
 *       list of {@code y} values compared with the sign bit masked, as libsodium does. The list
 *       holds every {@code y} of a small-order point and every non-canonical spelling {@code y + p}
 *       that fits the encoding, so that a decoder that reduces {@code y} modulo {@code p} is
 *       covered too; with the sign bit masked it also covers {@code x = 0} with a set sign bit.
 * </ul>
 */
enum EdwardsCurve {
  /** edwards25519: -x^2 + y^2 = 1 + d x^2 y^2, cofactor 8. */
  ED25519(
      "Ed25519",
      32,
      255,
      BigInteger.ONE.shiftLeft(255).subtract(BigInteger.valueOf(19)),
      BigInteger.valueOf(-1),
      BigInteger.valueOf(-121665),
      BigInteger.valueOf(121666),
      BigInteger.ONE.shiftLeft(252).add(new BigInteger("27742317777372353535851937790883648493")),
      3,
      // The y of the two points of order 8 with x even and odd; the others are p minus these.
      new BigInteger(
          "2707385501144840649318225287225658788936804267575313519463743609750303402022")),
  /** edwards448: x^2 + y^2 = 1 + d x^2 y^2, cofactor 4. */
  ED448(
      "Ed448",
      57,
      448,
      BigInteger.ONE
          .shiftLeft(448)
          .subtract(BigInteger.ONE.shiftLeft(224))
          .subtract(BigInteger.ONE),
      BigInteger.ONE,
      BigInteger.valueOf(-39081),
      BigInteger.ONE,
      BigInteger.ONE
          .shiftLeft(446)
          .subtract(
              new BigInteger(
                  "13818066809895115352007386748515426880336692474882178609894547503885")),
      2,
      null);

  private final String jcaName;
  private final int encodedLength;

  /** Bits of y a canonical encoding can use: the bits between them and the sign bit are zero. */
  private final int yBits;

  private final BigInteger p;
  private final BigInteger a;
  private final BigInteger d;
  private final BigInteger order;
  private final int cofactorLog2;

  /** L as a little-endian byte string of {@link #encodedLength} bytes, for the S check. */
  private final byte[] orderLittleEndian;

  /** Every encoding's first bytes (sign bit masked) that names a small-order point. */
  private final byte[][] smallOrderEncodings;

  EdwardsCurve(
      String jcaName,
      int encodedLength,
      int yBits,
      BigInteger p,
      BigInteger a,
      BigInteger dNumerator,
      BigInteger dDenominator,
      BigInteger order,
      int cofactorLog2,
      BigInteger order8Y) {
    this.jcaName = jcaName;
    this.encodedLength = encodedLength;
    this.yBits = yBits;
    this.p = p;
    this.a = a.mod(p);
    this.d = dNumerator.multiply(dDenominator.modInverse(p)).mod(p);
    this.order = order;
    this.cofactorLog2 = cofactorLog2;
    this.orderLittleEndian = littleEndian(order, encodedLength);
    // Small-order points: the identity (0, 1), order 2 (0, -1), order 4 (x, 0); on edwards25519
    // also order 8 with y = +-order8Y. Their y, plus y + p wherever that still fits the encoding
    // below 2^yBits (only for y < 2^yBits - p: 0 and 1 on both curves). Spellings with bits set
    // between bit yBits and the sign bit (Ed448 has seven) are refused as a whole by
    // hasZeroPadding.
    List<BigInteger> ys =
        new ArrayList<>(List.of(BigInteger.ZERO, BigInteger.ONE, p.subtract(BigInteger.ONE)));
    if (order8Y != null) {
      ys.add(order8Y);
      ys.add(p.subtract(order8Y));
    }
    BigInteger limit = BigInteger.ONE.shiftLeft(yBits);
    for (BigInteger y : List.copyOf(ys)) {
      if (y.add(p).compareTo(limit) < 0) {
        ys.add(y.add(p));
      }
    }
    this.smallOrderEncodings = new byte[ys.size()][];
    for (int i = 0; i < ys.size(); i++) {
      smallOrderEncodings[i] = littleEndian(ys.get(i), encodedLength);
    }
  }

  /** The curve named by a JWK {@code crv}, or {@code null}. */
  static EdwardsCurve byJwkName(String crv) {
    for (EdwardsCurve c : values()) {
      if (c.jcaName.equals(crv)) {
        return c;
      }
    }
    return null;
  }

  /** The JCA (and JWK {@code crv}) name: {@code Ed25519} or {@code Ed448}. */
  String jcaName() {
    return jcaName;
  }

  /** The length of a public key, of {@code R} and of {@code S}. */
  int encodedLength() {
    return encodedLength;
  }

  /** The length of a signature, {@code R || S}. */
  int signatureLength() {
    return 2 * encodedLength;
  }

  /** The prime order L of the base point. */
  BigInteger order() {
    return order;
  }

  /**
   * Why the public key {@code encoded} must be refused, or {@code null} if it is a canonically
   * encoded curve point that does not have small order. Load time only: {@link BigInteger}.
   */
  String publicKeyProblem(byte[] encoded) {
    if (encoded.length != encodedLength) {
      return "is " + encoded.length + " bytes, must be " + encodedLength;
    }
    BigInteger[] point = decode(encoded);
    if (point == null) {
      return "is not the canonical encoding of a point of " + jcaName;
    }
    int smallOrder = smallOrder(point);
    if (smallOrder != 0) {
      return "is a point of small order " + smallOrder + " (it would verify forged signatures)";
    }
    return null;
  }

  /**
   * Whether {@code signature}, of the right length, may go to the JCA: {@code S < L}, and {@code R}
   * is not a small-order point in any spelling. Per token: no allocation, no {@link BigInteger}.
   */
  boolean isAdmissible(byte[] signature) {
    return hasCanonicalS(signature) && hasZeroPadding(signature) && !hasSmallOrderR(signature);
  }

  /**
   * Whether the bits of {@code R} between {@code y} and the sign bit are zero (Ed448's last byte;
   * none on Ed25519): a set one makes {@code y >= p}, a spelling RFC 8032 refuses.
   */
  boolean hasZeroPadding(byte[] signature) {
    int unused = 8 * encodedLength - 1 - yBits;
    int mask = ((1 << unused) - 1) << (7 - unused);
    return (signature[encodedLength - 1] & mask) == 0;
  }

  /**
   * Whether {@code S}, the second half of {@code signature}, is below L (RFC 8032 sections 5.1.7
   * and 5.2.7), so that a signature has one spelling. The caller has checked the length.
   */
  boolean hasCanonicalS(byte[] signature) {
    int off = encodedLength;
    // Little-endian: compare from the most significant byte down; S is public, so the early exit
    // leaks nothing.
    for (int i = encodedLength - 1; i >= 0; i--) {
      int s = signature[off + i] & 0xFF;
      int l = orderLittleEndian[i] & 0xFF;
      if (s != l) {
        return s < l;
      }
    }
    return false; // S == L
  }

  /**
   * Whether {@code R}, the first half of {@code signature}, encodes a point of small order in any
   * spelling, canonical or not. The caller has checked the length.
   */
  boolean hasSmallOrderR(byte[] signature) {
    int last = encodedLength - 1;
    for (byte[] bad : smallOrderEncodings) {
      // Almost every R differs in its first byte: one compare per list entry in the usual case.
      int i = 0;
      while (i < last && signature[i] == bad[i]) {
        i++;
      }
      if (i == last && (signature[last] & 0x7F) == bad[last]) {
        return true;
      }
    }
    return false;
  }

  /**
   * Decodes a point strictly (RFC 8032 sections 5.1.3 and 5.2.3): {@code {x, y}}, or {@code null}
   * if {@code y >= p}, no {@code x} fits, or {@code x = 0} carries a set sign bit.
   */
  BigInteger[] decode(byte[] encoded) {
    if (encoded.length != encodedLength) {
      return null;
    }
    byte[] be = new byte[encodedLength];
    for (int i = 0; i < encodedLength; i++) {
      be[i] = encoded[encodedLength - 1 - i];
    }
    boolean sign = (be[0] & 0x80) != 0;
    be[0] &= 0x7F;
    BigInteger y = new BigInteger(1, be);
    if (y.compareTo(p) >= 0) {
      return null;
    }
    // x^2 = (y^2 - 1) / (d y^2 - a)
    BigInteger y2 = y.multiply(y).mod(p);
    BigInteger den = d.multiply(y2).subtract(a).mod(p);
    if (den.signum() == 0) {
      return null; // not reached for these curves (d is not a square), kept for safety
    }
    BigInteger u = y2.subtract(BigInteger.ONE).multiply(den.modInverse(p)).mod(p);
    BigInteger x = sqrt(u);
    if (x == null) {
      return null;
    }
    if (x.signum() == 0 && sign) {
      return null;
    }
    if (x.testBit(0) != sign) {
      x = p.subtract(x);
    }
    return new BigInteger[] {x, y};
  }

  /** A square root of {@code u} modulo p, or {@code null} if u is not a square. */
  private BigInteger sqrt(BigInteger u) {
    BigInteger x;
    if (p.testBit(1)) {
      // p = 3 (mod 4): x = u^((p+1)/4)
      x = u.modPow(p.add(BigInteger.ONE).shiftRight(2), p);
    } else {
      // p = 5 (mod 8): x = u^((p+3)/8), times sqrt(-1) = 2^((p-1)/4) if that squares to -u
      x = u.modPow(p.add(BigInteger.valueOf(3)).shiftRight(3), p);
      if (!x.multiply(x).mod(p).equals(u)) {
        x = x.multiply(BigInteger.TWO.modPow(p.subtract(BigInteger.ONE).shiftRight(2), p)).mod(p);
      }
    }
    return x.multiply(x).mod(p).equals(u) ? x : null;
  }

  /** The point's order if it divides the cofactor (1, 2, 4 or 8), else 0. */
  int smallOrder(BigInteger[] point) {
    BigInteger[] q = point;
    for (int k = 0; k <= cofactorLog2; k++) {
      if (isIdentity(q)) {
        return 1 << k;
      }
      q = add(q, q);
    }
    return 0;
  }

  /** The affine sum (the Edwards addition law is complete on both curves). */
  BigInteger[] add(BigInteger[] p1, BigInteger[] p2) {
    BigInteger x1x2 = p1[0].multiply(p2[0]).mod(p);
    BigInteger y1y2 = p1[1].multiply(p2[1]).mod(p);
    BigInteger dxy = d.multiply(x1x2).multiply(y1y2).mod(p);
    BigInteger x3 =
        p1[0]
            .multiply(p2[1])
            .add(p1[1].multiply(p2[0]))
            .multiply(BigInteger.ONE.add(dxy).modInverse(p))
            .mod(p);
    BigInteger y3 =
        y1y2.subtract(a.multiply(x1x2))
            .multiply(BigInteger.ONE.subtract(dxy).mod(p).modInverse(p))
            .mod(p);
    return new BigInteger[] {x3, y3};
  }

  /** [k]P by double-and-add. */
  BigInteger[] multiply(BigInteger k, BigInteger[] point) {
    BigInteger[] result = {BigInteger.ZERO, BigInteger.ONE};
    for (int i = k.bitLength() - 1; i >= 0; i--) {
      result = add(result, result);
      if (k.testBit(i)) {
        result = add(result, point);
      }
    }
    return result;
  }

  static boolean isIdentity(BigInteger[] point) {
    return point[0].signum() == 0 && point[1].equals(BigInteger.ONE);
  }

  /** The canonical encoding of a point. */
  byte[] encode(BigInteger[] point) {
    byte[] out = littleEndian(point[1], encodedLength);
    if (point[0].testBit(0)) {
      out[encodedLength - 1] |= (byte) 0x80;
    }
    return out;
  }

  private static byte[] littleEndian(BigInteger v, int length) {
    byte[] out = new byte[length];
    for (int i = 0; i < length; i++) {
      out[i] = (byte) v.shiftRight(8 * i).intValue();
    }
    return out;
  }
}
