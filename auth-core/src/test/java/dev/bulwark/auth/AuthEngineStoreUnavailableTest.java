/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth;

import static dev.bulwark.auth.AuthEngineApiKeyAndRevocationTest.DAY;
import static dev.bulwark.auth.AuthEngineApiKeyAndRevocationTest.ISS;
import static dev.bulwark.auth.AuthEngineApiKeyAndRevocationTest.T0;
import static dev.bulwark.auth.AuthEngineApiKeyAndRevocationTest.jwt;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import dev.bulwark.auth.store.ApiKeyRecord;
import dev.bulwark.auth.store.ApiKeyStore;
import dev.bulwark.auth.store.InMemoryApiKeyStore;
import dev.bulwark.auth.store.InMemoryRevocationStore;
import dev.bulwark.auth.store.RevocationStore;
import dev.bulwark.auth.store.StoreUnavailableException;
import dev.bulwark.auth.testsupport.MutableClock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A store that cannot answer never lets a credential through: the engine refuses with {@link
 * FailureReason#STORE_UNAVAILABLE}, on the uncached path, on a cache hit, and for API keys.
 */
class AuthEngineStoreUnavailableTest {
  private final MutableClock clock = new MutableClock(T0);
  private final Stores stores = new Stores(clock);
  private final ApiKeys apiKeys =
      ApiKeys.builder().prefix("bk_live").store(stores).clock(clock).build();
  private AuthEngine engine;

  /** Both stores in one, with a switch that makes every call fail as a down database does. */
  static final class Stores implements ApiKeyStore, RevocationStore {
    final InMemoryApiKeyStore keys = new InMemoryApiKeyStore();
    final InMemoryRevocationStore revocations;
    volatile boolean down;

    Stores(MutableClock clock) {
      this.revocations = new InMemoryRevocationStore(clock);
    }

    private void check() {
      if (down) {
        throw new StoreUnavailableException("test store is down", null);
      }
    }

    @Override
    public Optional<ApiKeyRecord> findByKeyId(String keyId) {
      check();
      return keys.findByKeyId(keyId);
    }

    @Override
    public void insert(ApiKeyRecord record) {
      check();
      keys.insert(record);
    }

    @Override
    public boolean markRevoked(String keyId) {
      check();
      return keys.markRevoked(keyId);
    }

    @Override
    public void revokeToken(String tokenId, Instant expiresAt) {
      check();
      revocations.revokeToken(tokenId, expiresAt);
    }

    @Override
    public void revokeSubject(String subject, Instant issuedBefore) {
      check();
      revocations.revokeSubject(subject, issuedBefore);
    }

    @Override
    public void revokeApiKey(String keyId) {
      check();
      revocations.revokeApiKey(keyId);
    }

    @Override
    public boolean isTokenRevoked(String tokenId) {
      check();
      return revocations.isTokenRevoked(tokenId);
    }

    @Override
    public Optional<Instant> subjectRevokedBefore(String subject) {
      check();
      return revocations.subjectRevokedBefore(subject);
    }

    @Override
    public boolean isApiKeyRevoked(String keyId) {
      check();
      return revocations.isApiKeyRevoked(keyId);
    }
  }

  private static RSAKey signingKey;

  @BeforeAll
  static void keys() throws Exception {
    // The same key id as the shared jwt() helper signs with.
    AuthEngineApiKeyAndRevocationTest.keys();
    signingKey = AuthEngineApiKeyAndRevocationTest.signingKey;
  }

  private AuthEngine engine() {
    if (engine == null) {
      engine =
          AuthEngine.builder()
              .issuer(
                  Issuer.builder(ISS)
                      .jwks(new JWKSet(signingKey.toPublicJWK()))
                      .audiences("orders-api")
                      .algorithms("RS256")
                      .build())
              .apiKeys(apiKeys)
              .revocations(stores)
              .clock(clock)
              .build();
    }
    return engine;
  }

  @Test
  void authenticate_jwtWhileRevocationStoreDown_isRefusedAsStoreUnavailable() throws Exception {
    String token = jwt("alice", "jti-1", T0);
    stores.down = true;

    AuthResult result = engine().authenticate("Bearer " + token);

    assertThat(result.isAuthenticated()).isFalse();
    assertThat(result.failureReason()).isEqualTo(FailureReason.STORE_UNAVAILABLE);
  }

  @Test
  void authenticate_cachedJwtWhileRevocationStoreDown_isRefusedAsStoreUnavailable()
      throws Exception {
    String token = jwt("alice", "jti-2", T0);
    assertThat(engine().authenticate("Bearer " + token).isAuthenticated()).isTrue();
    stores.down = true;

    AuthResult result = engine().authenticate("Bearer " + token);

    assertThat(result.failureReason()).isEqualTo(FailureReason.STORE_UNAVAILABLE);
  }

  @Test
  void authenticate_apiKeyWhileKeyStoreDown_isRefusedAsStoreUnavailable() {
    GeneratedApiKey key = apiKeys.generate("alice", Set.of(), DAY);
    stores.down = true;

    AuthResult result = engine().authenticate("ApiKey " + key.plaintext());

    assertThat(result.failureReason()).isEqualTo(FailureReason.STORE_UNAVAILABLE);
  }

  @Test
  void authenticate_storeUnavailable_challengeCarriesNoErrorCode() throws Exception {
    String token = jwt("alice", "jti-3", T0);
    stores.down = true;

    AuthResult result = engine().authenticate("Bearer " + token);

    // invalid_token would tell the client to throw away a token that may be valid.
    assertThat(result.wwwAuthenticate()).doesNotContain("error=");
  }

  @Test
  void authenticate_storeBackAfterOutage_acceptsTheSameToken() throws Exception {
    String token = jwt("alice", "jti-4", T0);
    stores.down = true;
    engine().authenticate("Bearer " + token);
    stores.down = false;

    assertThat(engine().authenticate("Bearer " + token).isAuthenticated()).isTrue();
  }
}
