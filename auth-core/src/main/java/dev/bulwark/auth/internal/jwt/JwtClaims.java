/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.internal.jwt;

import dev.bulwark.auth.AuthMethod;
import dev.bulwark.auth.FailureReason;
import dev.bulwark.auth.Principal;
import dev.bulwark.auth.internal.Refusal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a verified token's claims (RFC 7519 section 4.1, RFC 9068) and builds its {@link
 * Principal}. Stateless and thread-safe.
 *
 * <p>Times: a token is expired when {@code now >= exp + skew}; not yet valid when {@code now + skew
 * < nbf} or {@code now + skew < iat}. Numeric dates may be integers or decimals; any other JSON
 * type is malformed. Scopes come from {@code scope} (space-separated) or, failing that, {@code scp}
 * (an array, or a space-separated string); roles from the issuer's roles claim (an array of strings
 * or one string).
 */
public final class JwtClaims {
  private JwtClaims() {}

  /** {@link Long#MIN_VALUE} when absent. */
  public static long numericDateMillis(Map<String, Object> claims, String name) throws Refusal {
    Object v = claims.get(name);
    if (v == null) {
      if (claims.containsKey(name)) {
        throw new Refusal(FailureReason.MALFORMED, name + " is null");
      }
      return Long.MIN_VALUE;
    }
    if (v instanceof Long) {
      long s = (Long) v;
      if (s > Long.MAX_VALUE / 1000 || s < -(Long.MAX_VALUE / 1000)) {
        return s > 0 ? Long.MAX_VALUE - 1 : Long.MIN_VALUE + 1;
      }
      return s * 1000;
    }
    if (v instanceof Double) {
      double ms = (Double) v * 1000.0;
      if (ms >= 9.0e18) {
        return Long.MAX_VALUE - 1;
      }
      if (ms <= -9.0e18) {
        return Long.MIN_VALUE + 1;
      }
      return (long) Math.floor(ms);
    }
    throw new Refusal(FailureReason.MALFORMED, name + " is not a number");
  }

  /**
   * Checks {@code claims} and builds the principal.
   *
   * @throws Refusal {@code EXPIRED}, {@code NOT_YET_VALID}, {@code UNKNOWN_ISSUER}, {@code
   *     WRONG_AUDIENCE}, {@code MISSING_CLAIM} or {@code MALFORMED}
   */
  public static Principal check(Map<String, Object> claims, ClaimsPolicy policy, long nowMillis,
      long skewMillis) throws Refusal {
    if (!policy.iss.equals(claims.get("iss"))) {
      throw new Refusal(FailureReason.UNKNOWN_ISSUER, "iss is not the issuer's");
    }
    long exp = numericDateMillis(claims, "exp");
    if (exp == Long.MIN_VALUE) {
      if (policy.requireExpiry) {
        throw new Refusal(FailureReason.EXPIRED, "token has no exp and one is required");
      }
    } else if (nowMillis >= saturatedAdd(exp, skewMillis)) {
      throw new Refusal(FailureReason.EXPIRED, "token has expired");
    }
    long nbf = numericDateMillis(claims, "nbf");
    if (nbf != Long.MIN_VALUE && saturatedAdd(nowMillis, skewMillis) < nbf) {
      throw new Refusal(FailureReason.NOT_YET_VALID, "token nbf is in the future");
    }
    long iat = numericDateMillis(claims, "iat");
    if (iat != Long.MIN_VALUE && saturatedAdd(nowMillis, skewMillis) < iat) {
      throw new Refusal(FailureReason.NOT_YET_VALID, "token iat is in the future");
    }
    Set<String> audiences = audiences(claims.get("aud"), claims.containsKey("aud"));
    boolean audienceOk = false;
    for (String a : audiences) {
      if (policy.audiences.contains(a)) {
        audienceOk = true;
        break;
      }
    }
    if (!audienceOk) {
      throw new Refusal(FailureReason.WRONG_AUDIENCE, "aud holds none of the accepted audiences");
    }
    for (String name : policy.requiredClaims) {
      if (claims.get(name) == null) {
        throw new Refusal(FailureReason.MISSING_CLAIM, "a required claim is missing");
      }
    }
    Object sub = claims.get("sub");
    if (!(sub instanceof String) || ((String) sub).isEmpty()) {
      throw new Refusal(sub == null ? FailureReason.MISSING_CLAIM : FailureReason.MALFORMED,
          "token has no string sub");
    }
    Object jti = claims.get("jti");
    if (jti != null && !(jti instanceof String)) {
      throw new Refusal(FailureReason.MALFORMED, "jti is not a string");
    }
    return Principal.builder(AuthMethod.JWT, policy.iss, (String) sub)
        .audiences(audiences)
        .scopes(scopes(claims))
        .roles(roles(claims, policy.rolesPath))
        .claims(claims)
        .issuedAt(iat == Long.MIN_VALUE ? null : Instant.ofEpochMilli(iat))
        .expiresAt(exp == Long.MIN_VALUE ? null : Instant.ofEpochMilli(exp))
        .credentialId((String) jti)
        .build();
  }

  static long saturatedAdd(long a, long b) {
    long r = a + b;
    return ((a ^ r) & (b ^ r)) < 0 ? (a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : r;
  }

  private static Set<String> audiences(Object aud, boolean present) throws Refusal {
    if (aud instanceof String) {
      return Set.of((String) aud);
    }
    if (aud instanceof List) {
      List<?> list = (List<?>) aud;
      String[] out = new String[list.size()];
      for (int i = 0; i < out.length; i++) {
        Object o = list.get(i);
        if (!(o instanceof String)) {
          throw new Refusal(FailureReason.MALFORMED, "aud holds a non-string");
        }
        out[i] = (String) o;
      }
      return setOf(out, out.length);
    }
    if (aud == null && !present) {
      return Set.of();
    }
    throw new Refusal(FailureReason.MALFORMED, "aud is neither a string nor an array");
  }

  private static Set<String> scopes(Map<String, Object> claims) throws Refusal {
    Object scope = claims.get("scope");
    if (scope != null) {
      if (!(scope instanceof String)) {
        throw new Refusal(FailureReason.MALFORMED, "scope is not a string");
      }
      return split((String) scope);
    }
    Object scp = claims.get("scp");
    if (scp == null) {
      return Set.of();
    }
    if (scp instanceof String) {
      return split((String) scp);
    }
    return strings(scp, "scp");
  }

  private static Set<String> roles(Map<String, Object> claims, String[] path) throws Refusal {
    Object v = claims;
    for (String part : path) {
      if (!(v instanceof Map)) {
        return Set.of();
      }
      v = ((Map<?, ?>) v).get(part);
    }
    if (v == null) {
      return Set.of();
    }
    if (v instanceof String) {
      return Set.of((String) v);
    }
    return strings(v, "roles claim");
  }

  private static Set<String> strings(Object v, String what) throws Refusal {
    if (!(v instanceof List)) {
      throw new Refusal(FailureReason.MALFORMED, what + " is not an array of strings");
    }
    List<?> list = (List<?>) v;
    String[] out = new String[list.size()];
    for (int i = 0; i < out.length; i++) {
      Object o = list.get(i);
      if (!(o instanceof String)) {
        throw new Refusal(FailureReason.MALFORMED, what + " is not an array of strings");
      }
      out[i] = (String) o;
    }
    return setOf(out, out.length);
  }

  private static Set<String> split(String s) {
    if (s.isEmpty()) {
      return Set.of();
    }
    String[] out = new String[4];
    int count = 0;
    int start = 0;
    int n = s.length();
    for (int i = 0; i <= n; i++) {
      if (i == n || s.charAt(i) == ' ') {
        if (i > start) {
          if (count == out.length) {
            out = Arrays.copyOf(out, count * 2);
          }
          out[count++] = s.substring(start, i);
        }
        start = i + 1;
      }
    }
    return setOf(out, count);
  }

  /** Beyond this many elements, duplicates are found with a hash set rather than pairwise. */
  private static final int PAIRWISE_LIMIT = 16;

  /**
   * The first {@code n} strings of {@code a} as an unmodifiable set, duplicates dropped. Built as
   * the JDK's immutable set, which {@code Principal}'s {@code Set.copyOf} keeps as it is: a
   * {@code HashSet} here was copied twice more there (a new {@code HashSet}, then its array) for
   * every token. The pairwise search is for the usual handful of scopes; a token crafted with
   * thousands of them goes through a hash set, so that it costs linear time, not quadratic.
   * Reorders {@code a}.
   */
  static Set<String> setOf(String[] a, int n) {
    if (n == 0) {
      return Set.of();
    }
    if (n == 1) {
      return Set.of(a[0]);
    }
    if (n > PAIRWISE_LIMIT) {
      return Set.copyOf(Arrays.asList(a).subList(0, n));
    }
    int distinct = 0;
    for (int i = 0; i < n; i++) {
      boolean seen = false;
      for (int j = 0; j < distinct; j++) {
        if (a[j].equals(a[i])) {
          seen = true;
          break;
        }
      }
      if (!seen) {
        a[distinct++] = a[i];
      }
    }
    return Set.of(distinct == a.length ? a : Arrays.copyOf(a, distinct));
  }
}
