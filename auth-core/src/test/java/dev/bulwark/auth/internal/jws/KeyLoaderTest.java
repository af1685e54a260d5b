/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.internal.jws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyOperation;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import java.math.BigInteger;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
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
    RSAKey k = new RSAKey.Builder(Base64URL.encode(rsa.getModulus()),
        Base64URL.encode(BigInteger.valueOf(65536))).keyID("even").build();
    assertThatThrownBy(() -> KeyLoader.load(k)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("exponent");
  }

  @Test
  void load_keyOpsWithoutVerify_refused() {
    RSAKey k = new RSAKey.Builder(rsa).keyOperations(Set.of(KeyOperation.ENCRYPT)).build();
    assertThatThrownBy(() -> KeyLoader.load(k)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("key_ops");
  }

  @Test
  void load_rsaKeyWithEsAlg_refused() {
    RSAKey k = new RSAKey.Builder(rsa).algorithm(JWSAlgorithm.ES256).build();
    assertThatThrownBy(() -> KeyLoader.load(k)).isInstanceOf(IllegalArgumentException.class)
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
    OctetKeyPair k = new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(new byte[31]))
        .build();
    assertThatThrownBy(() -> KeyLoader.load(k)).isInstanceOf(IllegalArgumentException.class)
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
}
