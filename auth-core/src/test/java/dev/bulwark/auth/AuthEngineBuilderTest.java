/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWKSet;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AuthEngineBuilderTest {
  private static final TestTokens HMAC = TestTokens.hmac("h");

  private static Issuer issuer(String iss) {
    return Issuer.builder(iss).jwks(new JWKSet(HMAC.publicJwk)).audiences("a")
        .algorithms("HS256").build();
  }

  @Test
  void clockSkew_tenMinutes_throwsNamingSettingAndValue() {
    assertThatThrownBy(() -> AuthEngine.builder().clockSkew(Duration.ofMinutes(10)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("clockSkew must be between 0s and 5m, was PT10M");
  }

  @Test
  void clockSkew_negative_throwsIllegalArgument() {
    assertThatThrownBy(() -> AuthEngine.builder().clockSkew(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void clockSkew_setTwice_throwsIllegalState() {
    assertThatThrownBy(() -> AuthEngine.builder().clockSkew(Duration.ZERO)
        .clockSkew(Duration.ZERO)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("clockSkew");
  }

  @Test
  void clock_setTwice_throwsIllegalState() {
    assertThatThrownBy(() -> AuthEngine.builder().clock(Clock.systemUTC())
        .clock(Clock.systemUTC())).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void issuer_sameIssTwice_throwsIllegalState() {
    assertThatThrownBy(() -> AuthEngine.builder().issuer(issuer("https://a"))
        .issuer(issuer("https://a"))).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("https://a");
  }

  @Test
  void build_nothingToAuthenticateWith_throwsIllegalState() {
    assertThatThrownBy(() -> AuthEngine.builder().build()).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void realm_withQuote_throwsIllegalArgument() {
    assertThatThrownBy(() -> AuthEngine.builder().realm("a\"b"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("realm");
  }

  @Test
  void maxTokenLength_tooSmall_throwsNamingValue() {
    assertThatThrownBy(() -> AuthEngine.builder().maxTokenLength(10))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxTokenLength")
        .hasMessageContaining("was 10");
  }

  @Test
  void maxJsonDepth_one_throwsIllegalArgument() {
    assertThatThrownBy(() -> AuthEngine.builder().maxJsonDepth(1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxJsonDepth");
  }

  @Test
  void tokenCacheMaximumSize_negative_throwsIllegalArgument() {
    assertThatThrownBy(() -> AuthEngine.builder().tokenCacheMaximumSize(-1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void tokenCacheTtl_zero_throwsIllegalArgument() {
    assertThatThrownBy(() -> AuthEngine.builder().tokenCacheTtl(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tokenCacheTtl");
  }

  @Test
  void build_cacheTtlWithCacheOff_throwsIllegalState() {
    assertThatThrownBy(() -> AuthEngine.builder().issuer(issuer("https://a"))
        .tokenCacheMaximumSize(0).tokenCacheTtl(Duration.ofMinutes(1)).build())
        .isInstanceOf(IllegalStateException.class);
  }
}
