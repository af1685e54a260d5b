/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth;

/**
 * Whether {@link AuthEngine.Builder#build()} fetches the key set of every issuer with a JWKS URL,
 * and what a failed fetch does to the build; see {@link
 * AuthEngine.Builder#prefetchKeys(PrefetchMode)}. Static key sets are loaded at build time in every
 * mode.
 */
public enum PrefetchMode {
  /**
   * Nothing is fetched at build time: each issuer's JWKS is fetched by the first token that needs
   * it, which waits for the fetch (up to twice the issuer's {@code jwksTimeout}).
   */
  NONE,

  /**
   * Every JWKS is fetched at build time, in parallel; if any fetch fails or yields no usable key,
   * {@code build()} throws an {@link IllegalStateException} naming each such issuer, its redacted
   * JWKS URI and why (an HTTP status, a timeout, the size limit...). For a service that must not
   * take traffic it cannot authenticate.
   */
  FAIL_FAST,

  /**
   * Every JWKS is fetched at build time, in parallel; a failure is logged, one warning line per
   * issuer, and the engine is built anyway. That issuer's tokens are refused with {@link
   * FailureReason#KEYS_UNAVAILABLE} until a later fetch succeeds (at most one per {@code
   * jwksRateLimit}); {@link AuthEngine#keySetHealth()} shows the failure meanwhile.
   */
  LOG_AND_CONTINUE
}
