/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import dev.bulwark.auth.internal.cache.CachedToken;
import dev.bulwark.auth.internal.cache.OnHeapVerifiedTokenCache;
import dev.bulwark.auth.internal.cache.VerifiedTokenCache;
import dev.bulwark.auth.store.InMemoryApiKeyStore;
import dev.bulwark.auth.testsupport.MutableClock;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Attack tests for the findings of the security review of auth-core, one rule per test. */
class ReviewFindingsTest {
  private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

  private static AuthEngine uncachedEngine(TestTokens keys) {
    return AuthEngine.builder()
        .issuer(Issuer.builder(TestTokens.ISS).jwks(new JWKSet(keys.publicJwk))
            .audiences(TestTokens.AUD).algorithms(keys.alg).build())
        .clock(new MutableClock(NOW))
        .tokenCacheMaximumSize(0)
        .build();
  }

  private static String withSignature(String token, byte[] signature) {
    return token.substring(0, token.lastIndexOf('.') + 1) + TestTokens.b64(signature);
  }

  @Test
  void eddsa_hostileSignatureThenValidTokenOnSameThread_validTokenAccepted() {
    TestTokens ed = TestTokens.ed25519("e1");
    AuthEngine engine = uncachedEngine(ed);
    String valid = ed.mint(TestTokens.claims(NOW.getEpochSecond()));
    byte[] notAPoint = new byte[64];
    Arrays.fill(notAPoint, (byte) 0xFF);

    AuthResult hostile = engine.authenticate("Bearer " + withSignature(valid, notAPoint));
    AuthResult next = engine.authenticate("Bearer " + valid);

    assertThat(hostile.isAuthenticated()).isFalse();
    assertThat(next.isAuthenticated()).isTrue();
  }

  @Test
  void jwks_httpUriWithPassword_messageOmitsPassword() {
    assertThatThrownBy(() -> Issuer.builder(TestTokens.ISS)
        .jwks(URI.create("http://admin:S3cretPw@idp.example.com/jwks")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("<user-info>")
        .hasMessageNotContaining("S3cretPw");
  }

  @Test
  void jwks_httpsUriWithPasswordAndUnparsableHost_messageOmitsPassword() {
    assertThatThrownBy(() -> Issuer.builder(TestTokens.ISS)
        .jwks(URI.create("https://admin:S3cretPw@bad_host.example.com/jwks")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("S3cretPw");
  }

  @Test
  void jwks_rejectedUriWithQuery_messageOmitsQuery() {
    assertThatThrownBy(() -> Issuer.builder(TestTokens.ISS)
        .jwks(URI.create("http://idp.example.com/jwks?api_key=S3cretQ")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("idp.example.com/jwks?<query>")
        .hasMessageNotContaining("S3cretQ");
  }

  private static AuthEngine es256Engine(int keyCount, TestTokens signer) {
    List<JWK> jwks = new ArrayList<>();
    for (int i = 1; i < keyCount; i++) {
      jwks.add(TestTokens.ec("other" + i).publicJwk);
    }
    jwks.add(signer.publicJwk);
    return AuthEngine.builder()
        .issuer(Issuer.builder(TestTokens.ISS).jwks(new JWKSet(jwks))
            .audiences(TestTokens.AUD).algorithms("ES256").build())
        .clock(new MutableClock(NOW))
        .tokenCacheMaximumSize(0)
        .build();
  }

  @Test
  void kidlessToken_issuerWithMoreThanTwoKeysForAlg_refusedAsUnknownKey() {
    TestTokens signer = TestTokens.ec("k3");
    AuthEngine engine = es256Engine(3, signer);
    String kidless = signer.mint("{\"alg\":\"ES256\"}", TestTokens.claims(NOW.getEpochSecond()));

    AuthResult r = engine.authenticate("Bearer " + kidless);

    assertThat(r.isAuthenticated()).isFalse();
    assertThat(r.failureReason()).isEqualTo(FailureReason.UNKNOWN_KEY);
    assertThat(r.detail()).contains("no kid");
  }

  @Test
  void kidlessToken_issuerWithTwoKeysForAlg_verifiedAgainstBoth() {
    TestTokens signer = TestTokens.ec("k2");
    AuthEngine engine = es256Engine(2, signer);
    String kidless = signer.mint("{\"alg\":\"ES256\"}", TestTokens.claims(NOW.getEpochSecond()));

    assertThat(engine.authenticate("Bearer " + kidless).isAuthenticated()).isTrue();
  }

  @Test
  void cache_tokenWithLatestAcceptedExp_validUntilDoesNotWrapIntoThePast() {
    TestTokens hmac = TestTokens.hmac("h1");
    AtomicLong cachedValidUntil = new AtomicLong(Long.MIN_VALUE);
    AuthEngine engine = AuthEngine.builder()
        .issuer(Issuer.builder(TestTokens.ISS).jwks(new JWKSet(hmac.publicJwk))
            .audiences(TestTokens.AUD).algorithms("HS256").build())
        .clock(new MutableClock(NOW))
        .tokenCache((size, ttl, clock, rebuilder) -> new RecordingCache(
            new OnHeapVerifiedTokenCache(size, ttl), cachedValidUntil))
        .build();
    // exp just below Long.MAX_VALUE milliseconds once made adding the clock skew overflow; such an
    // exp is now refused (JwtClaimsNumericDateTest), and the latest one accepted, 9999-12-31, must
    // still give an entry that ends in the future.
    String token = hmac.mint("{\"iss\":\"" + TestTokens.ISS + "\",\"sub\":\"b\",\"aud\":\""
        + TestTokens.AUD + "\",\"exp\":253402300799}");

    assertThat(engine.authenticate("Bearer " + token).isAuthenticated()).isTrue();
    assertThat(cachedValidUntil.get()).isGreaterThan(NOW.toEpochMilli());
  }

  /** Passes everything through and records the validUntil of the last entry put. */
  private static final class RecordingCache implements VerifiedTokenCache {
    private final VerifiedTokenCache delegate;
    private final AtomicLong lastValidUntil;

    RecordingCache(VerifiedTokenCache delegate, AtomicLong lastValidUntil) {
      this.delegate = delegate;
      this.lastValidUntil = lastValidUntil;
    }

    @Override
    public CachedToken get(byte[] token) {
      return delegate.get(token);
    }

    @Override
    public void put(byte[] token, CachedToken entry) {
      lastValidUntil.set(entry.validUntilMillis());
      delegate.put(token, entry);
    }

    @Override
    public void invalidate(byte[] token) {
      delegate.invalidate(token);
    }

    @Override
    public long maximumSize() {
      return delegate.maximumSize();
    }

    @Override
    public long estimatedSize() {
      return delegate.estimatedSize();
    }
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
