/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth;

/**
 * Why {@link AuthEngine#authenticate(String)} refused a credential.
 *
 * <p>Each reason maps to the RFC 6750 error code sent back in {@code WWW-Authenticate}: {@code
 * null} when the request carried no usable credential at all (section 3.1: "the resource server
 * SHOULD NOT include an error code"), {@code invalid_request} when the header itself is malformed,
 * and {@code invalid_token} for every credential that was read and refused.
 */
public enum FailureReason {
  /** No {@code Authorization} header, or an empty one. */
  MISSING_CREDENTIALS(null),
  /** The header names a scheme other than {@code Bearer} or {@code ApiKey}. */
  UNSUPPORTED_SCHEME(null),
  /** The header or the credential is not well formed (bad base64url, bad JSON, wrong shape). */
  MALFORMED("invalid_request"),
  /** The credential is longer, or its JSON deeper or larger, than the configured limits. */
  TOO_LARGE("invalid_request"),
  /** The token's {@code iss} is not one of the configured issuers. */
  UNKNOWN_ISSUER("invalid_token"),
  /** No key of the issuer matches the token's {@code kid} (or, without a kid, none verifies). */
  UNKNOWN_KEY("invalid_token"),
  /** The token's {@code alg} is not on the issuer's allow-list, or does not fit the key. */
  DISALLOWED_ALGORITHM("invalid_token"),
  /**
   * The header carries something the verifier must refuse: an unknown {@code crit}, {@code b64}.
   */
  UNSUPPORTED_HEADER("invalid_token"),
  /** The signature does not verify. */
  BAD_SIGNATURE("invalid_token"),
  /**
   * The token's {@code exp} has passed (beyond the clock skew), or it has none and one is required.
   */
  EXPIRED("invalid_token"),
  /** The token's {@code nbf} or {@code iat} lies in the future beyond the clock skew. */
  NOT_YET_VALID("invalid_token"),
  /** The token's {@code aud} contains none of the issuer's configured audiences. */
  WRONG_AUDIENCE("invalid_token"),
  /** The token's {@code typ} header is not the one configured (for example {@code at+jwt}). */
  WRONG_TYPE("invalid_token"),
  /** A claim the issuer requires is missing or has the wrong JSON type. */
  MISSING_CLAIM("invalid_token"),
  /** The token's {@code jti}, its subject, or the API key has been revoked. */
  REVOKED("invalid_token"),
  /** The API key is unknown, or its secret does not match. */
  INVALID_API_KEY("invalid_token"),
  /**
   * The issuer's keys could not be fetched and no last-good keys are within the outage tolerance.
   */
  KEYS_UNAVAILABLE("invalid_token"),
  /**
   * A store the check needs (API keys, revocations) could not answer: its database is down or slow.
   * The credential is refused, not judged: a service answers 503, and the RFC 6750 challenge
   * carries no error code, so the client does not discard a token that may be valid.
   */
  STORE_UNAVAILABLE(null),
  /** An unexpected internal error; the credential is refused (fail closed). */
  INTERNAL_ERROR("invalid_token");

  private final String oauthError;

  FailureReason(String oauthError) {
    this.oauthError = oauthError;
  }

  /**
   * Returns the RFC 6750 section 3.1 error code for this reason, or {@code null} when the challenge
   * carries no error code.
   */
  public String oauthError() {
    return oauthError;
  }
}
