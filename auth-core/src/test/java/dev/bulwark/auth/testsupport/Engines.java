/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.testsupport;

import com.nimbusds.jose.jwk.JWKSet;
import dev.bulwark.auth.AuthEngine;
import dev.bulwark.auth.Issuer;
import java.time.Clock;

/** The engine configurations the attack tests share. Stateless. */
public final class Engines {
  private Engines() {}

  /** An issuer {@link Jws#ISS} with a static key set, audience {@link Jws#AUD} and {@code algs}. */
  public static Issuer issuer(JWKSet keys, String... algs) {
    return Issuer.builder(Jws.ISS).jwks(keys).audiences(Jws.AUD).algorithms(algs).build();
  }

  /** An engine trusting one issuer with a static key set. */
  public static AuthEngine engine(Clock clock, JWKSet keys, String... algs) {
    return AuthEngine.builder().issuer(issuer(keys, algs)).clock(clock).build();
  }

  /** The usual engine: the issuer's RSA key {@code rsa-1}, RS256 only. */
  public static AuthEngine rsa(Clock clock) {
    return engine(clock, TestKeys.publicSet(TestKeys.RSA), "RS256");
  }
}
