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
import dev.bulwark.policy.Context;
import dev.bulwark.policy.Decision;
import dev.bulwark.policy.Entity;
import dev.bulwark.policy.EntityUid;
import dev.bulwark.policy.InMemoryEntityStore;
import dev.bulwark.policy.Policy;
import dev.bulwark.policy.PolicyEngine;
import dev.bulwark.policy.PolicyParseException;
import dev.bulwark.policy.PolicySet;
import dev.bulwark.policy.PrincipalMapper;
import dev.bulwark.policy.Request;
import dev.bulwark.policy.Schema;
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
 * threads): the whole path of a request, from its {@code Authorization} header through the verified
 * {@link Principal} and the Cedar entity {@link PrincipalMapper} makes of it to a {@link Decision}
 * of a {@link PolicyEngine}, with the determining policy's {@code @message}, for an allowed and a
 * denied request; then a Bulwark API key, generated, accepted and revoked.
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

  /** The service's Cedar schema: users in roles, orders with an owner, two actions. */
  static final String SCHEMA =
      String.join(
          "\n",
          "entity Role;",
          "entity User in [Role];",
          "entity Order { owner: User };",
          "action view, cancel appliesTo {",
          "  principal: User,",
          "  resource: Order,",
          "  context: { sourceIp: ipaddr }",
          "};");

  /** The service's policies; each names itself ({@code @id}) and says why ({@code @message}). */
  static final String POLICIES =
      String.join(
          "\n",
          "@id(\"customers-view-own-orders\")",
          "@message(\"customers may view their own orders\")",
          "permit (principal in Role::\"customer\", action == Action::\"view\", resource)",
          "when { resource.owner == principal };",
          "",
          "@id(\"customers-cancel-own-orders\")",
          "@message(\"customers may cancel their own orders\")",
          "permit (principal in Role::\"customer\", action == Action::\"cancel\", resource)",
          "when { resource.owner == principal };",
          "",
          "@id(\"cancel-only-from-office\")",
          "@message(\"orders may be cancelled only from the office network\")",
          "forbid (principal, action == Action::\"cancel\", resource)",
          "unless { context.sourceIp.isInRange(ip(\"10.0.0.0/8\")) };");

  /** The orders the service knows; alice owns order 1001. */
  static final String ENTITIES =
      "[{\"uid\": {\"type\": \"Order\", \"id\": \"1001\"},"
          + " \"attrs\": {\"owner\": {\"type\": \"User\", \"id\": \""
          + USER
          + "\"}},"
          + " \"parents\": []}]";

  private Quickstart() {}

  /**
   * What the demo observed, for its test: each {@link AuthResult} the engine returned.
   *
   * @param token the demo token, signed by the issuer's key
   * @param forgedToken a token with the same header and claims, signed by a key the issuer never
   *     had
   * @param caller the Cedar entity the verified principal was mapped to
   * @param view the decision on alice viewing her order from the office network (allowed)
   * @param cancel the decision on alice cancelling her order from outside it (denied)
   * @param apiKey the freshly generated API key
   * @param revokedApiKey the same API key after it was revoked
   */
  record Outcome(
      AuthResult token,
      AuthResult forgedToken,
      Entity caller,
      Decision view,
      Decision cancel,
      AuthResult apiKey,
      AuthResult revokedApiKey) {}

  /** Runs the demo and prints what happens. */
  public static void main(String[] args) throws JOSEException, PolicyParseException {
    run(System.out, Clock.systemUTC());
  }

  /** Runs the demo, printing to {@code out}; returns what the engines answered at each step. */
  static Outcome run(PrintStream out, Clock clock) throws JOSEException, PolicyParseException {
    // --- The identity provider: an EC P-256 key pair, the public half published as a JWK set.
    ECKey signingKey =
        new ECKeyGenerator(Curve.P_256)
            .keyID("demo-key-1")
            .keyUse(KeyUse.SIGNATURE)
            .algorithm(JWSAlgorithm.ES256)
            .generate();
    JWKSet published = new JWKSet(signingKey.toPublicJWK());
    out.println(
        "1. The identity provider made an EC P-256 key pair (kid demo-key-1) and published");
    out.println("   its public half as a JWK set.");

    // --- The service: one engine, built once at startup and shared by every request thread.
    ApiKeys apiKeys =
        ApiKeys.builder().prefix("bk_live").store(new InMemoryApiKeyStore()).clock(clock).build();
    AuthEngine engine =
        AuthEngine.builder()
            .issuer(
                Issuer.builder(ISSUER)
                    .jwks(published)
                    .audiences(AUDIENCE)
                    .algorithms("ES256")
                    .build())
            .apiKeys(apiKeys)
            .clockSkew(Duration.ofSeconds(30))
            .clock(clock)
            .build();
    out.println(
        "2. The service built an AuthEngine trusting "
            + ISSUER
            + " for audience "
            + AUDIENCE
            + " (ES256 only), with API keys enabled.");

    // --- A request arrives with a token the identity provider minted for alice.
    Instant now = clock.instant();
    String token = mint(signingKey, now);
    out.println(
        "3. The identity provider minted a token for "
            + USER
            + " ("
            + token.length()
            + " characters, valid 5 minutes).");
    AuthResult tokenResult = engine.authenticate("Bearer " + token);
    report(out, "Authorization: Bearer <token>", tokenResult);

    // --- The same claims signed with a key the issuer never published: refused.
    ECKey impostor = new ECKeyGenerator(Curve.P_256).keyID("demo-key-1").generate();
    AuthResult forged = engine.authenticate("Bearer " + mint(impostor, now));
    report(out, "Authorization: Bearer <same claims, signed by another key>", forged);

    // --- The service, continued: a policy engine over its schema, policies and entities, built
    // once at startup. validatePolicies(true) refuses policies the schema shows cannot work (a
    // misspelt attribute or action), so a typo fails the deployment instead of denying quietly.
    Schema schema = Schema.parse(SCHEMA);
    PolicyEngine policies =
        PolicyEngine.builder()
            .schema(schema)
            .validatePolicies(true)
            .policies(PolicySet.parse(POLICIES))
            .entities(InMemoryEntityStore.fromJson(ENTITIES, schema))
            .build();
    // The caller as a Cedar entity: the subject is its id, each role in the token's "roles"
    // claim a parent Role; checked against the schema when built and when used.
    PrincipalMapper mapper =
        PrincipalMapper.builder("User").parents("roles", "Role").schema(schema).build();
    out.println(
        "4. The service built a PolicyEngine: "
            + policies.policies().size()
            + " Cedar policies, valid against its schema, and a PrincipalMapper (User, roles as Role).");

    Principal principal = tokenResult.principal();
    Entity caller = mapper.toEntity(principal.subject(), principal.claims());
    out.println(
        "5. The verified principal as a Cedar entity: "
            + caller.uid()
            + ", parents "
            + caller.parents());

    Decision view = decide(out, policies, schema, caller, "view", "10.1.2.3");
    Decision cancel = decide(out, policies, schema, caller, "cancel", "203.0.113.7");

    // --- An API key for a service account: generated once, stored only as a digest. The demo masks
    // the secret: a demo that prints a live secret teaches the wrong habit.
    GeneratedApiKey generated =
        apiKeys.generate(SERVICE_ACCOUNT, Set.of("orders:read"), Duration.ofDays(90));
    out.println(
        "6. Generated an API key for "
            + SERVICE_ACCOUNT
            + ": id "
            + generated.keyId()
            + ", shown once as "
            + apiKeys.prefix()
            + "_"
            + generated.keyId()
            + "_******** (only a SHA-256 digest is stored).");
    AuthResult keyResult = engine.authenticate("ApiKey " + generated.plaintext());
    report(out, "Authorization: ApiKey <key>", keyResult);

    boolean existed = apiKeys.revoke(generated.keyId());
    out.println(
        "7. Revoked API key " + generated.keyId() + (existed ? "." : " (it was not found)."));
    AuthResult revokedResult = engine.authenticate("ApiKey " + generated.plaintext());
    report(out, "Authorization: ApiKey <the revoked key>", revokedResult);

    return new Outcome(tokenResult, forged, caller, view, cancel, keyResult, revokedResult);
  }

  /** Decides whether the caller may take the action on order 1001, and prints why. */
  private static Decision decide(
      PrintStream out,
      PolicyEngine policies,
      Schema schema,
      Entity caller,
      String action,
      String sourceIp) {
    EntityUid actionUid = EntityUid.of("Action", action);
    // The context from Java values; with the schema, the string is read as the declared ipaddr.
    Context context = Context.builder(schema, actionUid).put("sourceIp", sourceIp).build();
    Request request = Request.of(caller.uid(), actionUid, EntityUid.of("Order", "1001"), context);
    // The caller travels with the request: the entity store holds the orders, not the users.
    Decision d = policies.authorize(request, List.of(caller));
    out.println("   " + caller.uid() + " " + action + " Order::\"1001\" from " + sourceIp);
    if (d.reasons().isEmpty()) {
      out.println("   -> " + (d.isAllowed() ? "allow" : "deny") + ": no policy applies");
    }
    // The determining policies come from the set that decided, with their annotations.
    for (Policy p : d.determiningPolicies()) {
      out.println(
          "   -> "
              + (d.isAllowed() ? "allow" : "deny")
              + ", determined by "
              + p.id()
              + ": "
              + p.annotations().getOrDefault("message", "(no message)"));
    }
    return d;
  }

  private static String mint(ECKey key, Instant now) throws JOSEException {
    JWSHeader header =
        new JWSHeader.Builder(JWSAlgorithm.ES256)
            .keyID(key.getKeyID())
            .type(JOSEObjectType.JWT)
            .build();
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
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
      out.println(
          "   -> accepted: subject "
              + p.subject()
              + " via "
              + p.method()
              + ", issuer "
              + p.issuer()
              + ", scopes "
              + p.scopes()
              + ", roles "
              + p.roles()
              + p.expiresAt().map(e -> ", expires " + e).orElse(""));
    } else {
      out.println("   -> refused: " + result.failureReason() + " (" + result.detail() + ")");
      out.println(
          "      the service would answer 401 with WWW-Authenticate: " + result.wwwAuthenticate());
    }
  }
}
