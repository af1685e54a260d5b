/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.example.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.auth.AuthMethod;
import dev.bulwark.auth.Principal;
import dev.bulwark.policy.Context;
import dev.bulwark.policy.EntityStoreUnavailableException;
import dev.bulwark.policy.EntityUid;
import dev.bulwark.policy.PolicyEngine;
import dev.bulwark.policy.PolicySet;
import dev.bulwark.policy.PrincipalMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/** The authorization manager on its own: every way a decision cannot be made denies. */
class BulwarkAuthorizationManagerTest {
  private static final EntityUid VIEW = EntityUid.of("Action", "view");

  /** Permits everyone everything: what is denied below is denied by the manager, not a policy. */
  private static PolicyEngine permitAll() throws Exception {
    return PolicyEngine.builder()
        .policies(PolicySet.parse("permit(principal, action, resource);"))
        .build();
  }

  private static BulwarkAuthorizationManager manager(PolicyEngine engine) {
    return new BulwarkAuthorizationManager(
        engine,
        PrincipalMapper.builder("User").build(),
        VIEW,
        "Photo",
        "id",
        (r, a) -> Context.empty());
  }

  private static Authentication alice() {
    return new BulwarkAuthentication(
        Principal.builder(AuthMethod.JWT, "https://id.example", "alice").build());
  }

  private static RequestAuthorizationContext photo(String id) {
    return new RequestAuthorizationContext(
        new MockHttpServletRequest("GET", "/photos/" + id), Map.of("id", id));
  }

  @Test
  void authorize_bulwarkCallerAndAPermit_allows() throws Exception {
    assertThat(
            manager(permitAll())
                .authorize(BulwarkAuthorizationManagerTest::alice, photo("p1"))
                .isGranted())
        .isTrue();
  }

  @Test
  void authorize_callerAuthenticatedByAnotherMechanism_denies() throws Exception {
    Authentication other = new TestingAuthenticationToken("alice", "n/a", "SCOPE_photos:read");
    other.setAuthenticated(true);

    assertThat(manager(permitAll()).authorize(() -> other, photo("p1")).isGranted()).isFalse();
  }

  @Test
  void authorize_noPathVariable_denies() throws Exception {
    RequestAuthorizationContext noId =
        new RequestAuthorizationContext(new MockHttpServletRequest("GET", "/photos/"), Map.of());

    assertThat(
            manager(permitAll())
                .authorize(BulwarkAuthorizationManagerTest::alice, noId)
                .isGranted())
        .isFalse();
  }

  @Test
  void authorize_entityStoreUnavailable_denies() throws Exception {
    PolicyEngine down =
        PolicyEngine.builder()
            .policies(
                PolicySet.parse("permit(principal, action, resource) when { resource.public };"))
            .entities(
                uid -> {
                  throw new EntityStoreUnavailableException("down for the test", null);
                })
            .build();

    assertThat(
            manager(down)
                .authorize(BulwarkAuthorizationManagerTest::alice, photo("p1"))
                .isGranted())
        .isFalse();
  }

  @Test
  void authorize_contextThatCannotBeBuilt_denies() throws Exception {
    BulwarkAuthorizationManager m =
        new BulwarkAuthorizationManager(
            permitAll(),
            PrincipalMapper.builder("User").build(),
            VIEW,
            "Photo",
            "id",
            (r, a) -> {
              throw new IllegalArgumentException("sourceIp: not an address");
            });

    assertThat(m.authorize(BulwarkAuthorizationManagerTest::alice, photo("p1")).isGranted())
        .isFalse();
  }
}
