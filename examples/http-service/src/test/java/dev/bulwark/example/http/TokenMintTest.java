/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.example.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TokenMintTest {
  private static ECKey ec;
  private static RSAKey rsa;

  @BeforeAll
  static void keys() {
    ec = TokenMint.generate().ecKey();
    rsa = TokenMint.generateRsaKey();
  }

  @Test
  void of_withRsaKey_publishesBothPublicKeysAndBothAlgorithms() {
    TokenMint mint = TokenMint.of(ec, rsa);

    assertThat(mint.publicKeys().getKeys())
        .extracting(JWK::getKeyID)
        .containsExactly(TokenMint.DEFAULT_KEY_ID, TokenMint.DEFAULT_RSA_KEY_ID);
    assertThat(mint.publicKeys().getKeys()).noneMatch(JWK::isPrivate);
    assertThat(mint.algorithms()).containsExactly("ES256", "RS256");
  }

  @Test
  void generate_withoutRsaKey_allowsEs256Only() {
    assertThat(TokenMint.generate().algorithms()).containsExactly("ES256");
  }

  @Test
  void mintRs256_withoutRsaKey_throwsIllegalState() {
    TokenMint mint = TokenMint.of(ec);

    assertThatThrownBy(() -> mint.mintRs256("alice"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no RSA key");
  }

  @Test
  void of_rsaKeyUnder2048Bits_throwsNamingTheSize() throws Exception {
    RSAKey weak = new RSAKeyGenerator(1024, true).keyID("weak").generate();

    assertThatThrownBy(() -> TokenMint.of(ec, weak))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1024");
  }

  @Test
  void of_publicRsaKey_throws() {
    assertThatThrownBy(() -> TokenMint.of(ec, rsa.toPublicJWK()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("public only");
  }

  @Test
  void of_rsaKeyWithTheEcKeysKid_throws() throws Exception {
    RSAKey sameKid = new RSAKeyGenerator(2048).keyID(ec.getKeyID()).generate();

    assertThatThrownBy(() -> TokenMint.of(ec, sameKid))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("kid");
  }

  @Test
  void toString_namesTheKidsNeverAKey() {
    String s = TokenMint.of(ec, rsa).toString();

    assertThat(s).contains(TokenMint.DEFAULT_RSA_KEY_ID);
    assertThat(s).doesNotContain(rsa.getPrivateExponent().toString(), ec.getD().toString());
  }
}
