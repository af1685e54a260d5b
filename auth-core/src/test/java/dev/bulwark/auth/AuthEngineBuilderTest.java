/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWKSet;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AuthEngineBuilderTest {
  private static final TestTokens HMAC = TestTokens.hmac("h");

  private static Issuer issuer(String iss) {
    return Issuer.builder(iss)
        .jwks(new JWKSet(HMAC.publicJwk))
        .audiences("a")
        .algorithms("HS256")
        .build();
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
    assertThatThrownBy(() -> AuthEngine.builder().clockSkew(Duration.ZERO).clockSkew(Duration.ZERO))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("clockSkew");
  }

  @Test
  void clock_setTwice_throwsIllegalState() {
    assertThatThrownBy(() -> AuthEngine.builder().clock(Clock.systemUTC()).clock(Clock.systemUTC()))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void issuer_sameIssTwice_throwsIllegalState() {
    assertThatThrownBy(
            () -> AuthEngine.builder().issuer(issuer("https://a")).issuer(issuer("https://a")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("https://a");
  }

  @Test
  void build_nothingToAuthenticateWith_throwsIllegalState() {
    assertThatThrownBy(() -> AuthEngine.builder().build())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void realm_withQuote_throwsIllegalArgument() {
    assertThatThrownBy(() -> AuthEngine.builder().realm("a\"b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("realm");
  }

  @Test
  void maxTokenLength_tooSmall_throwsNamingValue() {
    assertThatThrownBy(() -> AuthEngine.builder().maxTokenLength(10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxTokenLength")
        .hasMessageContaining("was 10");
  }

  @Test
  void maxJsonDepth_one_throwsIllegalArgument() {
    assertThatThrownBy(() -> AuthEngine.builder().maxJsonDepth(1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxJsonDepth");
  }

  @Test
  void tokenCacheMaximumSize_negative_throwsIllegalArgument() {
    assertThatThrownBy(() -> AuthEngine.builder().tokenCacheMaximumSize(-1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void tokenCacheTtl_zero_throwsIllegalArgument() {
    assertThatThrownBy(() -> AuthEngine.builder().tokenCacheTtl(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tokenCacheTtl");
  }

  @Test
  void build_cacheTtlWithCacheOff_throwsIllegalState() {
    assertThatThrownBy(
            () ->
                AuthEngine.builder()
                    .issuer(issuer("https://a"))
                    .tokenCacheMaximumSize(0)
                    .tokenCacheTtl(Duration.ofMinutes(1))
                    .build())
        .isInstanceOf(IllegalStateException.class);
  }

  /** A cache setting with the cache turned off: each case and what the message names. */
  static Stream<Arguments> cacheConflicts() {
    return Stream.of(
        Arguments.of(
            (UnaryOperator<AuthEngine.Builder>)
                b -> b.tokenCacheMaximumSize(0).tokenCacheTtl(Duration.ofMinutes(1)),
            List.of("tokenCacheTtl(PT1M)", "tokenCacheMaximumSize(0)")),
        Arguments.of(
            (UnaryOperator<AuthEngine.Builder>)
                b -> b.tokenCacheMaximumSize(0).tokenCacheOffHeap(1 << 20),
            List.of("tokenCacheOffHeap(1048576)", "tokenCacheMaximumSize(0)")));
  }

  @ParameterizedTest
  @MethodSource("cacheConflicts")
  void build_cacheSettingWithCacheOff_throwsIllegalStateNamingBothSettings(
      UnaryOperator<AuthEngine.Builder> settings, List<String> named) {
    AuthEngine.Builder b = settings.apply(AuthEngine.builder().issuer(issuer("https://a")));
    assertThatThrownBy(b::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContainingAll(named.toArray(new String[0]));
  }

  @Test
  void build_offHeapCacheWithCacheOff_doesNotNameTokenCacheTtl() {
    // The setting that was never made must not be blamed.
    AuthEngine.Builder b =
        AuthEngine.builder()
            .issuer(issuer("https://a"))
            .tokenCacheMaximumSize(0)
            .tokenCacheOffHeap(1 << 20);
    assertThatThrownBy(b::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageNotContaining("tokenCacheTtl");
  }

  /** Each setting made twice: the message names the setting and both values. */
  static Stream<Arguments> settingsMadeTwice() {
    return Stream.of(
        Arguments.of(
            (UnaryOperator<AuthEngine.Builder>)
                b -> b.clockSkew(Duration.ZERO).clockSkew(Duration.ofSeconds(1)),
            List.of("clockSkew", "PT0S", "PT1S")),
        Arguments.of(
            (UnaryOperator<AuthEngine.Builder>) b -> b.realm("a").realm("b"),
            List.of("realm", "to a", "to b")),
        Arguments.of(
            (UnaryOperator<AuthEngine.Builder>) b -> b.maxTokenLength(1000).maxTokenLength(2000),
            List.of("maxTokenLength", "1000", "2000")),
        Arguments.of(
            (UnaryOperator<AuthEngine.Builder>) b -> b.maxJsonDepth(3).maxJsonDepth(4),
            List.of("maxJsonDepth", "3", "4")),
        Arguments.of(
            (UnaryOperator<AuthEngine.Builder>)
                b -> b.tokenCacheMaximumSize(10).tokenCacheMaximumSize(20),
            List.of("tokenCacheMaximumSize", "10", "20")),
        Arguments.of(
            (UnaryOperator<AuthEngine.Builder>)
                b -> b.tokenCacheTtl(Duration.ofMinutes(1)).tokenCacheTtl(Duration.ofMinutes(2)),
            List.of("tokenCacheTtl", "PT1M", "PT2M")));
  }

  @ParameterizedTest
  @MethodSource("settingsMadeTwice")
  void setting_madeTwice_throwsIllegalStateNamingSettingAndBothValues(
      UnaryOperator<AuthEngine.Builder> twice, List<String> named) {
    assertThatThrownBy(() -> twice.apply(AuthEngine.builder()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContainingAll(named.toArray(new String[0]));
  }
}
