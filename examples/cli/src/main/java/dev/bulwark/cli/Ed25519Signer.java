/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.cli;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.Set;

/**
 * Signs JWS objects with Ed25519 through the JDK's own provider. Thread-safe: a {@link Signature}
 * is made per call.
 *
 * <p>nimbus-jose-jwt's {@code Ed25519Signer} needs Google Tink on the class path; the JDK has had
 * Ed25519 since 15, so the CLI signs with it and stays free of that dependency.
 */
final class Ed25519Signer implements JWSSigner {
  private final PrivateKey privateKey;
  private final JCAContext jcaContext = new JCAContext();

  Ed25519Signer(OctetKeyPair jwk) throws JOSEException {
    if (!Curve.Ed25519.equals(jwk.getCurve())) {
      throw new JOSEException(
          "only the Ed25519 curve signs EdDSA here, the key's crv is " + jwk.getCurve());
    }
    if (!jwk.isPrivate()) {
      throw new JOSEException("the OKP key has no private part (d)");
    }
    try {
      privateKey =
          KeyFactory.getInstance("Ed25519")
              .generatePrivate(
                  new EdECPrivateKeySpec(NamedParameterSpec.ED25519, jwk.getDecodedD()));
    } catch (GeneralSecurityException e) {
      throw new JOSEException(
          "the Ed25519 private key is not usable: " + e.getClass().getSimpleName(), e);
    }
  }

  @Override
  public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
    if (!JWSAlgorithm.EdDSA.equals(header.getAlgorithm())) {
      throw new JOSEException(
          "an Ed25519 key signs only EdDSA, the header says " + header.getAlgorithm());
    }
    try {
      Signature signature = Signature.getInstance("Ed25519");
      signature.initSign(privateKey);
      signature.update(signingInput);
      return Base64URL.encode(signature.sign());
    } catch (GeneralSecurityException e) {
      throw new JOSEException("Ed25519 signing failed: " + e.getClass().getSimpleName(), e);
    }
  }

  @Override
  public Set<JWSAlgorithm> supportedJWSAlgorithms() {
    return Set.of(JWSAlgorithm.EdDSA);
  }

  @Override
  public JCAContext getJCAContext() {
    return jcaContext;
  }
}
