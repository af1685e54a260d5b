/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of {@link AuthEngine#authenticate(String)}: a {@link Principal} or a {@link
 * FailureReason}. Immutable and thread-safe.
 *
 * <p>A failure never carries the credential, a key or a secret: {@link #detail()} is a short,
 * fixed-vocabulary explanation safe to log (for example {@code "token is 9000 bytes, limit is
 * 8192"}), and {@link #wwwAuthenticate()} is the RFC 6750 challenge to send with a 401.
 */
public final class AuthResult {
  private final Principal principal;
  private final FailureReason reason;
  private final String detail;
  private final String challenge;

  private AuthResult(Principal principal, FailureReason reason, String detail, String challenge) {
    this.principal = principal;
    this.reason = reason;
    this.detail = detail;
    this.challenge = challenge;
  }

  /** A success for {@code principal}. */
  public static AuthResult success(Principal principal) {
    return new AuthResult(Objects.requireNonNull(principal, "principal"), null, null, null);
  }

  /**
   * A failure. {@code detail} must not contain the credential or any secret; {@code challenge} is
   * the full {@code WWW-Authenticate} header value.
   */
  public static AuthResult failure(FailureReason reason, String detail, String challenge) {
    return new AuthResult(
        null,
        Objects.requireNonNull(reason, "reason"),
        Objects.requireNonNull(detail, "detail"),
        Objects.requireNonNull(challenge, "challenge"));
  }

  /** Returns whether the credential was accepted. */
  public boolean isAuthenticated() {
    return principal != null;
  }

  /**
   * Returns the authenticated principal.
   *
   * @throws IllegalStateException if this result is a failure
   */
  public Principal principal() {
    if (principal == null) {
      throw new IllegalStateException("not authenticated: " + reason);
    }
    return principal;
  }

  /** Returns the principal, or empty for a failure. */
  public Optional<Principal> principalIfAuthenticated() {
    return Optional.ofNullable(principal);
  }

  /**
   * Returns why the credential was refused.
   *
   * @throws IllegalStateException if this result is a success
   */
  public FailureReason failureReason() {
    if (reason == null) {
      throw new IllegalStateException("authenticated: no failure reason");
    }
    return reason;
  }

  /** A short explanation of the failure, safe to log; empty for a success. */
  public String detail() {
    return detail == null ? "" : detail;
  }

  /**
   * The RFC 6750 {@code WWW-Authenticate} value to send with a 401 response, for example {@code
   * Bearer realm="orders-api", error="invalid_token", error_description="token expired"}.
   *
   * @throws IllegalStateException if this result is a success
   */
  public String wwwAuthenticate() {
    if (challenge == null) {
      throw new IllegalStateException("authenticated: no challenge");
    }
    return challenge;
  }

  @Override
  public String toString() {
    return principal != null
        ? "AuthResult{authenticated, " + principal + "}"
        : "AuthResult{refused, reason=" + reason + ", detail=" + detail + "}";
  }
}
