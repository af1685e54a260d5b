/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.jmh;

import static dev.bulwark.jmh.JwtFixture.AUDIENCE;
import static dev.bulwark.jmh.JwtFixture.ISSUER;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.bulwark.auth.AuthEngine;
import dev.bulwark.auth.AuthResult;
import dev.bulwark.auth.Issuer;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.HmacKey;

/**
 * Each verifier under test, configured the way its documentation recommends for an access token:
 * one allowed algorithm, exact issuer, required audience, {@code exp} required, 30 seconds of clock
 * skew. Stateless factories; what they return is as thread-safe as the library makes it.
 */
final class Peers {
  private Peers() {}

  /** Bulwark, uncached unless {@code cacheEntries > 0}. */
  static AuthEngine bulwark(JwtFixture f, long cacheEntries) {
    return AuthEngine.builder()
        .issuer(
            Issuer.builder(ISSUER)
                .jwks(new JWKSet(f.verificationJwk))
                .audiences(AUDIENCE)
                .algorithms(f.alg)
                .build())
        .tokenCacheMaximumSize(cacheEntries)
        .build();
  }

  /** nimbus-jose-jwt's {@code DefaultJWTProcessor} over a static JWK set. */
  static DefaultJWTProcessor<SecurityContext> nimbus(JwtFixture f) {
    DefaultJWTProcessor<SecurityContext> p = new DefaultJWTProcessor<>();
    p.setJWSKeySelector(
        new JWSVerificationKeySelector<>(
            JWSAlgorithm.parse(f.alg), new ImmutableJWKSet<>(new JWKSet(f.verificationJwk))));
    p.setJWTClaimsSetVerifier(
        new DefaultJWTClaimsVerifier<>(
            AUDIENCE, new JWTClaimsSet.Builder().issuer(ISSUER).build(), Set.of("sub", "exp")));
    return p;
  }

  /** jose4j's {@code JwtConsumer}. */
  static JwtConsumer jose4j(JwtFixture f) {
    Key key = f.hmacSecret != null ? new HmacKey(f.hmacSecret) : f.publicKey;
    return new JwtConsumerBuilder()
        .setRequireExpirationTime()
        .setRequireSubject()
        .setAllowedClockSkewInSeconds(30)
        .setExpectedIssuer(ISSUER)
        .setExpectedAudience(AUDIENCE)
        .setVerificationKey(key)
        .setJwsAlgorithmConstraints(
            new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, f.alg))
        .build();
  }

  /**
   * jjwt's {@code JwtParser}; it takes the algorithm from the header and checks it fits the key.
   */
  static JwtParser jjwt(JwtFixture f) {
    var b = Jwts.parser().requireIssuer(ISSUER).requireAudience(AUDIENCE).clockSkewSeconds(30);
    if (f.hmacSecret != null) {
      b.verifyWith(Keys.hmacShaKeyFor(f.hmacSecret));
    } else {
      b.verifyWith(f.publicKey);
    }
    return b.build();
  }

  /**
   * auth0 java-jwt's {@code JWTVerifier}.
   *
   * @throws IllegalArgumentException for EdDSA, which java-jwt does not implement
   */
  static JWTVerifier auth0(JwtFixture f) {
    Algorithm a;
    switch (f.alg) {
      case "HS256":
        a = Algorithm.HMAC256(f.hmacSecret);
        break;
      case "RS256":
        a = Algorithm.RSA256((RSAPublicKey) f.publicKey, null);
        break;
      case "ES256":
        a = Algorithm.ECDSA256((ECPublicKey) f.publicKey, null);
        break;
      default:
        throw new IllegalArgumentException("java-jwt has no " + f.alg);
    }
    return JWT.require(a).withIssuer(ISSUER).withAudience(AUDIENCE).acceptLeeway(30).build();
  }

  /**
   * The baseline: the signature check alone, on the token's signing input and decoded signature,
   * with a JCA object initialised once (the cheapest a verifier could be). Not thread-safe: the
   * returned check holds a {@link Signature} or {@link Mac}; use one per thread.
   */
  static RawJca rawJca(JwtFixture f) throws GeneralSecurityException {
    switch (f.alg) {
      case "HS256":
        {
          Mac mac = Mac.getInstance("HmacSHA256");
          mac.init(new SecretKeySpec(f.hmacSecret, "HmacSHA256"));
          return (input, sig) -> MessageDigest.isEqual(mac.doFinal(input), sig);
        }
      case "RS256":
        return signatureCheck("SHA256withRSA", f);
      case "ES256":
        // JWS carries R||S (IEEE P1363), not DER: the JDK verifies that form directly.
        return signatureCheck("SHA256withECDSAinP1363Format", f);
      case "EdDSA":
        return signatureCheck("Ed25519", f);
      default:
        throw new IllegalArgumentException("no raw JCA check for " + f.alg);
    }
  }

  private static RawJca signatureCheck(String jcaName, JwtFixture f)
      throws GeneralSecurityException {
    Signature s = Signature.getInstance(jcaName);
    s.initVerify(f.publicKey);
    // verify() leaves the object initialised for the same key, ready for the next check.
    return (input, sig) -> {
      s.update(input);
      return s.verify(sig);
    };
  }

  /** A signature check over raw bytes. */
  @FunctionalInterface
  interface RawJca {
    boolean verify(byte[] signingInput, byte[] signature) throws GeneralSecurityException;
  }

  /**
   * Fails the setup unless {@code check} accepts the good token with the expected subject and
   * refuses the tampered one, so that no peer is timed doing less than verifying.
   */
  static void requireVerifies(
      String peer, String alg, ThrowingFunction good, ThrowingFunction bad) {
    String subject;
    try {
      subject = good.apply();
    } catch (Exception e) {
      throw new IllegalStateException(peer + " refused a valid " + alg + " token: " + e, e);
    }
    if (!JwtFixture.SUBJECT.equals(subject)) {
      throw new IllegalStateException(
          peer
              + " returned subject "
              + subject
              + " for "
              + alg
              + ", expected "
              + JwtFixture.SUBJECT);
    }
    String tamperedSubject;
    try {
      tamperedSubject = bad.apply();
    } catch (Exception expected) {
      return;
    }
    if (tamperedSubject != null) {
      throw new IllegalStateException(peer + " accepted a tampered " + alg + " token");
    }
  }

  /** Returns the verified subject, or null (or throws) when the token is refused. */
  @FunctionalInterface
  interface ThrowingFunction {
    String apply() throws Exception;
  }

  /** The subject of a Bulwark result, or null when refused. */
  static String subjectOf(AuthResult r) {
    return r.isAuthenticated() ? r.principal().subject() : null;
  }
}
