/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy;

/** The schema and engine the tests of Java values share. */
final class ValuesSchema {
  private ValuesSchema() {}

  static final String TEXT =
      "entity Group in [Group];\n"
          + "entity Role;\n"
          + "entity User in [Group, Role] { name?: String, level?: Long, email?: String,"
          + " since?: datetime };\n"
          + "entity Doc in [Group] { owner: User };\n"
          + "action view appliesTo { principal: User, resource: Doc, context: { ip: ipaddr,"
          + " mfa: Bool, at?: datetime, ttl?: duration, amount?: decimal, tags?: Set<String>,"
          + " owner?: User, limits?: { max: Long }, nets?: Set<ipaddr> } };";

  static final EntityUid ALICE = EntityUid.of("User", "alice");
  static final EntityUid VIEW = EntityUid.of("Action", "view");
  static final EntityUid DOC = EntityUid.of("Doc", "d1");

  static Schema schema() {
    try {
      return Schema.parse(TEXT);
    } catch (PolicyParseException e) {
      throw new AssertionError(e);
    }
  }
}
