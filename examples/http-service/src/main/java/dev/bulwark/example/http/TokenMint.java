/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.example.http;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The service's stand-in identity provider: an ES256 key pair whose public half the service trusts
 * as a static JWK set, and the tokens signed with its private half. Immutable and thread-safe; a
 * load generator in the same JVM calls {@link #mint} from as many threads as it likes:
 *
 * <pre>{@code
 * try (PhotoService service = PhotoService.builder().port(0).start()) {
 *   TokenMint mint = service.tokenMint();
 *   String header = "Bearer " + mint.mint("alice", List.of(), List.of("friends"),
 *       TokenMint.DEFAULT_SCOPES, TokenMint.DEFAULT_TTL);
 *   // GET http://127.0.0.1:<service.port()>/photos/beach with that Authorization header
 * }
 * }</pre>
 *
 * <p>A load generator in another process starts the service with {@code --signing-jwk FILE} (a
 * private EC P-256 JWK, as {@code ./bulwark keygen --kty EC} writes one) and mints with the same
 * key, for example with {@code ./bulwark token mint --jwk FILE --issuer} {@value #ISSUER} {@code
 * --audience} {@value #AUDIENCE}. A real service trusts its identity provider's JWKS URL instead.
 */
public final class TokenMint {
  /** The issuer ({@code iss}) of the tokens, which the service trusts: {@value}. */
  public static final String ISSUER = "https://id.photos.example";

  /** The audience ({@code aud}) of the tokens, the service's own: {@value}. */
  public static final String AUDIENCE = "photos-api";

  /** The key id ({@code kid}) of a generated key: {@value}. */
  public static final String DEFAULT_KEY_ID = "photos-demo-1";

  /** The scopes {@link #mint(String)} grants: reading and editing photos. */
  public static final List<String> DEFAULT_SCOPES = List.of("photos:read", "photos:write");

  /** How long a minted token lives unless told otherwise: 5 minutes. */
  public static final Duration DEFAULT_TTL = Duration.ofMinutes(5);

  private final ECKey key;
  private final Clock clock;

  private TokenMint(ECKey key, Clock clock) {
    this.key = key;
    this.clock = clock;
  }

  /**
   * A mint with a fresh EC P-256 key pair, known only to this JVM.
   *
   * @return the mint
   * @throws IllegalStateException if the JDK cannot generate the key
   */
  public static TokenMint generate() {
    try {
      return new TokenMint(
          new ECKeyGenerator(Curve.P_256)
              .keyID(DEFAULT_KEY_ID)
              .keyUse(KeyUse.SIGNATURE)
              .algorithm(JWSAlgorithm.ES256)
              .generate(),
          Clock.systemUTC());
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot generate an EC P-256 key", e);
    }
  }

  /**
   * A mint with a given private key.
   *
   * @param privateKey an EC P-256 private key with a key id
   * @return the mint
   * @throws IllegalArgumentException if the key is not a private P-256 key or has no key id
   */
  public static TokenMint of(ECKey privateKey) {
    Objects.requireNonNull(privateKey, "privateKey");
    if (!Curve.P_256.equals(privateKey.getCurve())) {
      throw new IllegalArgumentException(
          "signing key must be on curve P-256 (ES256), was " + privateKey.getCurve());
    }
    if (!privateKey.isPrivate()) {
      throw new IllegalArgumentException(
          "signing key must be a private key, kid " + privateKey.getKeyID() + " is public only");
    }
    if (privateKey.getKeyID() == null) {
      throw new IllegalArgumentException("signing key must have a key id (kid)");
    }
    return new TokenMint(privateKey, Clock.systemUTC());
  }

  /**
   * The public half of the key, as the JWK set the service trusts.
   *
   * @return the public JWK set
   */
  public JWKSet publicKeys() {
    return new JWKSet(key.toPublicJWK());
  }

  /**
   * A token for {@code subject} with the {@link #DEFAULT_SCOPES}, no roles or groups, living {@link
   * #DEFAULT_TTL}.
   *
   * @param subject the caller ({@code sub})
   * @return the compact JWS, to send as {@code Authorization: Bearer <token>}
   * @throws IllegalArgumentException if the subject is empty
   */
  public String mint(String subject) {
    return mint(subject, List.of(), List.of(), DEFAULT_SCOPES, DEFAULT_TTL);
  }

  /**
   * A token with the claims the service maps: {@code roles} (parents of type {@code Role}), {@code
   * groups} ({@code UserGroup}) and {@code scope} ({@code Scope}), and a fresh {@code jti}.
   *
   * @param subject the caller ({@code sub})
   * @param roles the caller's roles, e.g. {@code admin}
   * @param groups the caller's groups, e.g. {@code friends}
   * @param scopes the granted scopes, e.g. {@code photos:read}
   * @param ttl how long the token lives, from now
   * @return the compact JWS
   * @throws IllegalArgumentException if the subject is empty or the ttl not positive
   */
  public String mint(
      String subject,
      Collection<String> roles,
      Collection<String> groups,
      Collection<String> scopes,
      Duration ttl) {
    Objects.requireNonNull(subject, "subject");
    if (subject.isEmpty()) {
      throw new IllegalArgumentException("subject must not be empty");
    }
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("ttl must be positive, was " + ttl);
    }
    Date now = Date.from(clock.instant());
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(ISSUER)
            .subject(subject)
            .audience(AUDIENCE)
            .issueTime(now)
            .expirationTime(Date.from(now.toInstant().plus(ttl)))
            .jwtID(UUID.randomUUID().toString())
            .claim("roles", List.copyOf(roles))
            .claim("groups", List.copyOf(groups))
            .claim("scope", String.join(" ", scopes))
            .build();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.ES256)
                .keyID(key.getKeyID())
                .type(JOSEObjectType.JWT)
                .build(),
            claims);
    try {
      // A signer per token: ECDSASigner documents no thread-safety, and this is called from many.
      jwt.sign(new ECDSASigner(key));
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign with key " + key.getKeyID(), e);
    }
    return jwt.serialize();
  }

  /** Names the issuer and the key id, never the key. */
  @Override
  public String toString() {
    return "TokenMint{issuer=" + ISSUER + ", kid=" + key.getKeyID() + "}";
  }
}
