/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.metrics;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.bulwark.auth.AuthEngine;
import dev.bulwark.auth.Issuer;
import java.time.Instant;
import java.util.Date;

/** An HS256 key, an engine that trusts it, and tokens it signs; for the binders' tests. */
final class Tokens {
  static final String ISSUER = "https://id.example.com";
  static final String AUDIENCE = "orders-api";

  private final OctetSequenceKey key;

  Tokens() throws JOSEException {
    key = new OctetSequenceKeyGenerator(256).keyID("k1").algorithm(JWSAlgorithm.HS256).generate();
  }

  AuthEngine engine() {
    return AuthEngine.builder().issuer(issuer()).build();
  }

  /** The issuer that trusts the key. */
  Issuer issuer() {
    return Issuer.builder(ISSUER)
        .jwks(new JWKSet(key))
        .audiences(AUDIENCE)
        .algorithms("HS256")
        .build();
  }

  /** An {@code Authorization} header with a valid token for {@code subject}. */
  String header(String subject) throws JOSEException {
    Instant now = Instant.now();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("k1").build(),
            new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(subject)
                .audience(AUDIENCE)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(3600)))
                .build());
    jwt.sign(new MACSigner(key));
    return "Bearer " + jwt.serialize();
  }
}
