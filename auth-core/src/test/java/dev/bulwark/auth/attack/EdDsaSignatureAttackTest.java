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
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import dev.bulwark.auth.AuthEngine;
import dev.bulwark.auth.FailureReason;
import dev.bulwark.auth.Issuer;
import dev.bulwark.auth.testsupport.Engines;
import dev.bulwark.auth.testsupport.Jws;
import dev.bulwark.auth.testsupport.StubHttpServer;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Attacks on Ed25519 signatures (RFC 8032 section 5.1.7): S must be below the group order L, so
 * that one message has one signature ({@code S + L} verifies in a lax implementation and gives a
 * second spelling of the same token); an all-zero or wrongly sized signature is refused.
 *
 * <p>And attacks on EdDSA keys: the JDK verifies cofactorless and admits a public key of small
 * order, so a JWK holding the identity point verifies the signature {@code 01 00..00} (R the
 * identity, S zero) over any payload. Such keys, on both curves and at every small-order point, are
 * refused: a static set fails the build naming the kid, a fetched set drops the key.
 */
class EdDsaSignatureAttackTest {
  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  /** The order of the Ed25519 base point, 2^252 + 27742317777372353535851937790883648493. */
  private static final BigInteger L =
      BigInteger.ONE.shiftLeft(252).add(new BigInteger("27742317777372353535851937790883648493"));

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
        .keyID(kid)
        .keyUse(KeyUse.SIGNATURE)
        .build();
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
    assertRefused(
        engine, bearer(Jws.withSignature(validToken(), new byte[64])), FailureReason.BAD_SIGNATURE);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 32, 63, 65, 128})
  void signature_ofWrongLength_isRefusedAsBadSignature(int length) {
    String token = validToken();
    byte[] sig = Arrays.copyOf(Jws.unb64(Jws.signatureSegment(token)), length);
    assertRefused(engine, bearer(Jws.withSignature(token, sig)), FailureReason.BAD_SIGNATURE);
  }

  /** The identity point (0, 1) of both curves, little-endian y = 1. */
  private static byte[] identity(int length) {
    byte[] x = new byte[length];
    x[0] = 1;
    return x;
  }

  /** The canonical encodings of every small-order point of edwards25519 (libsodium's list). */
  private static final String[] ED25519_SMALL_ORDER = {
    "0100000000000000000000000000000000000000000000000000000000000000", // order 1
    "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // order 2
    "0000000000000000000000000000000000000000000000000000000000000000", // order 4
    "0000000000000000000000000000000000000000000000000000000000000080", // order 4
    "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05", // order 8
    "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85", // order 8
    "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a", // order 8
    "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa"
  }; // order 8

  private static OctetKeyPair okp(Curve crv, byte[] x, String kid) {
    return new OctetKeyPair.Builder(crv, Base64URL.encode(x))
        .keyID(kid)
        .keyUse(KeyUse.SIGNATURE)
        .build();
  }

  /** The JDK's own verdict on a signature under a raw public key, outside Bulwark. */
  private static boolean jdkVerifies(String curve, byte[] x, byte[] input, byte[] sig)
      throws GeneralSecurityException {
    byte[] prefix =
        HexFormat.of()
            .parseHex(
                curve.equals("Ed25519") ? "302a300506032b6570032100" : "3043300506032b6571033a00");
    byte[] der = Arrays.copyOf(prefix, prefix.length + x.length);
    System.arraycopy(x, 0, der, prefix.length, x.length);
    Signature s = Signature.getInstance(curve);
    s.initVerify(KeyFactory.getInstance(curve).generatePublic(new X509EncodedKeySpec(der)));
    s.update(input);
    return s.verify(sig);
  }

  @ParameterizedTest
  @CsvSource({"Ed25519, 32", "Ed448, 57"})
  void identityKey_forgedTokenForAnyPayload_isRefusedAtBuildNamingTheKid(String curve, int length)
      throws GeneralSecurityException {
    byte[] x = identity(length);
    byte[] forged = new byte[2 * length];
    forged[0] = 1; // R = identity, S = 0: [0]B == identity + [k]identity for every k
    String input = b64(json(header("EdDSA", "zero"))) + "." + b64(json(claims(NOW)));
    // The attack works on the JCA alone: this is what Bulwark must not let through.
    assertThat(jdkVerifies(curve, x, input.getBytes(UTF_8), forged)).isTrue();
    JWKSet keys = new JWKSet(okp(Curve.parse(curve), x, "zero"));
    assertThatThrownBy(() -> Engines.engine(CLOCK, keys, "EdDSA"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'zero'")
        .hasMessageContaining("small order");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7})
  void ed25519KeyOfSmallOrder_inStaticSet_failsBuildNamingTheKid(int index) {
    JWKSet keys =
        new JWKSet(
            okp(
                Curve.Ed25519,
                HexFormat.of().parseHex(ED25519_SMALL_ORDER[index]),
                "small-" + index));
    assertThatThrownBy(() -> Engines.engine(CLOCK, keys, "EdDSA"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'small-" + index + "'")
        .hasMessageContaining("small order");
  }

  @Test
  void smallOrderKeyInFetchedSet_isDroppedAndTheGoodKeyStillVerifies() {
    try (StubHttpServer server = StubHttpServer.start()) {
      server.serve(new JWKSet(List.of(okp(Curve.Ed25519, identity(32), "zero"), PUBLIC_JWK)));
      AuthEngine remote =
          AuthEngine.builder()
              .clock(CLOCK)
              .issuer(
                  Issuer.builder(Jws.ISS)
                      .jwks(server.uri("/jwks"))
                      .audiences(Jws.AUD)
                      .algorithms("EdDSA")
                      .build())
              .build();
      assertAccepted(remote, bearer(validToken()));
      String input = b64(json(header("EdDSA", "zero"))) + "." + b64(json(claims(NOW)));
      byte[] forged = new byte[64];
      forged[0] = 1;
      assertRefused(remote, bearer(input + "." + b64(forged)), FailureReason.UNKNOWN_KEY);
    }
  }

  @Test
  void signature_withIdentityRAndMatchingS_isRefusedThoughTheJdkAcceptsIt() throws Exception {
    // R = identity and S = k * a mod L satisfy the cofactorless equation [S]B = R + [k]A for the
    // real key: a signature only the key holder can make, but a second spelling that strict
    // verifiers (libsodium) refuse, as Bulwark does.
    String input = b64(json(header("EdDSA", "ed-1"))) + "." + b64(json(claims(NOW)));
    byte[] seed = ((EdECPrivateKey) KEYS.getPrivate()).getBytes().orElseThrow();
    byte[] h = MessageDigest.getInstance("SHA-512").digest(seed);
    byte[] scalar = Arrays.copyOf(h, 32);
    scalar[0] &= (byte) 0xF8;
    scalar[31] &= 0x7F;
    scalar[31] |= 0x40;
    byte[] a = PUBLIC_JWK.getDecodedX();
    byte[] r = identity(32);
    MessageDigest sha = MessageDigest.getInstance("SHA-512");
    sha.update(r);
    sha.update(a);
    sha.update(input.getBytes(UTF_8));
    BigInteger k = new BigInteger(1, reverse(sha.digest())).mod(L);
    BigInteger s = k.multiply(new BigInteger(1, reverse(scalar))).mod(L);
    byte[] sig = Arrays.copyOf(r, 64);
    System.arraycopy(reverse(toFixed32(s)), 0, sig, 32, 32);
    assertThat(jdkVerifies("Ed25519", a, input.getBytes(UTF_8), sig)).isTrue();
    assertRefused(engine, bearer(input + "." + b64(sig)), FailureReason.BAD_SIGNATURE);
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
