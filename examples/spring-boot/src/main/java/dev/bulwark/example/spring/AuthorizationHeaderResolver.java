/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.example.spring;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Enumeration;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;

/**
 * Hands the resource server's filter the request's whole {@code Authorization} value, scheme
 * included, so that {@link BulwarkAuthenticationManager} can pass it to the engine as it came:
 * {@code Bearer <jwt>}, {@code Bearer <api key>} and {@code ApiKey <api key>} alike, each parsed by
 * the engine's strict header syntax. No header: null, an anonymous request. Thread-safe.
 */
public final class AuthorizationHeaderResolver implements BearerTokenResolver {
  /**
   * The header's value, or null when there is none.
   *
   * @throws InvalidBearerTokenException if there are two or more: which one counts would depend on
   *     who reads them, so both are refused (a 401)
   */
  @Override
  public String resolve(HttpServletRequest request) {
    Enumeration<String> values = request.getHeaders("Authorization");
    if (values == null || !values.hasMoreElements()) {
      return null;
    }
    String value = values.nextElement();
    if (values.hasMoreElements()) {
      throw new InvalidBearerTokenException(
          new OAuth2Error("invalid_request", "more than one Authorization header", null)
              .getDescription());
    }
    return value;
  }
}
