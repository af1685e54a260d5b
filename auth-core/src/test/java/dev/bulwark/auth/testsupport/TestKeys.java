/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.util.ArrayList;
import java.util.List;

/**
 * Key pairs shared by the tests, generated once per JVM because RSA generation is slow.
 * Thread-safe: every field is an immutable nimbus JWK.
 *
 * <p>The issuer keys carry {@code use=sig} and no {@code alg}, so that the issuer's allow-list, not
 * the key, is what refuses a wrong algorithm.
 */
public final class TestKeys {
  /** The issuer's RSA key, kid {@code rsa-1}. */
  public static final RSAKey RSA = rsa("rsa-1");

  /** A second issuer RSA key, kid {@code rsa-2}, for rotation and second-issuer tests. */
  public static final RSAKey RSA_2 = rsa("rsa-2");

  /** The attacker's RSA key; its kid is {@code evil-1}, re-labelled per test where it matters. */
  public static final RSAKey ATTACKER_RSA = rsa("evil-1");

  /** The issuer's P-256 key, kid {@code ec-1}. */
  public static final ECKey EC = ec("ec-1");

  /** An issuer HMAC key of 256 bits, kid {@code hmac-1}. */
  public static final OctetSequenceKey HMAC = hmac("hmac-1");

  private TestKeys() {}

  /** The public half of each key, as a key set an issuer publishes. */
  public static JWKSet publicSet(JWK... keys) {
    List<JWK> pub = new ArrayList<>();
    for (JWK k : keys) {
      pub.add(k instanceof OctetSequenceKey ? k : k.toPublicJWK());
    }
    return new JWKSet(pub);
  }

  /** {@code key} with another kid: the attacker labels its own key with the issuer's kid. */
  public static RSAKey relabel(RSAKey key, String kid) {
    return new RSAKey.Builder(key).keyID(kid).build();
  }

  private static RSAKey rsa(String kid) {
    try {
      return new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).generate();
    } catch (JOSEException e) {
      throw new AssertionError(e);
    }
  }

  private static ECKey ec(String kid) {
    try {
      return new ECKeyGenerator(Curve.P_256).keyID(kid).keyUse(KeyUse.SIGNATURE).generate();
    } catch (JOSEException e) {
      throw new AssertionError(e);
    }
  }

  private static OctetSequenceKey hmac(String kid) {
    try {
      return new OctetSequenceKeyGenerator(256).keyID(kid).keyUse(KeyUse.SIGNATURE).generate();
    } catch (JOSEException e) {
      throw new AssertionError(e);
    }
  }
}
