/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link PrincipalMapper}: a subject and its claims to a Cedar entity. */
class PrincipalMapperTest {
  private static final Schema SCHEMA = ValuesSchema.schema();

  private static Set<EntityUid> roles(String... ids) {
    return Set.copyOf(Arrays.stream(ids).map(i -> EntityUid.of("Role", i)).toList());
  }

  private static PrincipalMapper rolesAt(String path) {
    return PrincipalMapper.builder("User").parents(path, "Role").build();
  }

  @Test
  void toEntity_subject_isTheIdUnderTheConfiguredType() {
    Entity e = PrincipalMapper.builder("User").build().toEntity("alice", Map.of());
    assertThat(e.uid()).isEqualTo(EntityUid.of("User", "alice"));
  }

  @Test
  void toEntity_nestedRolesArray_areParents() {
    Entity e =
        rolesAt("realm_access.roles")
            .toEntity("alice", Map.of("realm_access", Map.of("roles", List.of("admin", "dev"))));
    assertThat(e.parents()).isEqualTo(roles("admin", "dev"));
  }

  @Test
  void toEntity_claimNameWithColon_isOneClaim() {
    Entity e =
        PrincipalMapper.builder("User")
            .parents("cognito:groups", "Group")
            .build()
            .toEntity("alice", Map.of("cognito:groups", List.of("staff")));
    assertThat(e.parents()).containsExactly(EntityUid.of("Group", "staff"));
  }

  @Test
  void toEntity_claimNameWithDotsGivenBySegments_isOneClaim() {
    Entity e =
        PrincipalMapper.builder("User")
            .parents(List.of("https://example.com/roles"), "Role")
            .build()
            .toEntity("alice", Map.of("https://example.com/roles", List.of("admin")));
    assertThat(e.parents()).isEqualTo(roles("admin"));
  }

  @Test
  void toEntity_spaceSeparatedString_isOneParentPerId() {
    Entity e = rolesAt("scope").toEntity("alice", Map.of("scope", "read write"));
    assertThat(e.parents()).isEqualTo(roles("read", "write"));
  }

  @Test
  void toEntity_missingClaim_givesNoParents() {
    assertThat(rolesAt("realm_access.roles").toEntity("alice", Map.of()).parents()).isEmpty();
  }

  @Test
  void toEntity_nullClaim_givesNoParents() {
    Map<String, Object> claims = new HashMap<>();
    claims.put("roles", null);
    assertThat(rolesAt("roles").toEntity("alice", claims).parents()).isEmpty();
  }

  @Test
  void toEntity_emptyString_givesNoParents() {
    assertThat(rolesAt("roles").toEntity("alice", Map.of("roles", "")).parents()).isEmpty();
  }

  @Test
  void toEntity_numberClaim_isAnInvalidRequestNamingTheShape() {
    assertThatThrownBy(() -> rolesAt("roles").toEntity("alice", Map.of("roles", 7L)))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("roles")
        .hasMessageContaining("a number");
  }

  @Test
  void toEntity_objectClaim_isAnInvalidRequest() {
    assertThatThrownBy(
            () -> rolesAt("roles").toEntity("alice", Map.of("roles", Map.of("admin", true))))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("an object");
  }

  @Test
  void toEntity_booleanClaim_isAnInvalidRequest() {
    assertThatThrownBy(() -> rolesAt("roles").toEntity("alice", Map.of("roles", true)))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("a boolean");
  }

  @Test
  void toEntity_nestedArrays_isAnInvalidRequest() {
    assertThatThrownBy(
            () -> rolesAt("roles").toEntity("alice", Map.of("roles", List.of(List.of("admin")))))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("an array holding an array");
  }

  @Test
  void toEntity_arrayWithANumber_isAnInvalidRequest() {
    assertThatThrownBy(
            () -> rolesAt("roles").toEntity("alice", Map.of("roles", List.of("admin", 1L))))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("a number");
  }

  @Test
  void toEntity_stringWithTwoSpaces_isAnInvalidRequest() {
    assertThatThrownBy(() -> rolesAt("roles").toEntity("alice", Map.of("roles", "a  b")))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("empty id");
  }

  @Test
  void toEntity_pathThroughANonObject_isAnInvalidRequest() {
    assertThatThrownBy(
            () -> rolesAt("realm_access.roles").toEntity("alice", Map.of("realm_access", "admin")))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("realm_access must be an object");
  }

  @Test
  void toEntity_badShapeMessage_doesNotEchoTheClaimValue() {
    assertThatThrownBy(
            () -> rolesAt("roles").toEntity("alice", Map.of("roles", Map.of("secret-value", true))))
        .isInstanceOf(InvalidRequestException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret-value"));
  }

  @Test
  void toEntity_rolesAndScopesGivenApart_areParentsOfTheirTypes() {
    Entity e =
        PrincipalMapper.builder("User")
            .rolesAs("Role")
            .scopesAs("Group")
            .build()
            .toEntity("alice", Map.of(), Set.of("admin"), Set.of("docs:read"));
    assertThat(e.parents())
        .containsExactlyInAnyOrder(
            EntityUid.of("Role", "admin"), EntityUid.of("Group", "docs:read"));
  }

  @Test
  void toEntity_attributeClaims_areAttributes() {
    Entity e =
        PrincipalMapper.builder("User")
            .attribute("email", "email")
            .attribute("profile.level", "level")
            .build()
            .toEntity("alice", Map.of("email", "a@example.com", "profile", Map.of("level", 3L)));
    assertThat(e.data().attributes().get("email")).isEqualTo("a@example.com");
    assertThat(e.data().attributes().get("level")).isEqualTo(3L);
  }

  @Test
  void toEntity_floatingPointAttributeClaim_isAnInvalidRequest() {
    assertThatThrownBy(
            () ->
                PrincipalMapper.builder("User")
                    .attribute("score", "level")
                    .build()
                    .toEntity("alice", Map.of("score", 0.5)))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("level");
  }

  @Test
  void toEntity_withSchemaAndAttributeOfAWrongType_isAnInvalidRequest() {
    PrincipalMapper m =
        PrincipalMapper.builder("User").attribute("lvl", "level").schema(SCHEMA).build();
    assertThatThrownBy(() -> m.toEntity("alice", Map.of("lvl", "high")))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("level");
  }

  @Test
  void build_withSchemaAndUndeclaredEntityType_isRefused() {
    assertThatThrownBy(() -> PrincipalMapper.builder("Robot").schema(SCHEMA).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Robot");
  }

  @Test
  void build_withSchemaAndDisallowedParentType_isRefused() {
    assertThatThrownBy(
            () -> PrincipalMapper.builder("User").parents("docs", "Doc").schema(SCHEMA).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Doc");
  }

  @Test
  void build_withSchemaAndUndeclaredAttribute_isRefused() {
    assertThatThrownBy(
            () -> PrincipalMapper.builder("User").attribute("x", "shoeSize").schema(SCHEMA).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("shoeSize");
  }

  @Test
  void parents_emptyPathSegment_isRefused() {
    assertThatThrownBy(() -> PrincipalMapper.builder("User").parents("realm_access..roles", "Role"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("claimPath");
  }

  @Test
  void mappedEntity_withAuthorize_decidesByItsGroups() throws Exception {
    PolicyEngine engine =
        PolicyEngine.builder()
            .policies(PolicySet.parse("permit(principal in Role::\"admin\", action, resource);"))
            .build();
    Entity caller =
        rolesAt("realm_access.roles")
            .toEntity("alice", Map.of("realm_access", Map.of("roles", List.of("admin"))));
    assertThat(
            engine
                .authorize(
                    Request.of(caller.uid(), ValuesSchema.VIEW, ValuesSchema.DOC), List.of(caller))
                .isAllowed())
        .isTrue();
  }
}
