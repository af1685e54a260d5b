/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.cli;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.List;
import java.util.Map;

/** Reads JWK files and maps keys to JWS algorithms and signers. Stateless. */
final class Keys {
  private Keys() {}

  /**
   * Reads {@code file}, given for {@code option}, as a JWK set, or as a single JWK (then a set of
   * one; a private asymmetric key contributes only its public half).
   *
   * @throws UsageException when the file cannot be read or is not a JWK or JWK set
   */
  static JWKSet readJwkSet(String option, String file) throws UsageException {
    String json = read(option, file);
    try {
      Map<String, Object> object = com.nimbusds.jose.util.JSONObjectUtils.parse(json);
      if (object.containsKey("keys")) {
        return JWKSet.parse(object);
      }
      JWK jwk = JWK.parse(object);
      JWK verifying = jwk.getKeyType().equals(KeyType.OCT) ? jwk : jwk.toPublicJWK();
      return new JWKSet(verifying);
    } catch (ParseException e) {
      throw new UsageException(
          option + " file " + file + " is not a JWK or JWK set: " + e.getMessage());
    }
  }

  /**
   * Reads {@code file}, given for {@code option}, as one private (or symmetric) JWK: a JWK, or a
   * JWK set holding exactly one key.
   *
   * @throws UsageException when the file cannot be read, holds no single key, or no private part
   */
  static JWK readPrivateJwk(String option, String file) throws UsageException {
    String json = read(option, file);
    JWK jwk;
    try {
      Map<String, Object> object = com.nimbusds.jose.util.JSONObjectUtils.parse(json);
      if (object.containsKey("keys")) {
        List<JWK> keys = JWKSet.parse(object).getKeys();
        if (keys.size() != 1) {
          throw new UsageException(
              option
                  + " file "
                  + file
                  + " holds "
                  + keys.size()
                  + " keys; give a file with exactly one");
        }
        jwk = keys.get(0);
      } else {
        jwk = JWK.parse(object);
      }
    } catch (ParseException e) {
      throw new UsageException(option + " file " + file + " is not a JWK: " + e.getMessage());
    }
    if (!jwk.isPrivate()) {
      throw new UsageException(
          option
              + " file "
              + file
              + " holds a public "
              + jwk.getKeyType()
              + " key; signing needs the private key (bulwark keygen makes one)");
    }
    return jwk;
  }

  /**
   * The JWS algorithm a key signs with: its {@code alg} member when present, else the one its type
   * and curve imply (RSA: RS256; EC P-256/384/521: ES256/384/512; OKP Ed25519: EdDSA; oct: HS256).
   *
   * @throws UsageException when the key's type or curve has no JWS algorithm
   */
  static JWSAlgorithm algorithmOf(JWK jwk) throws UsageException {
    if (jwk.getAlgorithm() != null) {
      return JWSAlgorithm.parse(jwk.getAlgorithm().getName());
    }
    KeyType kty = jwk.getKeyType();
    if (KeyType.RSA.equals(kty)) {
      return JWSAlgorithm.RS256;
    }
    if (KeyType.EC.equals(kty)) {
      Curve crv = ((ECKey) jwk).getCurve();
      if (Curve.P_256.equals(crv)) {
        return JWSAlgorithm.ES256;
      }
      if (Curve.P_384.equals(crv)) {
        return JWSAlgorithm.ES384;
      }
      if (Curve.P_521.equals(crv)) {
        return JWSAlgorithm.ES512;
      }
      throw new UsageException(
          "EC curve " + crv + " has no JWS algorithm here (use P-256, P-384 or P-521)");
    }
    if (KeyType.OKP.equals(kty)) {
      Curve crv = ((OctetKeyPair) jwk).getCurve();
      if (Curve.Ed25519.equals(crv)) {
        return JWSAlgorithm.EdDSA;
      }
      throw new UsageException("OKP curve " + crv + " does not sign (use Ed25519)");
    }
    if (KeyType.OCT.equals(kty)) {
      return JWSAlgorithm.HS256;
    }
    throw new UsageException("key type " + kty + " has no JWS algorithm");
  }

  /**
   * A signer for {@code jwk} and {@code alg}.
   *
   * @throws UsageException when the key does not fit the algorithm (for example an HMAC secret
   *     shorter than the hash)
   */
  static JWSSigner signer(JWK jwk, JWSAlgorithm alg) throws UsageException {
    try {
      if (jwk instanceof RSAKey && JWSAlgorithm.Family.RSA.contains(alg)) {
        return new RSASSASigner((RSAKey) jwk);
      }
      if (jwk instanceof ECKey && JWSAlgorithm.Family.EC.contains(alg)) {
        return new ECDSASigner((ECKey) jwk);
      }
      if (jwk instanceof OctetKeyPair && JWSAlgorithm.EdDSA.equals(alg)) {
        return new Ed25519Signer((OctetKeyPair) jwk);
      }
      if (jwk instanceof OctetSequenceKey && JWSAlgorithm.Family.HMAC_SHA.contains(alg)) {
        return new MACSigner((OctetSequenceKey) jwk);
      }
    } catch (JOSEException e) {
      throw new UsageException(
          "the " + jwk.getKeyType() + " key cannot sign " + alg + ": " + e.getMessage());
    }
    throw new UsageException("a " + jwk.getKeyType() + " key cannot sign " + alg);
  }

  private static String read(String option, String file) throws UsageException {
    try {
      return Files.readString(Path.of(file), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new UsageException(option + " file not found: " + file);
    } catch (IOException | RuntimeException e) {
      throw new UsageException(
          option + " file " + file + " cannot be read: " + e.getClass().getSimpleName());
    }
  }
}
