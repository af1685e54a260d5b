/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.internal.jws;

import dev.bulwark.auth.FailureReason;
import dev.bulwark.auth.internal.Refusal;
import dev.bulwark.auth.internal.json.StrictJson;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The JWS layer of Bulwark (RFC 7515 compact serialization, hardened after RFC 8725): parses a
 * token and checks its signature against one issuer's keys. Stateless and thread-safe. {@code
 * AuthEngine} verifies every JWT through this class; the Wycheproof test drives the same two
 * methods.
 *
 * <p>{@link #parse} splits and decodes: exactly three segments (five is a JWE, refused), strict
 * base64url, a JSON header within the depth limit without duplicate names, a string {@code alg}, an
 * optional string {@code kid}, no {@code crit} (no extension is understood, so any entry is
 * refused, {@code b64} included), no {@code b64} member, no nested JWT ({@code cty: JWT}).
 *
 * <p>{@link #verify} applies the issuer's policy: {@code alg} on the allow-list and never {@code
 * none}; {@code typ} when one is required; the key found by {@code kid} in the issuer's set, or,
 * without a kid, each key of the set that fits the algorithm; the key's own type and algorithms
 * decide whether it may verify this {@code alg} (the header never chooses a key type). The {@code
 * jku}, {@code x5u}, {@code x5c} and {@code jwk} members are never read.
 *
 * <p>The JWS JSON serialization is not supported: a bearer JWT is always compact (RFC 7519 section
 * 7.2), and a JSON-serialized token is refused as malformed.
 */
public final class JwsVerifier {

  private JwsVerifier() {}

  /**
   * A split and decoded compact JWS whose signature is not yet checked. Immutable by convention.
   */
  public static final class Parsed {
    /**
     * Holds the token at [tokenStart, its end); the signing input is [tokenStart, signingInputEnd).
     */
    final byte[] token;

    final int tokenStart;
    final int signingInputEnd;
    final Map<String, Object> header;
    final byte[] payload;
    final byte[] signature;
    final String alg;
    final String kid;

    Parsed(
        byte[] token,
        int tokenStart,
        int signingInputEnd,
        Map<String, Object> header,
        byte[] payload,
        byte[] signature,
        String alg,
        String kid) {
      this.token = token;
      this.tokenStart = tokenStart;
      this.signingInputEnd = signingInputEnd;
      this.header = header;
      this.payload = payload;
      this.signature = signature;
      this.alg = alg;
      this.kid = kid;
    }

    /** The decoded payload (for a JWT, the claims set's UTF-8 JSON). Do not modify. */
    public byte[] payload() {
      return payload;
    }

    /** The unverified header. */
    public Map<String, Object> header() {
      return header;
    }

    /** The unverified {@code kid}, or {@code null}. */
    public String kid() {
      return kid;
    }

    /** The unverified {@code alg}. */
    public String alg() {
      return alg;
    }
  }

  /** Parses a compact JWS given as text; any non-ASCII character makes it malformed. */
  public static Parsed parse(String token, int maxDepth) throws Refusal {
    int n = token.length();
    for (int i = 0; i < n; i++) {
      if (token.charAt(i) >= 0x80) {
        throw new Refusal(FailureReason.MALFORMED, "token is not ASCII");
      }
    }
    return parse(token.getBytes(StandardCharsets.ISO_8859_1), maxDepth);
  }

  /**
   * The decoded payload of a compact JWS that {@link #parse} has already accepted, skipping the
   * header and the signature: for a cache hit, whose bytes were confirmed identical to a token that
   * passed every check.
   *
   * @throws Refusal {@code MALFORMED} if the token does not have three segments or the payload is
   *     not base64url
   */
  public static byte[] payloadOfParsed(byte[] token) throws Refusal {
    int first = -1;
    int second = -1;
    for (int i = 0; i < token.length; i++) {
      if (token[i] == '.') {
        if (first < 0) {
          first = i;
        } else if (second < 0) {
          second = i;
        } else {
          second = -1;
          break;
        }
      }
    }
    if (second < 0) {
      throw new Refusal(FailureReason.MALFORMED, "token does not have three segments");
    }
    return JwsBase64Url.decode(token, first + 1, second, "payload");
  }

  /**
   * Parses a compact JWS given as ASCII bytes.
   *
   * @throws Refusal {@code MALFORMED}, {@code TOO_LARGE} or {@code UNSUPPORTED_HEADER}
   */
  public static Parsed parse(byte[] token, int maxDepth) throws Refusal {
    return parse(token, 0, maxDepth);
  }

  /**
   * Parses the compact JWS that fills {@code token} from {@code from} to its end, ASCII bytes: for
   * the engine, which hands over the whole {@code Authorization} header's bytes rather than copy
   * the token out of them once more.
   *
   * @throws Refusal {@code MALFORMED}, {@code TOO_LARGE} or {@code UNSUPPORTED_HEADER}
   */
  public static Parsed parse(byte[] token, int from, int maxDepth) throws Refusal {
    int first = -1;
    int second = -1;
    int dots = 0;
    for (int i = from; i < token.length; i++) {
      if (token[i] == '.') {
        dots++;
        if (first < 0) {
          first = i;
        } else if (second < 0) {
          second = i;
        }
      }
    }
    if (dots != 2) {
      throw new Refusal(
          FailureReason.MALFORMED,
          dots == 4
              ? "token is a JWE (5 segments); only a signed JWT (JWS) is accepted"
              : "token has " + (dots + 1) + " segments, a JWS has 3");
    }
    if (first == from) {
      throw new Refusal(FailureReason.MALFORMED, "token has an empty header");
    }
    byte[] headerJson = JwsBase64Url.decode(token, from, first, "header");
    byte[] payload = JwsBase64Url.decode(token, first + 1, second, "payload");
    byte[] signature = JwsBase64Url.decode(token, second + 1, token.length, "signature");
    Map<String, Object> header =
        StrictJson.parseObject(headerJson, 0, headerJson.length, maxDepth, headerJson.length);
    Object alg = header.get("alg");
    if (!(alg instanceof String)) {
      throw new Refusal(FailureReason.MALFORMED, "header has no string alg");
    }
    Object kid = header.get("kid");
    if (kid != null && !(kid instanceof String)) {
      throw new Refusal(FailureReason.MALFORMED, "header kid is not a string");
    }
    if (header.containsKey("kid") && kid == null) {
      throw new Refusal(FailureReason.MALFORMED, "header kid is null");
    }
    if (header.containsKey("crit")) {
      Object crit = header.get("crit");
      if (!(crit instanceof List) || ((List<?>) crit).isEmpty()) {
        throw new Refusal(FailureReason.MALFORMED, "header crit is not a non-empty array");
      }
      throw new Refusal(
          FailureReason.UNSUPPORTED_HEADER,
          "header crit names an extension this verifier does not understand");
    }
    if (header.containsKey("b64")) {
      throw new Refusal(FailureReason.UNSUPPORTED_HEADER, "header b64 (RFC 7797) is not accepted");
    }
    Object cty = header.get("cty");
    if (cty instanceof String && ((String) cty).equalsIgnoreCase("JWT")) {
      throw new Refusal(FailureReason.UNSUPPORTED_HEADER, "nested JWT (cty JWT) is not accepted");
    }
    return new Parsed(token, from, second, header, payload, signature, (String) alg, (String) kid);
  }

  /**
   * How many keys a token without {@code kid} may be tried against. Without a limit, one forged
   * kid-less token costs a signature verification per key of the issuer (32 ES256 keys, 32
   * verifications). Issuers that publish several keys put a kid on their tokens (RFC 7515 section
   * 4.1.4 recommends it when several keys exist); two still covers a key rotation overlap of an
   * issuer that never sets kid.
   */
  static final int MAX_KIDLESS_CANDIDATES = 2;

  /**
   * Checks the header policy and the signature of {@code jws} against {@code keys}.
   *
   * @param allowed the issuer's algorithm allow-list
   * @param requiredType the required {@code typ}, normalised by {@link #normaliseType}, or null
   * @return the key that verified the signature
   * @throws Refusal {@code DISALLOWED_ALGORITHM}, {@code WRONG_TYPE}, {@code UNKNOWN_KEY} or {@code
   *     BAD_SIGNATURE}
   */
  public static VerificationKey verify(
      Parsed jws, KeySet keys, Set<JwsAlgorithm> allowed, String requiredType) throws Refusal {
    if (JwsAlgorithm.isNone(jws.alg)) {
      throw new Refusal(FailureReason.DISALLOWED_ALGORITHM, "alg none is never accepted");
    }
    JwsAlgorithm alg = JwsAlgorithm.byName(jws.alg);
    if (alg == null || !allowed.contains(alg)) {
      throw new Refusal(FailureReason.DISALLOWED_ALGORITHM, "alg is not on the allow-list");
    }
    if (requiredType != null) {
      Object typ = jws.header.get("typ");
      if (!(typ instanceof String) || !requiredType.equals(normaliseType((String) typ))) {
        throw new Refusal(FailureReason.WRONG_TYPE, "typ is not the required type");
      }
    }
    if (jws.kid != null) {
      VerificationKey key = keys.byKid(jws.kid);
      if (key == null) {
        throw new Refusal(FailureReason.UNKNOWN_KEY, "no key of the issuer has this kid");
      }
      if (!key.permits(alg)) {
        throw new Refusal(FailureReason.DISALLOWED_ALGORITHM, "alg does not fit the key");
      }
      if (!key.verify(
          alg, jws.token, jws.tokenStart, jws.signingInputEnd - jws.tokenStart, jws.signature)) {
        throw new Refusal(FailureReason.BAD_SIGNATURE, "signature does not verify");
      }
      return key;
    }
    int candidates = 0;
    for (VerificationKey key : keys.keys()) {
      if (key.permits(alg)) {
        candidates++;
      }
    }
    if (candidates == 0) {
      throw new Refusal(FailureReason.UNKNOWN_KEY, "no key of the issuer fits the alg");
    }
    if (candidates > MAX_KIDLESS_CANDIDATES) {
      throw new Refusal(
          FailureReason.UNKNOWN_KEY,
          "token has no kid and the issuer has more than "
              + MAX_KIDLESS_CANDIDATES
              + " keys for its alg");
    }
    for (VerificationKey key : keys.keys()) {
      if (key.permits(alg)
          && key.verify(
              alg,
              jws.token,
              jws.tokenStart,
              jws.signingInputEnd - jws.tokenStart,
              jws.signature)) {
        return key;
      }
    }
    throw new Refusal(FailureReason.BAD_SIGNATURE, "signature does not verify");
  }

  /**
   * Normalises a media type for comparison (RFC 8725 section 3.11, RFC 7515 section 4.1.9): lower
   * case, without an {@code application/} prefix.
   */
  public static String normaliseType(String typ) {
    String t = typ.toLowerCase(Locale.ROOT);
    return t.startsWith("application/") ? t.substring("application/".length()) : t;
  }
}
