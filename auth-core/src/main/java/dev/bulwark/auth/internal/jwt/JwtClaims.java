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
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a verified token's claims (RFC 7519 section 4.1, RFC 9068) and builds its {@link
 * Principal}. Stateless and thread-safe.
 *
 * <p>Times: a token is expired when {@code now >= exp + skew}; not yet valid when {@code now + skew
 * < nbf} or {@code now + skew < iat}. A numeric date ({@code exp}, {@code nbf}, {@code iat}) must
 * be a JSON number from {@value #MIN_NUMERIC_DATE} to {@value #MAX_NUMERIC_DATE} seconds
 * (1970-01-01 to 9999-12-31T23:59:59Z); a fraction of a second is allowed (RFC 7519 section 2) and
 * rounded down to the millisecond. Any other value, or any other JSON type, is malformed.
 *
 * <p>Scopes come from {@code scope} (space-separated) or, failing that, {@code scp} (an array, or a
 * space-separated string); each scope must be an RFC 6749 section 3.3 {@code scope-token} and a
 * string must separate them with single spaces, or the token is malformed. Roles come from the
 * issuer's roles claim (an array of strings or one string).
 */
public final class JwtClaims {
  /** The earliest numeric date accepted, in seconds since the epoch: 1970-01-01T00:00:00Z. */
  public static final long MIN_NUMERIC_DATE = 0L;

  /** The latest numeric date accepted, in seconds since the epoch: 9999-12-31T23:59:59Z. */
  public static final long MAX_NUMERIC_DATE = 253_402_300_799L;

  private JwtClaims() {}

  /**
   * The numeric date {@code name} in milliseconds since the epoch, or {@link Long#MIN_VALUE} when
   * absent.
   *
   * <p>Why a range rather than saturation: a date the library cannot represent exactly used to
   * become the largest {@code long}, so that {@code "exp":1e400} or a 26-digit integer made a token
   * that never expires; a security library must not turn one signed value into another. RFC 7519
   * section 2 defines a NumericDate as seconds from the epoch to a date, so nothing before 1970 is
   * a date a token can carry. The upper bound is the last second of a four-digit year (RFC 3339's
   * {@code date-fullyear}), so that every instant a {@link Principal} reports can be printed,
   * stored (SQL {@code TIMESTAMP} ends in 9999 on most databases) and compared by the systems
   * around the application, and {@code exp} in milliseconds plus any clock skew never overflows.
   *
   * @throws Refusal {@code MALFORMED} when present but null, not a number, or outside [{@value
   *     #MIN_NUMERIC_DATE}, {@value #MAX_NUMERIC_DATE}] (which takes in NaN, the infinities that an
   *     exponent overflow such as {@code 1e400} parses to, and integers beyond a {@code long})
   */
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
      if (s < MIN_NUMERIC_DATE || s > MAX_NUMERIC_DATE) {
        throw outOfRange(name);
      }
      return s * 1000;
    }
    if (v instanceof Double) {
      double s = (Double) v;
      // Written so that NaN fails it too: every comparison with NaN is false.
      if (!(s >= MIN_NUMERIC_DATE && s <= MAX_NUMERIC_DATE)) {
        throw outOfRange(name);
      }
      // Exact enough: below 2^53 milliseconds (year 287,396) a double holds every millisecond.
      return (long) Math.floor(s * 1000.0);
    }
    throw new Refusal(FailureReason.MALFORMED, name + " is not a number");
  }

  private static Refusal outOfRange(String name) {
    return new Refusal(
        FailureReason.MALFORMED,
        name
            + " is not a date between "
            + MIN_NUMERIC_DATE
            + " and "
            + MAX_NUMERIC_DATE
            + " seconds since the epoch");
  }

  /**
   * Checks {@code claims} and builds the principal.
   *
   * @throws Refusal {@code EXPIRED}, {@code NOT_YET_VALID}, {@code UNKNOWN_ISSUER}, {@code
   *     WRONG_AUDIENCE}, {@code MISSING_CLAIM} or {@code MALFORMED}
   */
  public static Principal check(
      Map<String, Object> claims, ClaimsPolicy policy, long nowMillis, long skewMillis)
      throws Refusal {
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
      throw new Refusal(
          sub == null ? FailureReason.MISSING_CLAIM : FailureReason.MALFORMED,
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

  /**
   * The scopes of {@code scope} or, when absent, {@code scp}. RFC 6749 section 3.3: {@code scope =
   * scope-token *( SP scope-token )}, {@code scope-token = 1*( %x21 / %x23-5B / %x5D-7E )}. A
   * string or array element outside that grammar (two spaces, a tab, a control character, a quote,
   * a backslash, non-ASCII) refuses the token: splitting it some other way, or dropping the bad
   * part, would grant scopes that another reader of the same token does not see. The one leniency
   * is the empty string, which grants nothing under any reading.
   */
  private static Set<String> scopes(Map<String, Object> claims) throws Refusal {
    Object scope = claims.get("scope");
    if (scope != null) {
      if (!(scope instanceof String)) {
        throw new Refusal(FailureReason.MALFORMED, "scope is not a string");
      }
      return split((String) scope, "scope");
    }
    Object scp = claims.get("scp");
    if (scp == null) {
      return Set.of();
    }
    if (scp instanceof String) {
      return split((String) scp, "scp");
    }
    Set<String> scopes = strings(scp, "scp");
    for (String s : scopes) {
      // Each element is one scope-token: a space inside one would make it two scopes to a reader
      // that joins the array into a scope string (RFC 8693 section 4.2).
      if (s.isEmpty() || scopeTokenEnd(s, 0) != s.length()) {
        throw notScopeTokens("scp");
      }
    }
    return scopes;
  }

  /** The end of the run of RFC 6749 scope-token characters in {@code s} from {@code start}. */
  private static int scopeTokenEnd(String s, int start) {
    int i = start;
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      if (c < 0x21 || c > 0x7E || c == '"' || c == '\\') {
        break;
      }
      i++;
    }
    return i;
  }

  private static Refusal notScopeTokens(String what) {
    return new Refusal(
        FailureReason.MALFORMED,
        what + " is not a list of RFC 6749 scope-tokens " + "separated by single spaces");
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

  /**
   * The scope-tokens of {@code s}, which must be the RFC 6749 section 3.3 {@code scope} grammar:
   * tokens separated by single spaces, none leading or trailing; or empty.
   */
  private static Set<String> split(String s, String what) throws Refusal {
    int n = s.length();
    if (n == 0) {
      return Set.of();
    }
    String[] out = new String[4];
    int count = 0;
    int start = 0;
    while (true) {
      int end = scopeTokenEnd(s, start);
      // An empty token (a leading, trailing or second space) or a character that is neither a
      // scope-token character nor the single space between two tokens.
      if (end == start || (end < n && s.charAt(end) != ' ')) {
        throw notScopeTokens(what);
      }
      if (count == out.length) {
        out = Arrays.copyOf(out, count * 2);
      }
      out[count++] = s.substring(start, end);
      if (end == n) {
        return setOf(out, count);
      }
      start = end + 1;
    }
  }

  /** Beyond this many elements, duplicates are found with a hash set rather than pairwise. */
  private static final int PAIRWISE_LIMIT = 16;

  /**
   * The first {@code n} strings of {@code a} as an unmodifiable set, duplicates dropped. Built as
   * the JDK's immutable set, which {@code Principal}'s {@code Set.copyOf} keeps as it is: a {@code
   * HashSet} here was copied twice more there (a new {@code HashSet}, then its array) for every
   * token. The pairwise search is for the usual handful of scopes; a token crafted with thousands
   * of them, even with colliding hash codes, goes through a {@code HashSet}, so that it costs O(n
   * log n), not quadratic. Reorders {@code a}.
   */
  static Set<String> setOf(String[] a, int n) {
    if (n == 0) {
      return Set.of();
    }
    if (n == 1) {
      return Set.of(a[0]);
    }
    if (n > PAIRWISE_LIMIT) {
      // Not Set.copyOf: the JDK's immutable set probes linearly, so strings crafted to share one
      // hashCode ("Aa" and "BB" blocks) would make it quadratic. HashMap keeps colliding
      // Comparable keys in a tree, O(log n) each.
      return Collections.unmodifiableSet(new HashSet<>(Arrays.asList(a).subList(0, n)));
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
