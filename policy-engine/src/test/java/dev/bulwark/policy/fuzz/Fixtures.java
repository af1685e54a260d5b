/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy.fuzz;

import dev.bulwark.policy.Context;
import dev.bulwark.policy.EntityStore;
import dev.bulwark.policy.EntityUid;
import dev.bulwark.policy.InMemoryEntityStore;
import dev.bulwark.policy.PolicyEngine;
import dev.bulwark.policy.PolicyParseException;
import dev.bulwark.policy.PolicySet;
import dev.bulwark.policy.Request;
import dev.bulwark.policy.Schema;
import java.util.List;

/**
 * The fixed schema, policies, entities and requests the Jazzer fuzz targets evaluate fuzzed input
 * against: a small photo-sharing application in the style of Cedar's sample data, so that a fuzzed
 * policy meets real attributes and a fuzzed entity or context meets real policies.
 */
final class Fixtures {
  static final String SCHEMA =
      "entity User in [Group] { name: String, age?: Long, tags?:"
          + " Set<String> };\n"
          + "entity Group in [Group];\n"
          + "entity Photo in [Album] { owner: User, private: Bool };\n"
          + "entity Album in [Album];\n"
          + "action view appliesTo { principal: [User], resource: [Photo, Album], context: {"
          + " ip?: ipaddr, mfa?: Bool, level?: Long, tags?: Set<String>, when?: datetime } };\n";

  static final String POLICIES =
      "permit(principal in Group::\"admins\", action, resource);\n"
          + "permit(principal, action == Action::\"view\", resource in Album::\"public\")"
          + " when { context has ip && context.ip.isInRange(ip(\"10.0.0.0/8\")) };\n"
          + "forbid(principal, action, resource is Photo) when { resource.private &&"
          + " resource.owner != principal } unless { context.mfa == true };\n"
          + "permit(principal is User, action, resource) when { principal has age &&"
          + " principal.age >= 18 && principal.name like \"a*\" };\n"
          + "permit(principal, action, resource) when { context.level * 2 > 10 &&"
          + " context.tags.containsAny([\"x\", \"y\"]) };\n";

  static final String ENTITIES =
      "[{\"uid\": {\"type\": \"User\", \"id\": \"alice\"}, \"attrs\":"
          + " {\"name\": \"alice\", \"age\": 30}, \"parents\": [{\"type\": \"Group\", \"id\":"
          + " \"staff\"}]},"
          + " {\"uid\": {\"type\": \"Group\", \"id\": \"staff\"}, \"attrs\": {}, \"parents\":"
          + " [{\"type\": \"Group\", \"id\": \"admins\"}]},"
          + " {\"uid\": {\"type\": \"Photo\", \"id\": \"p1\"}, \"attrs\": {\"owner\": {\"__entity\":"
          + " {\"type\": \"User\", \"id\": \"bob\"}}, \"private\": true}, \"parents\": [{\"type\":"
          + " \"Album\", \"id\": \"public\"}]}]";

  static final String CONTEXT =
      "{\"ip\": {\"__extn\": {\"fn\": \"ip\", \"arg\": \"10.1.2.3\"}},"
          + " \"mfa\": false, \"level\": 7, \"tags\": [\"x\"]}";

  static final EntityUid ALICE = EntityUid.of("User", "alice");
  static final EntityUid BOB = EntityUid.of("User", "bob");
  static final EntityUid VIEW = EntityUid.of("Action", "view");
  static final EntityUid PHOTO = EntityUid.of("Photo", "p1");
  static final EntityUid ALBUM = EntityUid.of("Album", "public");

  private static final Schema SCHEMA_PARSED;
  private static final PolicySet POLICIES_PARSED;
  private static final InMemoryEntityStore ENTITIES_PARSED;
  private static final Context CONTEXT_PARSED;

  static {
    try {
      SCHEMA_PARSED = Schema.parse(SCHEMA);
      POLICIES_PARSED = PolicySet.parse(POLICIES);
      ENTITIES_PARSED = InMemoryEntityStore.fromJson(ENTITIES, SCHEMA_PARSED);
      CONTEXT_PARSED = Context.fromJson(CONTEXT, SCHEMA_PARSED, VIEW);
    } catch (PolicyParseException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private Fixtures() {}

  static Schema schema() {
    return SCHEMA_PARSED;
  }

  static PolicySet policies() {
    return POLICIES_PARSED;
  }

  static InMemoryEntityStore entities() {
    return ENTITIES_PARSED;
  }

  static Context context() {
    return CONTEXT_PARSED;
  }

  /**
   * Decides four requests (alice and bob on the photo and the album) with request validation off,
   * so that nothing may throw: a policy's runtime error ends in the decision's errors.
   */
  static void decideAll(PolicySet policies, EntityStore entities, Context context) {
    PolicyEngine engine =
        PolicyEngine.builder()
            .policies(policies)
            .entities(entities)
            .validateRequests(false)
            .build();
    engine.authorizeAll(
        List.of(
            Request.of(ALICE, VIEW, PHOTO, context),
            Request.of(BOB, VIEW, PHOTO, context),
            Request.of(ALICE, VIEW, ALBUM, context),
            Request.of(BOB, VIEW, ALBUM, context)));
  }
}
