/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.example.spring;

import dev.bulwark.auth.AuthEngine;
import dev.bulwark.auth.AuthResult;
import dev.bulwark.auth.FailureReason;
import java.util.Objects;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

/**
 * Spring Security's resource server, authenticating through Bulwark: the credential its filter
 * resolved ({@link AuthorizationHeaderResolver} hands over the whole {@code Authorization} value)
 * goes to {@link AuthEngine#authenticate(String)}, so the application gets Bulwark's verified-token
 * cache, its revocation checks and its API keys behind Spring's own filter chain. Thread-safe.
 *
 * <p>A refusal throws {@link BulwarkAuthenticationException} with the engine's challenge (a 401); a
 * revocation or key store that cannot answer throws {@link AuthenticationServiceException}, which
 * Spring answers with a server error rather than a 401 that would tell the client to drop a valid
 * credential.
 */
public final class BulwarkAuthenticationManager implements AuthenticationManager {
  private final AuthEngine engine;

  /** A manager that asks {@code engine}. */
  public BulwarkAuthenticationManager(AuthEngine engine) {
    this.engine = Objects.requireNonNull(engine, "engine");
  }

  /**
   * Authenticates a {@link BearerTokenAuthenticationToken} whose token is an {@code Authorization}
   * header value; another kind of token is not this manager's and gives null, as the contract asks.
   *
   * @throws BulwarkAuthenticationException if the engine refuses the credential
   * @throws AuthenticationServiceException if a store the engine needs cannot answer
   */
  @Override
  public Authentication authenticate(Authentication request) throws AuthenticationException {
    if (!(request instanceof BearerTokenAuthenticationToken)) {
      return null;
    }
    AuthResult result = engine.authenticate(((BearerTokenAuthenticationToken) request).getToken());
    if (result.isAuthenticated()) {
      return new BulwarkAuthentication(result.principal());
    }
    if (result.failureReason() == FailureReason.STORE_UNAVAILABLE) {
      throw new AuthenticationServiceException("credential store unavailable");
    }
    throw new BulwarkAuthenticationException(result.failureReason(), result.wwwAuthenticate());
  }

  @Override
  public String toString() {
    return "BulwarkAuthenticationManager{" + engine + "}";
  }
}
