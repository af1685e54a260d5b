/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.internal.http;

import dev.bulwark.auth.FailureReason;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The {@code WWW-Authenticate} challenges (RFC 7235, with RFC 6750's {@code error} and {@code
 * error_description}) for each {@link FailureReason}, built once per scheme so that a refusal
 * allocates no challenge text. Immutable and thread-safe.
 */
public final class Challenges {
  private Challenges() {}

  /**
   * The challenge for every reason, for {@code scheme} and {@code realm} (null for none; the caller
   * has checked it holds no {@code "} or {@code \}).
   */
  public static Map<FailureReason, String> forScheme(String scheme, String realm) {
    Map<FailureReason, String> m = new EnumMap<>(FailureReason.class);
    for (FailureReason r : FailureReason.values()) {
      StringBuilder sb = new StringBuilder(scheme);
      String sep = " ";
      if (realm != null) {
        sb.append(sep).append("realm=\"").append(realm).append('"');
        sep = ", ";
      }
      if (r.oauthError() != null) {
        sb.append(sep).append("error=\"").append(r.oauthError()).append('"');
        sb.append(", error_description=\"").append(description(r)).append('"');
      }
      m.put(r, sb.toString());
    }
    return Collections.unmodifiableMap(m);
  }

  /** Fixed texts: a description never carries anything from the credential. */
  public static String description(FailureReason r) {
    switch (r) {
      case MALFORMED:
        return "The credential is malformed";
      case TOO_LARGE:
        return "The credential exceeds the size limits";
      case UNKNOWN_ISSUER:
        return "The token issuer is not trusted";
      case UNKNOWN_KEY:
        return "The token signing key is unknown";
      case DISALLOWED_ALGORITHM:
        return "The token algorithm is not allowed";
      case UNSUPPORTED_HEADER:
        return "The token header is not supported";
      case BAD_SIGNATURE:
        return "The token signature is invalid";
      case EXPIRED:
        return "The token has expired";
      case NOT_YET_VALID:
        return "The token is not valid yet";
      case WRONG_AUDIENCE:
        return "The token audience is not accepted";
      case WRONG_TYPE:
        return "The token type is not accepted";
      case MISSING_CLAIM:
        return "The token lacks a required claim";
      case REVOKED:
        return "The credential has been revoked";
      case INVALID_API_KEY:
        return "The API key is invalid";
      case KEYS_UNAVAILABLE:
        return "The issuer keys are unavailable";
      case INTERNAL_ERROR:
        return "The credential could not be verified";
      default:
        return "The credential was refused";
    }
  }
}
