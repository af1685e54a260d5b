/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.jmh;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.Set;

/**
 * One signing key of one algorithm and the tokens it mints, shared by every verifier under test so
 * that all of them check the same bytes. Not thread-safe; built in a JMH {@code @Setup}.
 *
 * <p>Tokens look like an OAuth access token: {@code iss}, {@code sub}, one {@code aud}, {@code
 * iat}, {@code exp} a day ahead (the run never reaches it), {@code jti} and a {@code scope}.
 */
final class JwtFixture {
  static final String ISSUER = "https://id.example.com";
  static final String AUDIENCE = "orders-api";
  static final String SUBJECT = "user-1234";

  final String alg;

  /** The key verifiers are given: the public half, or the HMAC secret itself. */
  final JWK verificationJwk;

  /** The JCA verification key, or null for HMAC. */
  final PublicKey publicKey;

  /** The HMAC secret, or null for a signature algorithm. */
  final byte[] hmacSecret;

  private final JWK signingJwk;
  private final JWSSigner signer;

  private JwtFixture(
      String alg,
      JWK signingJwk,
      JWSSigner signer,
      JWK verificationJwk,
      PublicKey publicKey,
      byte[] hmacSecret) {
    this.alg = alg;
    this.signingJwk = signingJwk;
    this.signer = signer;
    this.verificationJwk = verificationJwk;
    this.publicKey = publicKey;
    this.hmacSecret = hmacSecret;
  }

  /** A fresh key for {@code alg}: HS256 (256-bit secret), RS256 (2048 bits), ES256, EdDSA. */
  static JwtFixture create(String alg) throws JOSEException, GeneralSecurityException {
    switch (alg) {
      case "HS256":
        {
          OctetSequenceKey k =
              new OctetSequenceKeyGenerator(256)
                  .keyID("hs256-1")
                  .keyUse(KeyUse.SIGNATURE)
                  .algorithm(JWSAlgorithm.HS256)
                  .generate();
          return new JwtFixture(alg, k, new MACSigner(k), k, null, k.toByteArray());
        }
      case "RS256":
        {
          RSAKey k =
              new RSAKeyGenerator(2048)
                  .keyID("rs256-1")
                  .keyUse(KeyUse.SIGNATURE)
                  .algorithm(JWSAlgorithm.RS256)
                  .generate();
          return new JwtFixture(
              alg, k, new RSASSASigner(k), k.toPublicJWK(), k.toRSAPublicKey(), null);
        }
      case "ES256":
        {
          ECKey k =
              new ECKeyGenerator(Curve.P_256)
                  .keyID("es256-1")
                  .keyUse(KeyUse.SIGNATURE)
                  .algorithm(JWSAlgorithm.ES256)
                  .generate();
          return new JwtFixture(
              alg, k, new ECDSASigner(k), k.toPublicJWK(), k.toECPublicKey(), null);
        }
      case "EdDSA":
        {
          // nimbus's OctetKeyPairGenerator and Ed25519Signer need Google Tink; the JDK has Ed25519.
          KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
          byte[] spki = pair.getPublic().getEncoded();
          // The X.509 SubjectPublicKeyInfo of Ed25519 ends with the 32-byte key (RFC 8410 section
          // 4).
          byte[] x = Arrays.copyOfRange(spki, spki.length - 32, spki.length);
          byte[] d = ((EdECPrivateKey) pair.getPrivate()).getBytes().orElseThrow();
          OctetKeyPair k =
              new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(x))
                  .d(Base64URL.encode(d))
                  .keyID("ed25519-1")
                  .keyUse(KeyUse.SIGNATURE)
                  .algorithm(JWSAlgorithm.EdDSA)
                  .build();
          return new JwtFixture(
              alg,
              k,
              new JcaEd25519Signer(pair.getPrivate()),
              k.toPublicJWK(),
              pair.getPublic(),
              null);
        }
      default:
        throw new IllegalArgumentException("alg must be HS256, RS256, ES256 or EdDSA, was " + alg);
    }
  }

  /** The standard token, for {@link #SUBJECT}. */
  String token() throws JOSEException {
    return mint(SUBJECT, "jti-0");
  }

  /** A token for {@code subject} with id {@code jti}, valid from now for a day. */
  String mint(String subject, String jti) throws JOSEException {
    Instant now = Instant.now();
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(ISSUER)
            .subject(subject)
            .audience(AUDIENCE)
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(Duration.ofDays(1))))
            .jwtID(jti)
            .claim("scope", "orders:read orders:write")
            .build();
    JWSHeader header =
        new JWSHeader.Builder(JWSAlgorithm.parse(alg))
            .keyID(signingJwk.getKeyID())
            .type(JOSEObjectType.JWT)
            .build();
    SignedJWT jwt = new SignedJWT(header, claims);
    jwt.sign(signer);
    return jwt.serialize();
  }

  /** The bytes the signature covers: {@code base64url(header) + "." + base64url(payload)}. */
  static byte[] signingInput(String token) {
    return token.substring(0, token.lastIndexOf('.')).getBytes(StandardCharsets.US_ASCII);
  }

  /** The decoded signature. */
  static byte[] signature(String token) {
    return Base64.getUrlDecoder().decode(token.substring(token.lastIndexOf('.') + 1));
  }

  /** {@code token} with one bit of its signature flipped: every verifier must refuse it. */
  static String tampered(String token) {
    byte[] sig = signature(token);
    sig[sig.length / 2] ^= 0x01;
    return token.substring(0, token.lastIndexOf('.') + 1)
        + Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
  }

  /** Signs EdDSA with the JDK's Ed25519; thread-safe, a {@link Signature} per call. */
  private static final class JcaEd25519Signer implements JWSSigner {
    private final PrivateKey key;
    private final JCAContext jca = new JCAContext();

    JcaEd25519Signer(PrivateKey key) {
      this.key = key;
    }

    @Override
    public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
      try {
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(key);
        s.update(signingInput);
        return Base64URL.encode(s.sign());
      } catch (GeneralSecurityException e) {
        throw new JOSEException("Ed25519 signing failed", e);
      }
    }

    @Override
    public Set<JWSAlgorithm> supportedJWSAlgorithms() {
      return Set.of(JWSAlgorithm.EdDSA);
    }

    @Override
    public JCAContext getJCAContext() {
      return jca;
    }
  }
}
