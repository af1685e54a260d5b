/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.example.spring;

import dev.bulwark.auth.ApiKeys;
import dev.bulwark.auth.AuthEngine;
import dev.bulwark.auth.Issuer;
import dev.bulwark.auth.store.InMemoryApiKeyStore;
import dev.bulwark.auth.store.InMemoryRevocationStore;
import dev.bulwark.example.http.TokenMint;
import dev.bulwark.metrics.AuthEngineMetrics;
import dev.bulwark.metrics.PolicyEngineMetrics;
import dev.bulwark.policy.Entity;
import dev.bulwark.policy.InMemoryEntityStore;
import dev.bulwark.policy.PolicyEngine;
import dev.bulwark.policy.PolicyParseException;
import dev.bulwark.policy.PolicySet;
import dev.bulwark.policy.PrincipalMapper;
import dev.bulwark.policy.Schema;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Bulwark's engines as Spring beans, built once and shared by every request, with the photo
 * service's schema, policies and entities (read from {@code examples/http-service}'s resources).
 *
 * <p>The stand-ins a real deployment replaces: {@link TokenMint} is the demo identity provider (use
 * {@code Issuer.builder(iss).jwks(URI)} with your provider's JWKS URL), and the key, revocation and
 * entity stores are in memory (use bulwark-db-cache's JDBC stores, as {@code examples/http-service}
 * does, to share them between instances).
 */
@Configuration(proxyBeanMethods = false)
public class BulwarkBeans {
  /** Where the photo service keeps its Cedar files on the class path. */
  static final String RESOURCES = "/dev/bulwark/example/http/";

  /** The prefix of the API keys this service issues. */
  static final String API_KEY_PREFIX = "bk_photos";

  /** The demo identity provider whose public keys the engine trusts. */
  @Bean
  public TokenMint tokenMint() {
    return TokenMint.generate();
  }

  /** Revoked tokens, subjects and API keys; in memory here. */
  @Bean
  public InMemoryRevocationStore revocations() {
    return new InMemoryRevocationStore();
  }

  /** The service's API keys; their records in memory here. */
  @Bean
  public ApiKeys apiKeys() {
    return ApiKeys.builder().prefix(API_KEY_PREFIX).store(new InMemoryApiKeyStore()).build();
  }

  /** The authentication engine: the mint's ES256 keys, the API keys, the revocations. */
  @Bean
  public AuthEngine authEngine(
      TokenMint mint, ApiKeys apiKeys, InMemoryRevocationStore revocations) {
    return AuthEngine.builder()
        .issuer(
            Issuer.builder(TokenMint.ISSUER)
                .jwks(mint.publicKeys())
                .audiences(TokenMint.AUDIENCE)
                .algorithms("ES256")
                .build())
        .apiKeys(apiKeys)
        .revocations(revocations)
        .realm("photos")
        .build();
  }

  /** The photo service's Cedar schema. */
  @Bean
  public Schema schema() throws PolicyParseException {
    return Schema.parse(resource("photos.cedarschema"));
  }

  /**
   * The policy engine on the photo-sharing policies, validated against the schema, with the seed
   * entities.
   *
   * @throws IllegalStateException if the policies do not validate: better no service than one
   *     deciding with policies the schema refuses
   */
  @Bean
  public PolicyEngine policyEngine(Schema schema) throws PolicyParseException {
    PolicySet policies = PolicySet.parse(resource("photos.cedar"));
    List<String> problems =
        schema.validate(policies).errors().stream().map(Object::toString).toList();
    if (!problems.isEmpty()) {
      throw new IllegalStateException("photos.cedar does not validate: " + problems);
    }
    List<Entity> entities = new ArrayList<>();
    for (String line : resource("photos.entities.jsonl").split("\n", -1)) {
      if (!line.isBlank()) {
        entities.add(Entity.fromJson(line, schema));
      }
    }
    return PolicyEngine.builder()
        .policies(policies)
        .schema(schema)
        .validatePolicies(true)
        .entities(InMemoryEntityStore.of(entities))
        .build();
  }

  /**
   * The caller as a {@code User}: the token's groups as {@code UserGroup} parents, its roles as
   * {@code Role} and its scopes (or an API key's) as {@code Scope} parents.
   */
  @Bean
  public PrincipalMapper principalMapper(Schema schema) {
    return PrincipalMapper.builder("User")
        .parents("groups", "UserGroup")
        .rolesAs("Role")
        .scopesAs("Scope")
        .schema(schema)
        .build();
  }

  /** Bulwark's authentication meters; Boot binds every {@code MeterBinder} bean it finds. */
  @Bean
  public AuthEngineMetrics authEngineMetrics(AuthEngine engine) {
    return new AuthEngineMetrics(engine);
  }

  /** Bulwark's decision meters. */
  @Bean
  public PolicyEngineMetrics policyEngineMetrics(PolicyEngine engine) {
    return new PolicyEngineMetrics(engine);
  }

  private static String resource(String name) {
    try (InputStream in = BulwarkBeans.class.getResourceAsStream(RESOURCES + name)) {
      if (in == null) {
        throw new IllegalStateException(
            "resource " + RESOURCES + name + " is missing from the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCES + name, e);
    }
  }
}
