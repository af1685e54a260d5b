/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.testsupport;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Mints JWS compact tokens by hand: the header and payload are raw JSON text, so that a test can
 * write what no well-behaved library would emit (duplicate names, {@code alg} values that do not
 * match the key, deep nesting), and the signature is computed over exactly those bytes. Stateless.
 */
public final class Jws {
  /** The issuer every test configures. */
  public static final String ISS = "https://id.example.com";

  /** The audience every test configures. */
  public static final String AUD = "orders-api";

  private Jws() {}

  /** Unpadded base64url, the only encoding RFC 7515 allows in a compact JWS. */
  public static String b64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  public static String b64(String utf8) {
    return b64(utf8.getBytes(UTF_8));
  }

  public static byte[] unb64(String segment) {
    return Base64.getUrlDecoder().decode(segment);
  }

  /** Serialises a map as JSON text with nimbus's writer. */
  public static String json(Map<String, Object> map) {
    return JSONObjectUtils.toJSONString(map);
  }

  /** A header {@code {"alg":alg,"kid":kid}}; {@code kid} may be null. */
  public static Map<String, Object> header(String alg, String kid) {
    Map<String, Object> h = new LinkedHashMap<>();
    h.put("alg", alg);
    if (kid != null) {
      h.put("kid", kid);
    }
    return h;
  }

  /**
   * Claims the configured issuer accepts at {@code now}: our iss and aud, a subject, iat now, exp
   * five minutes later and a random jti (so that two tokens never share a cache entry).
   */
  public static Map<String, Object> claims(Instant now) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("iss", ISS);
    c.put("sub", "alice");
    c.put("aud", AUD);
    c.put("iat", now.getEpochSecond());
    c.put("exp", now.plusSeconds(300).getEpochSecond());
    c.put("jti", UUID.randomUUID().toString());
    return c;
  }

  /** Signs {@code claims} under {@code header} with {@code key}, using the header's alg. */
  public static String sign(JWK key, Map<String, Object> header, Map<String, Object> claims) {
    return signRaw(key, JWSAlgorithm.parse((String) header.get("alg")), json(header), json(claims));
  }

  /** A token signed with {@code key} (its kid in the header) and the given algorithm. */
  public static String sign(JWK key, String alg, Map<String, Object> claims) {
    return sign(key, header(alg, key.getKeyID()), claims);
  }

  /** Signs the raw JSON texts with {@code key} under {@code alg}, whatever the header says. */
  public static String signRaw(JWK key, JWSAlgorithm alg, String headerJson, String payloadJson) {
    String input = b64(headerJson) + "." + b64(payloadJson);
    return input + "." + b64(signature(key, alg, input.getBytes(UTF_8)));
  }

  /**
   * Signs already-encoded segments as they stand, so that a non-canonical encoding still carries a
   * signature that verifies over its exact text.
   */
  public static String signSegments(
      JWK key, JWSAlgorithm alg, String headerSegment, String payloadSegment) {
    String input = headerSegment + "." + payloadSegment;
    return input + "." + b64(signature(key, alg, input.getBytes(UTF_8)));
  }

  /** Replaces the signature of {@code token} (its third segment) with {@code signature}. */
  public static String withSignature(String token, byte[] signature) {
    return token.substring(0, token.lastIndexOf('.') + 1) + b64(signature);
  }

  /** The third segment of a compact token. */
  public static String signatureSegment(String token) {
    return token.substring(token.lastIndexOf('.') + 1);
  }

  /**
   * The signature of {@code input} by {@code key} under {@code alg}, as JWS puts it on the wire.
   */
  public static byte[] signature(JWK key, JWSAlgorithm alg, byte[] input) {
    try {
      return signer(key).sign(new JWSHeader(alg), input).decode();
    } catch (JOSEException e) {
      throw new AssertionError(e);
    }
  }

  /** HMAC-SHA-256 of {@code input} under an arbitrary secret (the key-confusion attack). */
  public static byte[] hs256(byte[] secret, byte[] input) {
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(new javax.crypto.spec.SecretKeySpec(secret, "HmacSHA256"));
      return mac.doFinal(input);
    } catch (java.security.GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  private static JWSSigner signer(JWK key) throws JOSEException {
    if (key instanceof RSAKey) {
      return new RSASSASigner((RSAKey) key);
    }
    if (key instanceof ECKey) {
      return new ECDSASigner((ECKey) key);
    }
    if (key instanceof OctetSequenceKey) {
      return new MACSigner((OctetSequenceKey) key);
    }
    throw new IllegalArgumentException("no signer for " + key.getKeyType());
  }
}
