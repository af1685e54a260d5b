/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.attack;

import static dev.bulwark.auth.testsupport.Jws.b64;
import static dev.bulwark.auth.testsupport.Jws.claims;
import static dev.bulwark.auth.testsupport.Jws.header;
import static dev.bulwark.auth.testsupport.Jws.json;
import static dev.bulwark.auth.testsupport.Outcomes.assertAccepted;
import static dev.bulwark.auth.testsupport.Outcomes.assertRefused;
import static dev.bulwark.auth.testsupport.Outcomes.bearer;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import dev.bulwark.auth.AuthEngine;
import dev.bulwark.auth.FailureReason;
import dev.bulwark.auth.testsupport.Engines;
import dev.bulwark.auth.testsupport.Jws;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Attacks on Ed25519 signatures (RFC 8032 section 5.1.7): S must be below the group order L, so
 * that one message has one signature ({@code S + L} verifies in a lax implementation and gives a
 * second spelling of the same token); an all-zero or wrongly sized signature is refused.
 */
class EdDsaSignatureAttackTest {
  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  /** The order of the Ed25519 base point, 2^252 + 27742317777372353535851937790883648493. */
  private static final BigInteger L = BigInteger.ONE.shiftLeft(252)
      .add(new BigInteger("27742317777372353535851937790883648493"));
  private static final KeyPair KEYS = generate();
  private static final OctetKeyPair PUBLIC_JWK = publicJwk(KEYS, "ed-1");

  private final AuthEngine engine = Engines.engine(CLOCK, new JWKSet(PUBLIC_JWK), "EdDSA");

  private static KeyPair generate() {
    try {
      return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  private static OctetKeyPair publicJwk(KeyPair keys, String kid) {
    byte[] spki = keys.getPublic().getEncoded();
    byte[] x = Arrays.copyOfRange(spki, spki.length - 32, spki.length);
    return new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(x))
        .keyID(kid).keyUse(KeyUse.SIGNATURE).build();
  }

  private static String validToken() {
    String input = b64(json(header("EdDSA", "ed-1"))) + "." + b64(json(claims(NOW)));
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initSign(KEYS.getPrivate());
      s.update(input.getBytes(UTF_8));
      return input + "." + b64(s.sign());
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void eddsaToken_signedByIssuerKey_isAccepted() {
    assertAccepted(engine, bearer(validToken()));
  }

  @Test
  void signature_withSPlusGroupOrder_isRefusedAsBadSignature() {
    String token = validToken();
    byte[] sig = Jws.unb64(Jws.signatureSegment(token));
    BigInteger s = new BigInteger(1, reverse(Arrays.copyOfRange(sig, 32, 64)));
    byte[] forgedS = reverse(toFixed32(s.add(L)));
    System.arraycopy(forgedS, 0, sig, 32, 32);
    assertRefused(engine, bearer(Jws.withSignature(token, sig)), FailureReason.BAD_SIGNATURE);
  }

  @Test
  void allZeroSignature_isRefusedAsBadSignature() {
    assertRefused(engine, bearer(Jws.withSignature(validToken(), new byte[64])),
        FailureReason.BAD_SIGNATURE);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 32, 63, 65, 128})
  void signature_ofWrongLength_isRefusedAsBadSignature(int length) {
    String token = validToken();
    byte[] sig = Arrays.copyOf(Jws.unb64(Jws.signatureSegment(token)), length);
    assertRefused(engine, bearer(Jws.withSignature(token, sig)), FailureReason.BAD_SIGNATURE);
  }

  private static byte[] reverse(byte[] b) {
    byte[] r = new byte[b.length];
    for (int i = 0; i < b.length; i++) {
      r[i] = b[b.length - 1 - i];
    }
    return r;
  }

  private static byte[] toFixed32(BigInteger v) {
    byte[] raw = v.toByteArray();
    byte[] out = new byte[32];
    int len = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - len, out, 32 - len, len);
    return out;
  }
}
