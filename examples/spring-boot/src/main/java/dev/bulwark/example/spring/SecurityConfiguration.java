/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.example.spring;

import dev.bulwark.auth.AuthEngine;
import dev.bulwark.policy.Context;
import dev.bulwark.policy.EntityUid;
import dev.bulwark.policy.PolicyEngine;
import dev.bulwark.policy.PrincipalMapper;
import dev.bulwark.policy.Schema;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The filter chain: Spring Security's resource server with Bulwark behind it, and a Bulwark
 * decision for each photo route. {@code /public}, {@code /actuator/health} and {@code
 * /actuator/prometheus} are open; every other path is denied, so a route added without a rule is
 * refused rather than exposed.
 *
 * <p>Stateless: no session, no CSRF token (a bearer credential is not sent by a browser on its own,
 * which is what CSRF abuses).
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {
  private static final EntityUid VIEW = EntityUid.of("Action", "view");
  private static final EntityUid EDIT = EntityUid.of("Action", "edit");

  /** The authentication manager the resource server asks; also what Boot sees as the one. */
  @Bean
  public BulwarkAuthenticationManager bulwarkAuthenticationManager(AuthEngine engine) {
    return new BulwarkAuthenticationManager(engine);
  }

  /** The 401 with the engine's challenge, and the 403. */
  @Bean
  public BulwarkEntryPoint bulwarkEntryPoint(AuthEngine engine) {
    return new BulwarkEntryPoint(engine);
  }

  /**
   * The chain.
   *
   * @throws Exception as {@link HttpSecurity#build()} declares
   */
  @Bean
  public SecurityFilterChain filterChain(
      HttpSecurity http,
      BulwarkAuthenticationManager authentication,
      BulwarkEntryPoint entryPoint,
      PolicyEngine policies,
      PrincipalMapper principals,
      Schema schema)
      throws Exception {
    return http.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(c -> c.disable())
        .oauth2ResourceServer(
            rs ->
                rs.bearerTokenResolver(new AuthorizationHeaderResolver())
                    .authenticationManagerResolver(request -> authentication)
                    .authenticationEntryPoint(entryPoint)
                    .accessDeniedHandler(entryPoint))
        .exceptionHandling(
            e -> e.authenticationEntryPoint(entryPoint).accessDeniedHandler(entryPoint))
        .authorizeHttpRequests(
            a ->
                a.requestMatchers(
                        HttpMethod.GET, "/public", "/actuator/health", "/actuator/prometheus")
                    .permitAll()
                    .requestMatchers(HttpMethod.GET, "/photos/{id}")
                    .access(photo(policies, principals, schema, VIEW))
                    .requestMatchers(HttpMethod.PUT, "/photos/{id}")
                    .access(photo(policies, principals, schema, EDIT))
                    .anyRequest()
                    .denyAll())
        .build();
  }

  /** A decision on {@code Photo::"{id}"}, with the caller's address as {@code context.sourceIp}. */
  private static BulwarkAuthorizationManager photo(
      PolicyEngine policies, PrincipalMapper principals, Schema schema, EntityUid action) {
    return new BulwarkAuthorizationManager(
        policies,
        principals,
        action,
        "Photo",
        "id",
        // With the schema the address is read as the declared ipaddr; one Cedar cannot read
        // makes build() throw, and the manager denies.
        (request, a) ->
            Context.builder(schema, a).put("sourceIp", request.getRemoteAddr()).build());
  }
}
