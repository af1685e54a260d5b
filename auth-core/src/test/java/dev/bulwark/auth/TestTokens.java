/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Test keys and a token minter that writes header and claims JSON verbatim, so tests can also mint
 * what no JWT library would (duplicate names, crit, odd types). Signs with the JDK's JCA.
 */
final class TestTokens {
  static final String ISS = "https://id.example.com";
  static final String AUD = "orders-api";

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  final String alg;
  final String kid;
  final PrivateKey privateKey;
  final byte[] secret;
  final JWK publicJwk;

  private TestTokens(String alg, String kid, PrivateKey privateKey, byte[] secret, JWK publicJwk) {
    this.alg = alg;
    this.kid = kid;
    this.privateKey = privateKey;
    this.secret = secret;
    this.publicJwk = publicJwk;
  }

  static TestTokens rsa(String kid) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      KeyPair kp = g.generateKeyPair();
      JWK jwk = new RSAKey.Builder((RSAPublicKey) kp.getPublic()).keyID(kid).build();
      return new TestTokens("RS256", kid, kp.getPrivate(), null, jwk);
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  static TestTokens ec(String kid) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair kp = g.generateKeyPair();
      JWK jwk = new ECKey.Builder(Curve.P_256, (ECPublicKey) kp.getPublic()).keyID(kid).build();
      return new TestTokens("ES256", kid, kp.getPrivate(), null, jwk);
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  static TestTokens ed25519(String kid) {
    try {
      KeyPair kp = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      byte[] spki = kp.getPublic().getEncoded();
      byte[] x = Arrays.copyOfRange(spki, spki.length - 32, spki.length);
      JWK jwk = new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(x)).keyID(kid).build();
      return new TestTokens("EdDSA", kid, kp.getPrivate(), null, jwk);
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  static TestTokens hmac(String kid) {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    JWK jwk = new OctetSequenceKey.Builder(secret).keyID(kid).build();
    return new TestTokens("HS256", kid, null, secret, jwk);
  }

  /** HS256 with a given secret (for attacks that MAC with something that is not an HMAC key). */
  static TestTokens hmacWithSecret(String kid, byte[] secret) {
    return new TestTokens("HS256", kid, null, secret, null);
  }

  /** A header with alg and kid. */
  String header() {
    return "{\"alg\":\"" + alg + "\",\"kid\":\"" + kid + "\"}";
  }

  /** Standard claims for ISS/AUD, sub "alice", exp in an hour from epochSeconds. */
  static String claims(long nowSeconds) {
    return "{\"iss\":\""
        + ISS
        + "\",\"sub\":\"alice\",\"aud\":\""
        + AUD
        + "\",\"iat\":"
        + nowSeconds
        + ",\"exp\":"
        + (nowSeconds + 3600)
        + ",\"scope\":\"read write\"}";
  }

  String mint(String claimsJson) {
    return mint(header(), claimsJson);
  }

  String mint(String headerJson, String claimsJson) {
    String input = b64(headerJson) + "." + b64(claimsJson);
    return input + "." + B64.encodeToString(sign(alg, input.getBytes(StandardCharsets.US_ASCII)));
  }

  byte[] sign(String alg, byte[] input) {
    try {
      switch (alg) {
        case "HS256":
          {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(input);
          }
        case "RS256":
          return jca("SHA256withRSA", input);
        case "ES256":
          return jca("SHA256withECDSAinP1363Format", input);
        case "EdDSA":
          return jca("Ed25519", input);
        default:
          throw new IllegalArgumentException(alg);
      }
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  private byte[] jca(String name, byte[] input) throws GeneralSecurityException {
    Signature s = Signature.getInstance(name);
    s.initSign(privateKey);
    s.update(input);
    return s.sign();
  }

  static String b64(String json) {
    return B64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  static String b64(byte[] bytes) {
    return B64.encodeToString(bytes);
  }
}
