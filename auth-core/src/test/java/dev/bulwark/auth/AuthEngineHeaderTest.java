/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import dev.bulwark.auth.store.InMemoryApiKeyStore;
import dev.bulwark.auth.testsupport.MutableClock;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The Authorization header syntax and the RFC 6750 challenges. */
class AuthEngineHeaderTest {
  private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
  private static final TestTokens HMAC = TestTokens.hmac("h");

  private final AuthEngine engine =
      AuthEngine.builder()
          .issuer(
              Issuer.builder(TestTokens.ISS)
                  .jwks(new JWKSet(HMAC.publicJwk))
                  .audiences(TestTokens.AUD)
                  .algorithms("HS256")
                  .build())
          .clock(new MutableClock(NOW))
          .realm("orders")
          .build();

  private final String token = HMAC.mint(TestTokens.claims(NOW.getEpochSecond()));

  @Test
  void authenticate_null_missingCredentialsWithBareChallenge() {
    AuthResult r = engine.authenticate(null);
    assertThat(r.failureReason()).isEqualTo(FailureReason.MISSING_CREDENTIALS);
    assertThat(r.wwwAuthenticate()).isEqualTo("Bearer realm=\"orders\"");
  }

  @Test
  void authenticate_blank_missingCredentials() {
    assertThat(engine.authenticate("   ").failureReason())
        .isEqualTo(FailureReason.MISSING_CREDENTIALS);
  }

  @Test
  void authenticate_basicScheme_unsupportedSchemeWithoutErrorCode() {
    AuthResult r = engine.authenticate("Basic YWxhZGRpbjpvcGVuc2VzYW1l");
    assertThat(r.failureReason()).isEqualTo(FailureReason.UNSUPPORTED_SCHEME);
    assertThat(r.wwwAuthenticate()).isEqualTo("Bearer realm=\"orders\"");
  }

  @Test
  void authenticate_lowerCaseScheme_authenticates() {
    assertThat(engine.authenticate("bearer " + token).isAuthenticated()).isTrue();
  }

  @Test
  void authenticate_schemeWithoutCredential_malformedInvalidRequest() {
    AuthResult r = engine.authenticate("Bearer");
    assertThat(r.failureReason()).isEqualTo(FailureReason.MALFORMED);
    assertThat(r.wwwAuthenticate()).contains("error=\"invalid_request\"");
  }

  @Test
  void authenticate_twoCredentials_malformed() {
    assertThat(engine.authenticate("Bearer " + token + " " + token).failureReason())
        .isEqualTo(FailureReason.MALFORMED);
  }

  @Test
  void authenticate_characterOutsideB64token_malformed() {
    assertThat(engine.authenticate("Bearer " + token.replace('.', ',')).failureReason())
        .isEqualTo(FailureReason.MALFORMED);
  }

  @Test
  void authenticate_expiredToken_challengeHasFixedDescriptionAndNoToken() {
    String expired =
        HMAC.mint(
            "{\"iss\":\""
                + TestTokens.ISS
                + "\",\"sub\":\"a\",\"aud\":\""
                + TestTokens.AUD
                + "\",\"exp\":"
                + (NOW.getEpochSecond() - 3600)
                + "}");
    AuthResult r = engine.authenticate("Bearer " + expired);
    assertThat(r.wwwAuthenticate())
        .isEqualTo(
            "Bearer realm=\"orders\", error=\"invalid_token\", "
                + "error_description=\"The token has expired\"");
    assertThat(r.detail()).doesNotContain(expired.substring(0, 20));
    assertThat(r.toString()).doesNotContain(expired.substring(0, 20));
  }

  @Test
  void authenticate_apiKeySchemeWithoutApiKeys_unsupportedScheme() {
    assertThat(engine.authenticate("ApiKey bk_live_abc_def").failureReason())
        .isEqualTo(FailureReason.UNSUPPORTED_SCHEME);
  }

  @Test
  void authenticate_headerFarBeyondLimit_tooLargeBeforeParsing() {
    AuthResult r = engine.authenticate("Bearer " + "a".repeat(100_000));
    assertThat(r.failureReason()).isEqualTo(FailureReason.TOO_LARGE);
  }

  @Test
  void authenticate_nonAsciiCredential_malformed() {
    assertThat(engine.authenticate("Bearer " + token + "\u00e9").failureReason())
        .isEqualTo(FailureReason.MALFORMED);
  }

  private static final ApiKeys API_KEYS =
      ApiKeys.builder().prefix("bk_live").store(new InMemoryApiKeyStore()).build();

  @Test
  void scheme_unicodeCaseFoldsOfApiKey_refusedAsUnsupported() {
    GeneratedApiKey key = API_KEYS.generate("alice", Set.of("read"), null);
    AuthEngine engine = AuthEngine.builder().apiKeys(API_KEYS).build();

    // Dotted capital I and the Kelvin sign fold to 'i' and 'k' in String.equalsIgnoreCase.
    AuthResult dottedI = engine.authenticate("Ap\u0130Key " + key.plaintext());
    AuthResult kelvin = engine.authenticate("Api\u212Aey " + key.plaintext());

    assertThat(dottedI.failureReason()).isEqualTo(FailureReason.UNSUPPORTED_SCHEME);
    assertThat(kelvin.failureReason()).isEqualTo(FailureReason.UNSUPPORTED_SCHEME);
  }

  @Test
  void scheme_asciiCaseVariantOfApiKey_accepted() {
    GeneratedApiKey key = API_KEYS.generate("alice", Set.of("read"), null);
    AuthEngine engine = AuthEngine.builder().apiKeys(API_KEYS).build();

    assertThat(engine.authenticate("aPIkEY " + key.plaintext()).isAuthenticated()).isTrue();
  }
}
