/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.jmh.flow;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.bulwark.auth.AuthEngine;
import dev.bulwark.auth.AuthResult;
import dev.bulwark.auth.Issuer;
import dev.bulwark.auth.Principal;
import dev.bulwark.policy.Context;
import dev.bulwark.policy.Decision;
import dev.bulwark.policy.Entity;
import dev.bulwark.policy.EntityUid;
import dev.bulwark.policy.InMemoryEntityStore;
import dev.bulwark.policy.PolicyEngine;
import dev.bulwark.policy.PolicySet;
import dev.bulwark.policy.PrincipalMapper;
import dev.bulwark.policy.Request;
import dev.bulwark.policy.Schema;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The README's path from an {@code Authorization} header to a Cedar decision, step by step, in one
 * run: the quickstart's schema, policies and order, a token whose {@code roles} claim makes the
 * caller a customer, and the request "alice views her order from the office network" (allowed).
 *
 * <ul>
 *   <li>{@link #authenticate}: {@code AuthEngine.authenticate} of the header, a verified-token
 *       cache hit (the steady state of a caller that sends the same token again);
 *   <li>{@link #toEntity}: {@code PrincipalMapper.toEntity} of the verified principal, checked
 *       against the schema;
 *   <li>{@link #context}: the context from Java values, checked against the schema;
 *   <li>{@link #authorize}: {@code PolicyEngine.authorize(request, List.of(caller))} with the
 *       request already built;
 *   <li>{@link #headerToDecision}: all of it, as a request handler runs it.
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Threads(1)
public class HeaderToDecision {
  private static final String ISSUER = "https://id.example.com";
  private static final String AUDIENCE = "orders-api";
  private static final String SCHEMA =
      "entity Role; entity User in [Role]; entity Order { owner: User };"
          + " action view, cancel appliesTo { principal: User, resource: Order,"
          + " context: { sourceIp: ipaddr } };";
  private static final String POLICIES =
      "@id(\"customers-view-own-orders\")\n"
          + "permit (principal in Role::\"customer\", action == Action::\"view\", resource)"
          + " when { resource.owner == principal };\n"
          + "@id(\"cancel-only-from-office\")\n"
          + "forbid (principal, action == Action::\"cancel\", resource)"
          + " unless { context.sourceIp.isInRange(ip(\"10.0.0.0/8\")) };";
  private static final String ENTITIES =
      "[{\"uid\": {\"type\": \"Order\", \"id\": \"1001\"},"
          + " \"attrs\": {\"owner\": {\"type\": \"User\", \"id\": \"alice\"}}, \"parents\": []}]";
  private static final EntityUid VIEW = EntityUid.of("Action", "view");
  private static final EntityUid ORDER = EntityUid.of("Order", "1001");

  private AuthEngine auth;
  private PolicyEngine policies;
  private PrincipalMapper mapper;
  private Schema schema;
  private String header;
  private Principal principal;
  private Entity caller;
  private Request request;

  /** The engines, a token, and each step's input, made once. */
  @Setup(Level.Trial)
  public void setUp() throws Exception {
    OctetSequenceKey key = new OctetSequenceKeyGenerator(256).keyID("k1").generate();
    auth =
        AuthEngine.builder()
            .issuer(
                Issuer.builder(ISSUER)
                    .jwks(new JWKSet(key))
                    .audiences(AUDIENCE)
                    .algorithms("HS256")
                    .build())
            .build();
    Instant now = Instant.now();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("k1").build(),
            new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject("alice")
                .claim("roles", List.of("customer"))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofHours(2))))
                .build());
    jwt.sign(new MACSigner(key));
    header = "Bearer " + jwt.serialize();
    schema = Schema.parse(SCHEMA);
    policies =
        PolicyEngine.builder()
            .schema(schema)
            .validatePolicies(true)
            .policies(PolicySet.parse(POLICIES))
            .entities(InMemoryEntityStore.fromJson(ENTITIES, schema))
            .build();
    mapper = PrincipalMapper.builder("User").parents("roles", "Role").schema(schema).build();
    principal = auth.authenticate(header).principal();
    caller = mapper.toEntity(principal.subject(), principal.claims());
    request = Request.of(caller.uid(), VIEW, ORDER, context());
    if (!headerToDecision().isAllowed()) {
      throw new IllegalStateException("the request should be allowed");
    }
  }

  /** Step 1: the header verified (a cache hit). */
  @Benchmark
  public AuthResult authenticate() {
    return auth.authenticate(header);
  }

  /** Step 2: the principal as a Cedar entity. */
  @Benchmark
  public Entity toEntity() {
    return mapper.toEntity(principal.subject(), principal.claims());
  }

  /** Step 3: the request's context. */
  @Benchmark
  public Context context() {
    return Context.builder(schema, VIEW).put("sourceIp", "10.1.2.3").build();
  }

  /** Step 4: the decision, with the caller as a request entity. */
  @Benchmark
  public Decision authorize() {
    return policies.authorize(request, List.of(caller));
  }

  /** Steps 1 to 4, as a request handler runs them. */
  @Benchmark
  public Decision headerToDecision() {
    Principal p = auth.authenticate(header).principal();
    Entity c = mapper.toEntity(p.subject(), p.claims());
    Context ctx = Context.builder(schema, VIEW).put("sourceIp", "10.1.2.3").build();
    return policies.authorize(Request.of(c.uid(), VIEW, ORDER, ctx), List.of(c));
  }
}
