/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.cli;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.bulwark.auth.AuthEngine;
import dev.bulwark.auth.AuthResult;
import dev.bulwark.auth.Issuer;
import dev.bulwark.auth.Principal;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** {@code bulwark token verify|mint}. Stateless. */
final class TokenCommand implements Command {

  // Claims that mint sets from its own options; --claim may not overwrite them.
  private static final Set<String> RESERVED = Set.of("iss", "sub", "aud", "exp", "iat");

  // Bulwark always requires an audience. Without --audience, verify accepts the token's own aud
  // values; a token without any is checked against this value, which no real token carries, and is
  // refused as WRONG_AUDIENCE.
  static final String NO_AUDIENCE = "urn:bulwark:cli:token-has-no-audience";

  @Override
  public String usage() {
    return String.join(
        "\n",
        "bulwark token verify --issuer ISS --jwks FILE_OR_URL [--audience AUD]... [--alg RS256,ES256]",
        "                     [--clock-skew 30s] [--type at+jwt] TOKEN|-",
        "    Verifies TOKEN (or one read from standard input when -) and prints one JSON line:",
        "    {\"authenticated\":true,\"subject\":...} exits 0, {\"authenticated\":false,\"reason\":...} exits 1.",
        "    --jwks    a JWK set file (or a single JWK file), or an https URL (http only for localhost)",
        "    --alg     the allowed algorithms; by default those of the file's keys (required with a URL",
        "              and for symmetric keys)",
        "    --audience  accepted audiences; without it the audience is not checked (any aud passes)",
        "bulwark token mint --jwk PRIVATE_JWK_FILE --issuer ISS --subject SUB [--audience AUD]...",
        "                   [--ttl 5m] [--type JWT] [--claim NAME=VALUE]... [--claim NAME:=JSON]...",
        "    Prints a token signed with the key; the algorithm comes from the key (alg, else kty/crv).");
  }

  @Override
  public int run(List<String> args, Io io) throws UsageException {
    if (args.isEmpty()) {
      throw new UsageException("'token' needs a subcommand: verify or mint");
    }
    List<String> rest = args.subList(1, args.size());
    switch (args.get(0)) {
      case "verify":
        return verify(rest, io);
      case "mint":
        return mint(rest, io);
      default:
        throw new UsageException(
            "unknown subcommand 'token " + args.get(0) + "' (use verify or mint)");
    }
  }

  private int verify(List<String> argv, Io io) throws UsageException {
    Args a =
        Args.parse(
            "token verify",
            argv,
            Set.of("--issuer", "--jwks", "--alg", "--clock-skew", "--type"),
            Set.of("--audience"));
    a.expectPositionals("token verify", "TOKEN");
    String iss = a.require("--issuer");
    String jwks = a.require("--jwks");
    String token = a.positionals().get(0);
    if (token.equals("-")) {
      token = readStdin(io);
    }
    Duration skew = Durations.parse("--clock-skew", a.get("--clock-skew", "30s"));

    Issuer.Builder issuer = Issuer.builder(iss);
    List<String> algorithms = splitCommas(a.get("--alg"));
    boolean remote = jwks.startsWith("https://") || jwks.startsWith("http://");
    if (remote) {
      if (algorithms.isEmpty()) {
        throw new UsageException("--alg is required with a JWKS URL (the keys are fetched later)");
      }
      URI uri;
      try {
        uri = URI.create(jwks);
      } catch (IllegalArgumentException e) {
        throw new UsageException("--jwks is not a valid URL: " + jwks);
      }
      issuer.jwks(uri);
    } else {
      JWKSet set = Keys.readJwkSet("--jwks", jwks);
      if (algorithms.isEmpty()) {
        algorithms = inferAlgorithms(set);
      }
      issuer.jwks(set);
    }
    List<String> audiences = new ArrayList<>();
    for (String aud : a.all("--audience")) {
      audiences.addAll(splitCommas(aud));
    }
    if (audiences.isEmpty()) {
      audiences.addAll(unverifiedAudiences(token));
    }
    if (audiences.isEmpty()) {
      audiences.add(NO_AUDIENCE);
    }
    issuer
        .audiences(audiences.toArray(String[]::new))
        .algorithms(algorithms.toArray(String[]::new));
    String type = a.get("--type");
    if (type != null) {
      issuer.type(type);
    }

    AuthEngine engine;
    try {
      engine =
          AuthEngine.builder()
              .issuer(issuer.build())
              .clockSkew(skew)
              .clock(io.clock())
              .tokenCacheMaximumSize(0) // one token, checked once: a cache would only cost.
              .build();
    } catch (IllegalArgumentException | IllegalStateException e) {
      // The builders' messages name the setting and the value, never a key.
      throw new UsageException(e.getMessage(), e);
    }

    AuthResult result = engine.authenticate("Bearer " + token);
    Json json = new Json().put("authenticated", result.isAuthenticated());
    if (result.isAuthenticated()) {
      Principal p = result.principal();
      json.put("subject", p.subject()).put("issuer", p.issuer());
      if (!p.scopes().isEmpty()) {
        json.put("scopes", sorted(p.scopes()));
      }
      p.expiresAt().ifPresent(e -> json.put("expiresAt", e.toString()));
    } else {
      json.put("reason", result.failureReason().name()).put("detail", result.detail());
    }
    io.out().println(json);
    return result.isAuthenticated() ? 0 : 1;
  }

  private int mint(List<String> argv, Io io) throws UsageException {
    Args a =
        Args.parse(
            "token mint",
            argv,
            Set.of("--jwk", "--issuer", "--subject", "--ttl", "--type"),
            Set.of("--audience", "--claim"));
    a.expectPositionals("token mint");
    JWK jwk = Keys.readPrivateJwk("--jwk", a.require("--jwk"));
    JWSAlgorithm alg = Keys.algorithmOf(jwk);
    Duration ttl = Durations.parse("--ttl", a.get("--ttl", "5m"));
    if (ttl.isZero()) {
      throw new UsageException("--ttl must be positive, was '" + a.get("--ttl") + "'");
    }

    Instant now = io.clock().instant();
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .issuer(a.require("--issuer"))
            .subject(a.require("--subject"))
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(ttl)))
            .jwtID(UUID.randomUUID().toString());
    List<String> audiences = new ArrayList<>();
    for (String aud : a.all("--audience")) {
      audiences.addAll(splitCommas(aud));
    }
    if (audiences.size() == 1) {
      claims.audience(audiences.get(0));
    } else if (!audiences.isEmpty()) {
      claims.audience(audiences);
    }
    for (String claim : a.all("--claim")) {
      addClaim(claims, claim);
    }

    JWSHeader header =
        new JWSHeader.Builder(alg)
            .keyID(jwk.getKeyID())
            .type(new JOSEObjectType(a.get("--type", "JWT")))
            .build();
    SignedJWT jwt = new SignedJWT(header, claims.build());
    try {
      jwt.sign(Keys.signer(jwk, alg));
    } catch (JOSEException e) {
      throw new UsageException(
          "signing with the " + jwk.getKeyType() + " key failed: " + e.getMessage());
    }
    io.out().println(jwt.serialize());
    return 0;
  }

  private static void addClaim(JWTClaimsSet.Builder claims, String spec) throws UsageException {
    int eq = spec.indexOf('=');
    if (eq <= 0) {
      throw new UsageException("--claim must be NAME=VALUE or NAME:=JSON, was '" + spec + "'");
    }
    boolean json = spec.charAt(eq - 1) == ':';
    String name = spec.substring(0, json ? eq - 1 : eq);
    String value = spec.substring(eq + 1);
    if (name.isEmpty()) {
      throw new UsageException("--claim has an empty name: '" + spec + "'");
    }
    if (RESERVED.contains(name)) {
      throw new UsageException(
          "--claim "
              + name
              + " is set by mint's own options"
              + " (--issuer, --subject, --audience, --ttl)");
    }
    if (!json) {
      claims.claim(name, value);
      return;
    }
    try {
      // Parsing the value as the member of an object accepts any JSON value, not only objects.
      Map<String, Object> holder = JSONObjectUtils.parse("{\"v\":" + value + "}");
      claims.claim(name, holder.get("v"));
    } catch (ParseException e) {
      throw new UsageException("--claim " + name + ":= needs a JSON value, was '" + value + "'");
    }
  }

  private static List<String> inferAlgorithms(JWKSet set) throws UsageException {
    if (set.getKeys().isEmpty()) {
      throw new UsageException("--jwks holds no keys");
    }
    Set<String> algorithms = new LinkedHashSet<>();
    for (JWK key : set.getKeys()) {
      if (KeyType.OCT.equals(key.getKeyType()) && key.getAlgorithm() == null) {
        // HMAC only where the operator asked for it (RFC 8725 section 3.1).
        throw new UsageException(
            "--jwks holds a symmetric (oct) key without alg;"
                + " name its algorithm with --alg, for example --alg HS256");
      }
      algorithms.add(Keys.algorithmOf(key).getName());
    }
    return new ArrayList<>(algorithms);
  }

  // Read without verification, only to configure the audience check the user chose not to make.
  private static List<String> unverifiedAudiences(String token) {
    try {
      List<String> aud = SignedJWT.parse(token).getJWTClaimsSet().getAudience();
      return aud == null ? List.of() : aud;
    } catch (ParseException | RuntimeException e) {
      return List.of(); // the engine reports the malformed token itself
    }
  }

  private static List<String> splitCommas(String value) {
    List<String> parts = new ArrayList<>();
    if (value != null) {
      for (String part : value.split(",")) {
        if (!part.isBlank()) {
          parts.add(part.trim());
        }
      }
    }
    return parts;
  }

  private static List<String> sorted(Set<String> values) {
    List<String> list = new ArrayList<>(values);
    list.sort(null);
    return list;
  }

  private static String readStdin(Io io) throws UsageException {
    try {
      // A token is at most a few KiB; the engine enforces the real limit.
      byte[] bytes = io.in().readNBytes(1 << 20);
      String token = new String(bytes, StandardCharsets.UTF_8).strip();
      if (token.isEmpty()) {
        throw new UsageException("TOKEN '-' means standard input, which was empty");
      }
      return token;
    } catch (IOException e) {
      throw new UsageException(
          "cannot read the token from standard input: " + e.getClass().getSimpleName());
    }
  }
}
