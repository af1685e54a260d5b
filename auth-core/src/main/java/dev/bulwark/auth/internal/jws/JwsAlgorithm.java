/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.internal.jws;

import java.util.Locale;

/**
 * The JWS signature algorithms Bulwark verifies (RFC 7518 section 3, RFC 8037); immutable and
 * thread-safe. {@code none} is not one of them and never will be.
 */
public enum JwsAlgorithm {
  HS256(Family.HMAC, "HmacSHA256", 32, null, 0),
  HS384(Family.HMAC, "HmacSHA384", 48, null, 0),
  HS512(Family.HMAC, "HmacSHA512", 64, null, 0),
  RS256(Family.RSA, "SHA256withRSA", 32, null, 0),
  RS384(Family.RSA, "SHA384withRSA", 48, null, 0),
  RS512(Family.RSA, "SHA512withRSA", 64, null, 0),
  PS256(Family.RSA_PSS, "SHA-256", 32, null, 0),
  PS384(Family.RSA_PSS, "SHA-384", 48, null, 0),
  PS512(Family.RSA_PSS, "SHA-512", 64, null, 0),
  ES256(Family.EC, "SHA256withECDSAinP1363Format", 32, "P-256", 32),
  ES384(Family.EC, "SHA384withECDSAinP1363Format", 48, "P-384", 48),
  ES512(Family.EC, "SHA512withECDSAinP1363Format", 64, "P-521", 66),
  EdDSA(Family.EDDSA, null, 0, null, 0);

  /** The kind of key an algorithm needs. */
  public enum Family {
    HMAC,
    RSA,
    RSA_PSS,
    EC,
    EDDSA
  }

  private final Family family;
  private final String jca;
  private final int hashBytes;
  private final String curve;
  private final int coordinateBytes;

  JwsAlgorithm(Family family, String jca, int hashBytes, String curve, int coordinateBytes) {
    this.family = family;
    this.jca = jca;
    this.hashBytes = hashBytes;
    this.curve = curve;
    this.coordinateBytes = coordinateBytes;
  }

  /** The kind of key this algorithm needs. */
  public Family family() {
    return family;
  }

  /** The JCA algorithm name (for PS*, the message digest name of the PSS parameters). */
  String jca() {
    return jca;
  }

  /** Output length of the hash, which is also the shortest acceptable HMAC key. */
  public int hashBytes() {
    return hashBytes;
  }

  /** For ES*: the JWK curve name this algorithm requires. */
  public String curve() {
    return curve;
  }

  /** For ES*: the length of r and of s in the JWS (P1363) signature. */
  int coordinateBytes() {
    return coordinateBytes;
  }

  /**
   * Returns the algorithm with exactly this JWS name, or {@code null}. Case-sensitive (RFC 7515).
   */
  public static JwsAlgorithm byName(String name) {
    if (name == null) {
      return null;
    }
    switch (name) {
      case "HS256":
        return HS256;
      case "HS384":
        return HS384;
      case "HS512":
        return HS512;
      case "RS256":
        return RS256;
      case "RS384":
        return RS384;
      case "RS512":
        return RS512;
      case "PS256":
        return PS256;
      case "PS384":
        return PS384;
      case "PS512":
        return PS512;
      case "ES256":
        return ES256;
      case "ES384":
        return ES384;
      case "ES512":
        return ES512;
      case "EdDSA":
        return EdDSA;
      default:
        return null;
    }
  }

  /** Whether {@code name} is {@code none} in any letter case. */
  public static boolean isNone(String name) {
    // The length test first spares every real alg name ("RS256") a lowercased copy per token. It
    // refuses nothing that could lower-case to "none": lowering never shortens a string, and the
    // one char it lengthens (U+0130) yields U+0307, which "none" does not hold.
    return name != null && name.length() == 4 && name.toLowerCase(Locale.ROOT).equals("none");
  }
}
