/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.internal.jws;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The EdDSA checks Bulwark adds to the JDK's: the small-order list used per token is compared with
 * the small-order points the group law itself yields ({@code [L]P} for random points P is the
 * torsion part of P), so that a mistyped or missing entry fails here.
 */
class EdwardsCurveTest {

  /** Every point of order dividing the cofactor, found as [L]P of random curve points. */
  static List<BigInteger[]> torsionPoints(EdwardsCurve curve) {
    int cofactor = curve == EdwardsCurve.ED25519 ? 8 : 4;
    List<BigInteger[]> found = new ArrayList<>();
    found.add(new BigInteger[] {BigInteger.ZERO, BigInteger.ONE});
    Random random = new Random(1);
    for (int tries = 0; tries < 200 && found.size() < cofactor; tries++) {
      byte[] enc = new byte[curve.encodedLength()];
      random.nextBytes(enc);
      enc[enc.length - 1] &= curve == EdwardsCurve.ED25519 ? (byte) 0x7F : 0;
      BigInteger[] p = curve.decode(enc);
      if (p == null) {
        continue;
      }
      BigInteger[] t = curve.multiply(curve.order(), p);
      // The torsion subgroup is cyclic: a generator's multiples are all of it.
      BigInteger[] q = t;
      for (int k = 0; k < cofactor; k++) {
        BigInteger[] point = q;
        if (found.stream().noneMatch(f -> Arrays.equals(f, point))) {
          found.add(point);
        }
        q = curve.add(q, t);
      }
    }
    assertThat(found).hasSize(cofactor);
    return found;
  }

  private static byte[] signatureWithR(EdwardsCurve curve, byte[] r) {
    byte[] sig = new byte[curve.signatureLength()];
    System.arraycopy(r, 0, sig, 0, r.length);
    return sig;
  }

  @ParameterizedTest
  @EnumSource(EdwardsCurve.class)
  void publicKeyProblem_everySmallOrderPoint_isReported(EdwardsCurve curve) {
    for (BigInteger[] t : torsionPoints(curve)) {
      assertThat(curve.publicKeyProblem(curve.encode(t))).as("y=%s", t[1]).contains("small order");
    }
  }

  @ParameterizedTest
  @EnumSource(EdwardsCurve.class)
  void hasSmallOrderR_everySpellingOfEverySmallOrderPoint_isTrue(EdwardsCurve curve) {
    BigInteger p =
        curve == EdwardsCurve.ED25519
            ? BigInteger.ONE.shiftLeft(255).subtract(BigInteger.valueOf(19))
            : BigInteger.ONE
                .shiftLeft(448)
                .subtract(BigInteger.ONE.shiftLeft(224))
                .subtract(BigInteger.ONE);
    int yBits = curve == EdwardsCurve.ED25519 ? 255 : 448;
    Set<BigInteger> spellings = new HashSet<>();
    for (BigInteger[] t : torsionPoints(curve)) {
      for (BigInteger y = t[1]; y.bitLength() <= yBits; y = y.add(p)) {
        spellings.add(y);
        for (boolean sign : new boolean[] {false, true}) {
          byte[] r = littleEndian(y, curve.encodedLength());
          if (sign) {
            r[r.length - 1] |= (byte) 0x80;
          }
          assertThat(curve.hasSmallOrderR(signatureWithR(curve, r)))
              .as("y=%s sign=%s", y, sign)
              .isTrue();
        }
      }
    }
    // libsodium's seven for Ed25519 (0, 1, p-1, two of order 8, p, p+1); 0, 1, p-1, p, p+1 for
    // Ed448: every spelling of each is on the list.
    assertThat(spellings).hasSize(curve == EdwardsCurve.ED25519 ? 7 : 5);
  }

  @ParameterizedTest
  @EnumSource(EdwardsCurve.class)
  void isAdmissible_rOfRealPointsAndSmallS_isTrue(EdwardsCurve curve) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance(curve.jcaName());
    for (int i = 0; i < 20; i++) {
      byte[] spki = g.generateKeyPair().getPublic().getEncoded();
      byte[] point = Arrays.copyOfRange(spki, spki.length - curve.encodedLength(), spki.length);
      assertThat(curve.publicKeyProblem(point)).isNull();
      assertThat(curve.isAdmissible(signatureWithR(curve, point))).isTrue();
    }
  }

  @ParameterizedTest
  @EnumSource(EdwardsCurve.class)
  void publicKeyProblem_yNotBelowP_isReportedAsNotCanonical(EdwardsCurve curve) {
    // y = p + 2 spells the point with y = 2 (if that is one) a second way.
    byte[] enc = new byte[curve.encodedLength()];
    Arrays.fill(enc, (byte) 0xFF);
    enc[enc.length - 1] = curve == EdwardsCurve.ED25519 ? (byte) 0x7F : 0;
    assertThat(curve.publicKeyProblem(enc)).contains("canonical");
  }

  @ParameterizedTest
  @EnumSource(EdwardsCurve.class)
  void publicKeyProblem_identityWithSignBit_isReportedAsNotCanonical(EdwardsCurve curve) {
    byte[] enc = new byte[curve.encodedLength()];
    enc[0] = 1;
    enc[enc.length - 1] = (byte) 0x80;
    assertThat(curve.publicKeyProblem(enc)).contains("canonical");
  }

  @ParameterizedTest
  @EnumSource(EdwardsCurve.class)
  void hasCanonicalS_sAroundL_isTrueOnlyBelowL(EdwardsCurve curve) {
    BigInteger l = curve.order();
    assertThat(curve.hasCanonicalS(withS(curve, BigInteger.ZERO))).isTrue();
    assertThat(curve.hasCanonicalS(withS(curve, l.subtract(BigInteger.ONE)))).isTrue();
    assertThat(curve.hasCanonicalS(withS(curve, l))).isFalse();
    assertThat(curve.hasCanonicalS(withS(curve, l.add(BigInteger.ONE)))).isFalse();
    assertThat(
            curve.hasCanonicalS(
                withS(
                    curve,
                    BigInteger.ONE.shiftLeft(8 * curve.encodedLength()).subtract(BigInteger.ONE))))
        .isFalse();
  }

  @org.junit.jupiter.api.Test
  void hasZeroPadding_ed448RWithUnusedBitSet_isFalse() {
    byte[] sig = new byte[EdwardsCurve.ED448.signatureLength()];
    sig[56] = 0x01;
    assertThat(EdwardsCurve.ED448.hasZeroPadding(sig)).isFalse();
    assertThat(EdwardsCurve.ED448.isAdmissible(sig)).isFalse();
  }

  private static byte[] withS(EdwardsCurve curve, BigInteger s) {
    byte[] sig = new byte[curve.signatureLength()];
    sig[0] = 2; // some R that is not on the small-order list
    System.arraycopy(
        littleEndian(s, curve.encodedLength()),
        0,
        sig,
        curve.encodedLength(),
        curve.encodedLength());
    return sig;
  }

  static byte[] littleEndian(BigInteger v, int length) {
    byte[] out = new byte[length];
    for (int i = 0; i < length; i++) {
      out[i] = (byte) v.shiftRight(8 * i).intValue();
    }
    return out;
  }
}
