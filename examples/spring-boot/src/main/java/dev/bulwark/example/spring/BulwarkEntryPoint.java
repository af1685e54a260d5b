/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.example.spring;

import dev.bulwark.auth.AuthEngine;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * The 401 and 403 answers: a 401 carries the engine's {@code WWW-Authenticate} for the refusal
 * ({@link BulwarkAuthenticationException#challenge()}), or for a missing credential; a 403 names no
 * policy. Bodies are a fixed JSON error word: nothing of the request is echoed. Thread-safe.
 */
public final class BulwarkEntryPoint implements AuthenticationEntryPoint, AccessDeniedHandler {
  private final String missingCredentialsChallenge;

  /** Entry point whose challenge for an anonymous request is {@code engine}'s. */
  public BulwarkEntryPoint(AuthEngine engine) {
    // What the engine answers for no credential at all: the challenge of an anonymous request.
    this.missingCredentialsChallenge = engine.authenticate(null).wwwAuthenticate();
  }

  @Override
  public void commence(
      HttpServletRequest request,
      HttpServletResponse response,
      AuthenticationException authException)
      throws IOException {
    String challenge =
        authException instanceof BulwarkAuthenticationException
            ? ((BulwarkAuthenticationException) authException).challenge()
            : missingCredentialsChallenge;
    response.setHeader("WWW-Authenticate", challenge);
    write(response, HttpServletResponse.SC_UNAUTHORIZED, "unauthorized");
  }

  @Override
  public void handle(
      HttpServletRequest request,
      HttpServletResponse response,
      org.springframework.security.access.AccessDeniedException denied)
      throws IOException {
    write(response, HttpServletResponse.SC_FORBIDDEN, "forbidden");
  }

  private static void write(HttpServletResponse response, int status, String error)
      throws IOException {
    response.setStatus(status);
    response.setHeader("Cache-Control", "no-store");
    response.setContentType("application/json");
    byte[] body = ("{\"error\":\"" + error + "\"}").getBytes(StandardCharsets.UTF_8);
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }
}
