/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeygenCommandTest {

  @TempDir Path dir;

  @Test
  void keygen_ec_printsPrivateKeyAndWritesPublicOnlyJwks() throws Exception {
    Path jwks = dir.resolve("jwks.json");
    Cli.Run r = Cli.run("keygen", "--kty", "EC", "--kid", "k1", "--public-jwks", jwks.toString());
    assertThat(r.status()).isZero();
    JWK priv = JWK.parse(r.line());
    assertThat(priv.isPrivate()).isTrue();
    assertThat(priv.getKeyID()).isEqualTo("k1");
    assertThat(priv.getAlgorithm().getName()).isEqualTo("ES256");
    JWKSet set = JWKSet.load(jwks.toFile());
    assertThat(set.getKeys()).hasSize(1);
    assertThat(set.getKeys().get(0).isPrivate()).isFalse();
  }

  @Test
  void keygen_rsaUnder2048Bits_exitsTwoNamingSize() {
    Cli.Run r = Cli.run("keygen", "--kty", "RSA", "--size", "1024");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("--size", "1024");
  }

  @Test
  void keygen_unknownKeyType_exitsTwoNamingIt() {
    Cli.Run r = Cli.run("keygen", "--kty", "DSA");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("--kty", "'DSA'");
  }

  @Test
  void keygen_unsupportedCurve_exitsTwoNamingIt() {
    Cli.Run r = Cli.run("keygen", "--kty", "EC", "--crv", "secp256k1");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("--crv", "secp256k1");
  }
}
