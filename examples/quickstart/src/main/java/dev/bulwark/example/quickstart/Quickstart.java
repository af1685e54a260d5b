/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.example.quickstart;

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
import dev.bulwark.auth.ApiKeys;
import dev.bulwark.auth.AuthEngine;
import dev.bulwark.auth.AuthResult;
import dev.bulwark.auth.GeneratedApiKey;
import dev.bulwark.auth.Issuer;
import dev.bulwark.auth.Principal;
import dev.bulwark.auth.store.InMemoryApiKeyStore;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The quickstart demo, a program run once from {@link #main} (no state, nothing to share between
 * threads): one {@link AuthEngine} that accepts a JWT from a trusted issuer and a Bulwark API key,
 * exercised end to end.
 *
 * <p>In a real service the identity provider mints the token and publishes its keys at a JWKS URL;
 * here the demo plays both parts so that it runs offline. Everything after "the service" is what an
 * application writes.
 */
public final class Quickstart {

  static final String ISSUER = "https://id.example.com";
  static final String AUDIENCE = "orders-api";
  static final String USER = "alice";
  static final String SERVICE_ACCOUNT = "svc-reporting";

  private Quickstart() {}

  /**
   * What the demo observed, for its test: each {@link AuthResult} the engine returned.
   *
   * @param token the demo token, signed by the issuer's key
   * @param forgedToken a token with the same header and claims, signed by a key the issuer never had
   * @param apiKey the freshly generated API key
   * @param revokedApiKey the same API key after it was revoked
   */
  record Outcome(AuthResult token, AuthResult forgedToken, AuthResult apiKey,
      AuthResult revokedApiKey) {}

  /** Runs the demo and prints what happens. */
  public static void main(String[] args) throws JOSEException {
    run(System.out, Clock.systemUTC());
  }

  /** Runs the demo, printing to {@code out}; returns what the engine answered at each step. */
  static Outcome run(PrintStream out, Clock clock) throws JOSEException {
    // --- The identity provider: an EC P-256 key pair, the public half published as a JWK set.
    ECKey signingKey = new ECKeyGenerator(Curve.P_256)
        .keyID("demo-key-1")
        .keyUse(KeyUse.SIGNATURE)
        .algorithm(JWSAlgorithm.ES256)
        .generate();
    JWKSet published = new JWKSet(signingKey.toPublicJWK());
    out.println("1. The identity provider made an EC P-256 key pair (kid demo-key-1) and published");
    out.println("   its public half as a JWK set.");

    // --- The service: one engine, built once at startup and shared by every request thread.
    ApiKeys apiKeys = ApiKeys.builder()
        .prefix("bk_live")
        .store(new InMemoryApiKeyStore())
        .clock(clock)
        .build();
    AuthEngine engine = AuthEngine.builder()
        .issuer(Issuer.builder(ISSUER)
            .jwks(published)
            .audiences(AUDIENCE)
            .algorithms("ES256")
            .build())
        .apiKeys(apiKeys)
        .clockSkew(Duration.ofSeconds(30))
        .clock(clock)
        .build();
    out.println("2. The service built an AuthEngine trusting " + ISSUER + " for audience "
        + AUDIENCE + " (ES256 only), with API keys enabled.");

    // --- A request arrives with a token the identity provider minted for alice.
    Instant now = clock.instant();
    String token = mint(signingKey, now);
    out.println("3. The identity provider minted a token for " + USER + " (" + token.length()
        + " characters, valid 5 minutes).");
    AuthResult tokenResult = engine.authenticate("Bearer " + token);
    report(out, "Authorization: Bearer <token>", tokenResult);

    // --- The same claims signed with a key the issuer never published: refused.
    ECKey impostor = new ECKeyGenerator(Curve.P_256).keyID("demo-key-1").generate();
    AuthResult forged = engine.authenticate("Bearer " + mint(impostor, now));
    report(out, "Authorization: Bearer <same claims, signed by another key>", forged);

    // --- An API key for a service account: generated once, stored only as a digest. The demo masks
    // the secret: a demo that prints a live secret teaches the wrong habit.
    GeneratedApiKey generated = apiKeys.generate(SERVICE_ACCOUNT, Set.of("orders:read"),
        Duration.ofDays(90));
    out.println("4. Generated an API key for " + SERVICE_ACCOUNT + ": id " + generated.keyId()
        + ", shown once as " + apiKeys.prefix() + "_" + generated.keyId()
        + "_******** (only a SHA-256 digest is stored).");
    AuthResult keyResult = engine.authenticate("ApiKey " + generated.plaintext());
    report(out, "Authorization: ApiKey <key>", keyResult);

    boolean existed = apiKeys.revoke(generated.keyId());
    out.println("5. Revoked API key " + generated.keyId() + (existed ? "." : " (it was not found)."));
    AuthResult revokedResult = engine.authenticate("ApiKey " + generated.plaintext());
    report(out, "Authorization: ApiKey <the revoked key>", revokedResult);

    return new Outcome(tokenResult, forged, keyResult, revokedResult);
  }

  private static String mint(ECKey key, Instant now) throws JOSEException {
    JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256)
        .keyID(key.getKeyID())
        .type(JOSEObjectType.JWT)
        .build();
    JWTClaimsSet claims = new JWTClaimsSet.Builder()
        .issuer(ISSUER)
        .subject(USER)
        .audience(AUDIENCE)
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
        .jwtID(UUID.randomUUID().toString())
        .claim("scope", "orders:read orders:write")
        .claim("roles", List.of("customer"))
        .build();
    SignedJWT jwt = new SignedJWT(header, claims);
    jwt.sign(new ECDSASigner(key));
    return jwt.serialize();
  }

  private static void report(PrintStream out, String request, AuthResult result) {
    out.println("   " + request);
    if (result.isAuthenticated()) {
      Principal p = result.principal();
      out.println("   -> accepted: subject " + p.subject() + " via " + p.method() + ", issuer "
          + p.issuer() + ", scopes " + p.scopes() + ", roles " + p.roles()
          + p.expiresAt().map(e -> ", expires " + e).orElse(""));
    } else {
      out.println("   -> refused: " + result.failureReason() + " (" + result.detail() + ")");
      out.println("      the service would answer 401 with WWW-Authenticate: "
          + result.wwwAuthenticate());
    }
  }
}
