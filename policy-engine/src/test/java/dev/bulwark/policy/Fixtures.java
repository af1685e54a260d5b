/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy;

/** Small helpers shared by the engine tests. */
final class Fixtures {
  private Fixtures() {}

  static final String ENTITIES =
      "["
          + "{\"uid\":{\"type\":\"User\",\"id\":\"alice\"},"
          + " \"attrs\":{\"age\":30,\"name\":\"Alice\",\"tags\":[\"a\",\"b\"],"
          + "   \"address\":{\"city\":\"Paris\"},\"manager\":{\"__entity\":{\"type\":\"User\",\"id\":\"bob\"}},"
          + "   \"ip\":{\"__extn\":{\"fn\":\"ip\",\"arg\":\"10.0.0.7\"}}},"
          + " \"parents\":[{\"type\":\"Group\",\"id\":\"staff\"}],"
          + " \"tags\":{\"clearance\":\"secret\"}},"
          + "{\"uid\":{\"type\":\"Group\",\"id\":\"staff\"},\"attrs\":{},"
          + " \"parents\":[{\"type\":\"Group\",\"id\":\"everyone\"}]},"
          + "{\"uid\":{\"type\":\"Group\",\"id\":\"everyone\"},\"attrs\":{},\"parents\":[]},"
          + "{\"uid\":{\"type\":\"Action\",\"id\":\"view\"},\"attrs\":{},"
          + " \"parents\":[{\"type\":\"Action\",\"id\":\"read\"}]},"
          + "{\"uid\":{\"type\":\"Photo\",\"id\":\"a.jpg\"},\"attrs\":{\"owner\":"
          + "   {\"__entity\":{\"type\":\"User\",\"id\":\"alice\"}},\"size\":5},"
          + " \"parents\":[{\"type\":\"Album\",\"id\":\"trip\"}]}"
          + "]";

  static final EntityUid ALICE = EntityUid.of("User", "alice");
  static final EntityUid VIEW = EntityUid.of("Action", "view");
  static final EntityUid PHOTO = EntityUid.of("Photo", "a.jpg");

  static Decision decide(String policies) {
    return decide(policies, "{}");
  }

  static Decision decide(String policies, String context) {
    try {
      PolicyEngine engine =
          PolicyEngine.builder()
              .policies(PolicySet.parse(policies))
              .entities(InMemoryEntityStore.fromJson(ENTITIES))
              .build();
      return engine.authorize(Request.of(ALICE, VIEW, PHOTO, Context.fromJson(context)));
    } catch (PolicyParseException e) {
      throw new AssertionError(e);
    }
  }

  /** Evaluates one condition in a permit policy: "allow", "deny" or "error". */
  static String when(String condition) {
    Decision d = decide("permit(principal, action, resource) when { " + condition + " };");
    if (!d.errors().isEmpty()) {
      return "error";
    }
    return d.isAllowed() ? "allow" : "deny";
  }
}
