/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.internal.jws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyOperation;
import com.nimbusds.jose.jwk.KeyRevocation;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import java.math.BigInteger;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KeyLoaderTest {
  private static RSAPublicKey rsa;

  @BeforeAll
  static void keys() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    rsa = (RSAPublicKey) g.generateKeyPair().getPublic();
  }

  @Test
  void load_rsaWithEvenExponent_refused() {
    RSAKey k =
        new RSAKey.Builder(
                Base64URL.encode(rsa.getModulus()), Base64URL.encode(BigInteger.valueOf(65536)))
            .keyID("even")
            .build();
    assertThatThrownBy(() -> KeyLoader.load(k))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("exponent");
  }

  @Test
  void load_keyOpsWithoutVerify_refused() {
    RSAKey k = new RSAKey.Builder(rsa).keyOperations(Set.of(KeyOperation.ENCRYPT)).build();
    assertThatThrownBy(() -> KeyLoader.load(k))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("key_ops");
  }

  @Test
  void load_rsaKeyWithEsAlg_refused() {
    RSAKey k = new RSAKey.Builder(rsa).algorithm(JWSAlgorithm.ES256).build();
    assertThatThrownBy(() -> KeyLoader.load(k))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not fit");
  }

  @Test
  void load_rsaKeyWithoutAlg_permitsRsaAlgorithmsOnly() {
    VerificationKey k = KeyLoader.load(new RSAKey.Builder(rsa).build());
    assertThat(k.permits(JwsAlgorithm.RS256)).isTrue();
    assertThat(k.permits(JwsAlgorithm.PS512)).isTrue();
    assertThat(k.permits(JwsAlgorithm.HS256)).isFalse();
    assertThat(k.permits(JwsAlgorithm.ES256)).isFalse();
  }

  @Test
  void load_hmacKeyOf48Bytes_permitsHs256AndHs384Only() {
    VerificationKey k = KeyLoader.load(new OctetSequenceKey.Builder(new byte[48]).build());
    assertThat(k.algorithms()).containsExactlyInAnyOrder(JwsAlgorithm.HS256, JwsAlgorithm.HS384);
  }

  @Test
  void load_ed25519KeyOfWrongLength_refused() {
    OctetKeyPair k =
        new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(new byte[31])).build();
    assertThatThrownBy(() -> KeyLoader.load(k))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Ed25519");
  }

  @Test
  void load_x25519Key_refused() {
    OctetKeyPair k = new OctetKeyPair.Builder(Curve.X25519, Base64URL.encode(new byte[32])).build();
    assertThatThrownBy(() -> KeyLoader.load(k)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void toString_hmacKey_showsNoKeyMaterial() {
    byte[] secret = new byte[32];
    secret[0] = 0x7f;
    VerificationKey k = KeyLoader.load(new OctetSequenceKey.Builder(secret).keyID("s").build());
    assertThat(k.toString()).doesNotContain(Base64URL.encode(secret).toString()).contains("s");
  }

  @Test
  void loadLenient_duplicateKid_dropsBothAndReportsOnce() {
    RSAKey a = new RSAKey.Builder(rsa).keyID("dup").build();
    RSAKey b = new RSAKey.Builder(rsa).keyID("dup").build();
    RSAKey c = new RSAKey.Builder(rsa).keyID("ok").build();
    List<String> problems = new ArrayList<>();
    KeySet set = KeyLoader.loadLenient(new JWKSet(List.of(a, b, c)), problems::add);
    assertThat(set.byKid("dup")).isNull();
    assertThat(set.byKid("ok")).isNotNull();
    assertThat(problems).hasSize(1).allMatch(p -> p.contains("duplicate kid"));
  }

  @Test
  void loadLenient_mixedSymmetricAndPublicKeys_dropsTheOctKeys() {
    RSAKey r = new RSAKey.Builder(rsa).keyID("r").build();
    OctetSequenceKey o = new OctetSequenceKey.Builder(new byte[32]).keyID("o").build();
    List<String> problems = new ArrayList<>();
    KeySet set = KeyLoader.loadLenient(new JWKSet(List.of(r, o)), problems::add);
    assertThat(set.byKid("r")).isNotNull();
    assertThat(set.byKid("o")).isNull();
    assertThat(problems).hasSize(1);
  }

  /** A P-256 public key whose y is written unreduced, y + p: 33 bytes for a 32-byte field. */
  private static ECKey p256WithUnreducedY(String kid) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    ECPublicKey pub = (ECPublicKey) g.generateKeyPair().getPublic();
    BigInteger p = ((ECFieldFp) pub.getParams().getCurve().getField()).getP();
    BigInteger y = pub.getW().getAffineY().add(p);
    return new ECKey.Builder(
            Curve.P_256,
            Base64URL.encode(fixed(pub.getW().getAffineX(), 32)),
            Base64URL.encode(fixed(y, 33)))
        .keyID(kid)
        .build();
  }

  private static byte[] fixed(BigInteger v, int length) {
    byte[] raw = v.toByteArray();
    byte[] out = new byte[length];
    int copy = Math.min(raw.length, length);
    System.arraycopy(raw, raw.length - copy, out, length - copy, copy);
    return out;
  }

  @Test
  void load_p256WithUnreducedY_refusedNamingTheCoordinate() throws Exception {
    ECKey k = p256WithUnreducedY("big-y");
    assertThatThrownBy(() -> KeyLoader.load(k))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("coordinate y");
  }

  @Test
  void loadStrict_p256WithUnreducedY_throwsIllegalArgumentNamingTheKid() throws Exception {
    JWKSet set = new JWKSet(p256WithUnreducedY("big-y"));
    assertThatThrownBy(() -> KeyLoader.loadStrict(set))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'big-y'");
  }

  @Test
  void load_p521WithYPlusP_refusedAsNotBelowTheFieldPrime() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp521r1"));
    ECPublicKey pub = (ECPublicKey) g.generateKeyPair().getPublic();
    BigInteger p = ((ECFieldFp) pub.getParams().getCurve().getField()).getP();
    // P-521's 66-byte coordinates hold y + p without growing: only the value check catches it.
    ECKey k =
        new ECKey.Builder(
                Curve.P_521,
                Base64URL.encode(fixed(pub.getW().getAffineX(), 66)),
                Base64URL.encode(fixed(pub.getW().getAffineY().add(p), 66)))
            .keyID("p521")
            .build();
    assertThatThrownBy(() -> KeyLoader.load(k))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not below the field prime");
  }

  /**
   * A JWK whose conversion throws an unchecked exception of the JCA's or nimbus's own, as the JDK's
   * EC key factory does for an oversized coordinate: here it claims {@code kty} RSA without being
   * an RSA key.
   */
  private static JWK throwingJwk(String kid) {
    return new JWK(KeyType.RSA, null, null, null, kid, null, null, null, null, null) {
      private static final long serialVersionUID = 1L;

      @Override
      public LinkedHashMap<String, ?> getRequiredParams() {
        return new LinkedHashMap<>();
      }

      @Override
      public boolean isPrivate() {
        return false;
      }

      @Override
      public JWK toPublicJWK() {
        return this;
      }

      @Override
      public JWK toRevokedJWK(KeyRevocation revocation) {
        return this;
      }

      @Override
      public int size() {
        return 0;
      }
    };
  }

  @Test
  void loadStrict_keyWhoseConversionThrows_throwsIllegalArgumentNamingTheKid() {
    JWKSet set =
        new JWKSet(List.of(new RSAKey.Builder(rsa).keyID("good").build(), throwingJwk("broken")));
    assertThatThrownBy(() -> KeyLoader.loadStrict(set))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'broken'");
  }

  @Test
  void loadLenient_keyWhoseConversionThrows_dropsItWithOneLineAndKeepsTheOthers() throws Exception {
    JWKSet set =
        new JWKSet(
            List.of(
                new RSAKey.Builder(rsa).keyID("good").build(),
                throwingJwk("broken"),
                p256WithUnreducedY("big-y")));
    List<String> problems = new ArrayList<>();
    KeySet keys = KeyLoader.loadLenient(set, problems::add);
    assertThat(keys.byKid("good")).isNotNull();
    assertThat(keys.size()).isEqualTo(1);
    assertThat(problems).hasSize(2);
    assertThat(problems.get(0)).contains("'broken'");
    assertThat(problems.get(1)).contains("'big-y'");
  }

  /** An odd modulus of exactly {@code bits} bits, not a product of primes: enough to load. */
  private static BigInteger oddModulus(int bits) {
    return new BigInteger(bits, new java.util.Random(bits)).setBit(bits - 1).setBit(0);
  }

  @Test
  void load_rsaModulusAboveDefaultCap_refusedNamingTheSetting() {
    RSAKey k =
        new RSAKey.Builder(
                Base64URL.encode(oddModulus(8200)), Base64URL.encode(BigInteger.valueOf(65537)))
            .keyID("huge")
            .build();
    assertThatThrownBy(() -> KeyLoader.load(k))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("8200 bits")
        .hasMessageContaining("maxRsaModulusBits");
  }

  @Test
  void load_rsaModulusAboveDefaultCap_admittedUnderRaisedCap() {
    RSAKey k =
        new RSAKey.Builder(
                Base64URL.encode(oddModulus(8200)), Base64URL.encode(BigInteger.valueOf(65537)))
            .keyID("huge")
            .build();
    assertThat(KeyLoader.load(k, KeyLoader.MAX_RSA_MODULUS_BITS_LIMIT).kid()).isEqualTo("huge");
  }

  @Test
  void load_rsaExponentOf2To32Plus1_refused() {
    RSAKey k =
        new RSAKey.Builder(
                Base64URL.encode(rsa.getModulus()),
                Base64URL.encode(BigInteger.ONE.shiftLeft(32).add(BigInteger.ONE)))
            .build();
    assertThatThrownBy(() -> KeyLoader.load(k))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2^32");
  }

  @Test
  void load_rsaExponentJustBelow2To32_admitted() {
    RSAKey k =
        new RSAKey.Builder(
                Base64URL.encode(rsa.getModulus()),
                Base64URL.encode(BigInteger.ONE.shiftLeft(32).subtract(BigInteger.ONE)))
            .build();
    assertThat(KeyLoader.load(k).permits(JwsAlgorithm.RS256)).isTrue();
  }
}
