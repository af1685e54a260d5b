/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.example.http;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The service's stand-in identity provider: an ES256 key pair whose public half the service trusts
 * as a static JWK set, and the tokens signed with its private half; optionally an RS256 key pair
 * beside it ({@link #of(ECKey, RSAKey)}, {@link #mintRs256}), for callers whose identity provider
 * signs with RSA. Immutable and thread-safe; a load generator in the same JVM calls {@link #mint}
 * from as many threads as it likes:
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

  /** The key id ({@code kid}) of a generated RSA key ({@link #generateRsaKey()}): {@value}. */
  public static final String DEFAULT_RSA_KEY_ID = "photos-demo-rsa-1";

  /** The size of a generated RSA key, and the least an RSA key may have, in bits: {@value}. */
  public static final int RSA_KEY_BITS = 2048;

  /** The scopes {@link #mint(String)} grants: reading and editing photos. */
  public static final List<String> DEFAULT_SCOPES = List.of("photos:read", "photos:write");

  /** How long a minted token lives unless told otherwise: 5 minutes. */
  public static final Duration DEFAULT_TTL = Duration.ofMinutes(5);

  private final ECKey key;
  private final RSAKey rsaKey;
  private final Clock clock;

  private TokenMint(ECKey key, RSAKey rsaKey, Clock clock) {
    this.key = key;
    this.rsaKey = rsaKey;
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
          null,
          Clock.systemUTC());
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot generate an EC P-256 key", e);
    }
  }

  /**
   * A fresh RSA private key of {@value #RSA_KEY_BITS} bits with the key id {@value
   * #DEFAULT_RSA_KEY_ID}, for {@link #of(ECKey, RSAKey)} and {@code
   * PhotoService.Builder.rsaSigningKey}. Takes a noticeable fraction of a second.
   *
   * @return the key
   * @throws IllegalStateException if the JDK cannot generate the key
   */
  public static RSAKey generateRsaKey() {
    try {
      return new RSAKeyGenerator(RSA_KEY_BITS)
          .keyID(DEFAULT_RSA_KEY_ID)
          .keyUse(KeyUse.SIGNATURE)
          .algorithm(JWSAlgorithm.RS256)
          .generate();
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot generate an RSA key", e);
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
    return new TokenMint(privateKey, null, Clock.systemUTC());
  }

  /**
   * A mint with an EC P-256 key for ES256 and an RSA key for RS256; the service trusts both.
   *
   * @param privateKey an EC P-256 private key with a key id
   * @param rsaPrivateKey an RSA private key of at least {@value #RSA_KEY_BITS} bits with a key id
   *     other than the EC key's
   * @return the mint
   * @throws IllegalArgumentException if either key is not private, has no key id, or is weak or of
   *     the wrong curve, or if both keys have the same key id
   */
  public static TokenMint of(ECKey privateKey, RSAKey rsaPrivateKey) {
    TokenMint ec = of(privateKey);
    Objects.requireNonNull(rsaPrivateKey, "rsaPrivateKey");
    if (!rsaPrivateKey.isPrivate()) {
      throw new IllegalArgumentException(
          "RSA signing key must be a private key, kid "
              + rsaPrivateKey.getKeyID()
              + " is public only");
    }
    if (rsaPrivateKey.size() < RSA_KEY_BITS) {
      throw new IllegalArgumentException(
          "RSA signing key must have at least "
              + RSA_KEY_BITS
              + " bits, was "
              + rsaPrivateKey.size());
    }
    if (rsaPrivateKey.getKeyID() == null) {
      throw new IllegalArgumentException("RSA signing key must have a key id (kid)");
    }
    if (rsaPrivateKey.getKeyID().equals(privateKey.getKeyID())) {
      // One kid for two keys would leave the service to pick the key by algorithm alone.
      throw new IllegalArgumentException(
          "RSA signing key's kid must differ from the EC key's, both were "
              + privateKey.getKeyID());
    }
    return new TokenMint(ec.key, rsaPrivateKey, ec.clock);
  }

  /** The EC private key, for a mint with the same key and another beside it. */
  ECKey ecKey() {
    return key;
  }

  /**
   * The public halves of the keys, as the JWK set the service trusts.
   *
   * @return the public JWK set
   */
  public JWKSet publicKeys() {
    List<JWK> keys = new ArrayList<>();
    keys.add(key.toPublicJWK());
    if (rsaKey != null) {
      keys.add(rsaKey.toPublicJWK());
    }
    return new JWKSet(keys);
  }

  /**
   * The algorithms of the mint's keys, the service's allow-list: {@code ES256}, and {@code RS256}
   * when the mint has an RSA key.
   *
   * @return the algorithm names
   */
  public List<String> algorithms() {
    return rsaKey == null ? List.of("ES256") : List.of("ES256", "RS256");
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
    return sign(JWSAlgorithm.ES256, key.getKeyID(), subject, roles, groups, scopes, ttl);
  }

  /**
   * An RS256 token for {@code subject} with the {@link #DEFAULT_SCOPES}, no roles or groups, living
   * {@link #DEFAULT_TTL}. Each call signs anew (a fresh {@code jti}), so every token is one the
   * service has not seen: a load test of uncached verification sends each once.
   *
   * @param subject the caller ({@code sub})
   * @return the compact JWS
   * @throws IllegalArgumentException if the subject is empty
   * @throws IllegalStateException if the mint has no RSA key
   */
  public String mintRs256(String subject) {
    return mintRs256(subject, List.of(), List.of(), DEFAULT_SCOPES, DEFAULT_TTL);
  }

  /**
   * An RS256 token with the claims of {@link #mint(String, Collection, Collection, Collection,
   * Duration)}.
   *
   * @param subject the caller ({@code sub})
   * @param roles the caller's roles
   * @param groups the caller's groups
   * @param scopes the granted scopes
   * @param ttl how long the token lives, from now
   * @return the compact JWS
   * @throws IllegalArgumentException if the subject is empty or the ttl not positive
   * @throws IllegalStateException if the mint has no RSA key
   */
  public String mintRs256(
      String subject,
      Collection<String> roles,
      Collection<String> groups,
      Collection<String> scopes,
      Duration ttl) {
    if (rsaKey == null) {
      throw new IllegalStateException(
          "this mint has no RSA key: give one to TokenMint.of(ECKey, RSAKey)");
    }
    return sign(JWSAlgorithm.RS256, rsaKey.getKeyID(), subject, roles, groups, scopes, ttl);
  }

  private String sign(
      JWSAlgorithm alg,
      String kid,
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
            new JWSHeader.Builder(alg).keyID(kid).type(JOSEObjectType.JWT).build(), claims);
    try {
      // A signer per token: the signers document no thread-safety, and this is called from many.
      JWSSigner signer =
          alg.equals(JWSAlgorithm.RS256) ? new RSASSASigner(rsaKey) : new ECDSASigner(key);
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign with key " + kid, e);
    }
    return jwt.serialize();
  }

  /** Names the issuer and the key ids, never a key. */
  @Override
  public String toString() {
    return "TokenMint{issuer="
        + ISSUER
        + ", kid="
        + key.getKeyID()
        + (rsaKey == null ? "" : ", rsaKid=" + rsaKey.getKeyID())
        + "}";
  }
}
