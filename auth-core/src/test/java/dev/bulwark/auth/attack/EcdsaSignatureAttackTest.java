/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.attack;

import static dev.bulwark.auth.testsupport.Jws.claims;
import static dev.bulwark.auth.testsupport.Outcomes.assertAccepted;
import static dev.bulwark.auth.testsupport.Outcomes.assertRefused;
import static dev.bulwark.auth.testsupport.Outcomes.bearer;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.nimbusds.jose.jwk.Curve;
import dev.bulwark.auth.AuthEngine;
import dev.bulwark.auth.FailureReason;
import dev.bulwark.auth.testsupport.Engines;
import dev.bulwark.auth.testsupport.Jws;
import dev.bulwark.auth.testsupport.TestKeys;
import java.math.BigInteger;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Attacks on ES256 signatures: CVE-2022-21449 ("psychic signatures", r = s = 0 accepted by JDK
 * 15-18 before the April 2022 patches), r or s outside [1, n-1], and encodings other than the
 * 64-byte R || S that RFC 7518 section 3.4 requires.
 */
class EcdsaSignatureAttackTest {
  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  /** The order of the P-256 base point. */
  private static final BigInteger N = Curve.P_256.toECParameterSpec().getOrder();

  private final AuthEngine engine = Engines.engine(CLOCK, TestKeys.publicSet(TestKeys.EC), "ES256");

  private static String validToken() {
    return Jws.sign(TestKeys.EC, "ES256", claims(NOW));
  }

  @Test
  void es256Token_signedByIssuerKey_isAccepted() {
    assertAccepted(engine, bearer(validToken()));
  }

  @Test
  void zeroSignature_rAndSZero_isRefusedAsBadSignature() {
    assertRefused(
        engine, bearer(Jws.withSignature(validToken(), new byte[64])), FailureReason.BAD_SIGNATURE);
  }

  static Stream<Arguments> outOfRangeRs() {
    BigInteger one = BigInteger.ONE;
    BigInteger max = BigInteger.ONE.shiftLeft(256).subtract(one);
    return Stream.of(
        Arguments.of("r=0 s=1", BigInteger.ZERO, one),
        Arguments.of("r=1 s=0", one, BigInteger.ZERO),
        Arguments.of("r=n s=n", N, N),
        Arguments.of("r=n s=1", N, one),
        Arguments.of("r=1 s=n", one, N),
        // n+1 is 1 mod n: a verifier that reduces r instead of range-checking it is fooled
        Arguments.of("r=n+1 s=1", N.add(one), one),
        Arguments.of("r=2^256-1 s=2^256-1", max, max));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("outOfRangeRs")
  void signature_withROrSOutOfRange_isRefusedAsBadSignature(
      String name, BigInteger r, BigInteger s) {
    byte[] sig = new byte[64];
    System.arraycopy(fixed32(r), 0, sig, 0, 32);
    System.arraycopy(fixed32(s), 0, sig, 32, 32);
    assertRefused(
        engine, bearer(Jws.withSignature(validToken(), sig)), FailureReason.BAD_SIGNATURE);
  }

  @Test
  void derEncodedSignature_byIssuerKey_isRefusedAsBadSignature() throws Exception {
    // A valid ECDSA signature, but ASN.1 DER instead of the JWS R || S form.
    String token = validToken();
    String input = token.substring(0, token.lastIndexOf('.'));
    Signature der = Signature.getInstance("SHA256withECDSA");
    der.initSign(TestKeys.EC.toECPrivateKey());
    der.update(input.getBytes(UTF_8));
    assertRefused(
        engine, bearer(Jws.withSignature(token, der.sign())), FailureReason.BAD_SIGNATURE);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 32, 63, 65, 96, 128})
  void signature_ofWrongLength_isRefusedAsBadSignature(int length) {
    String token = validToken();
    byte[] real = Jws.unb64(Jws.signatureSegment(token));
    byte[] sig = Arrays.copyOf(real, length); // a prefix of, or the real one padded with zeros
    assertRefused(engine, bearer(Jws.withSignature(token, sig)), FailureReason.BAD_SIGNATURE);
  }

  private static byte[] fixed32(BigInteger v) {
    byte[] raw = v.toByteArray();
    byte[] out = new byte[32];
    int len = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - len, out, 32 - len, len);
    return out;
  }
}
