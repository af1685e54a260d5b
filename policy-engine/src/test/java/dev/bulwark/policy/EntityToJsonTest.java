/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link Entity#toJson()} writes what {@link Entity#fromJson} reads back to an equal entity. */
class EntityToJsonTest {
  private static final String EVERY_KIND =
      "{\"uid\":{\"type\":\"User\",\"id\":\"al\\\"ice\"},"
          + "\"attrs\":{\"age\":42,\"name\":\"Alice\",\"admin\":true,"
          + "\"manager\":{\"__entity\":{\"type\":\"User\",\"id\":\"bob\"}},"
          + "\"roles\":[\"a\",\"b\"],\"address\":{\"city\":\"Paris\",\"zip\":75001},"
          + "\"ip\":{\"__extn\":{\"fn\":\"ip\",\"arg\":\"10.0.0.0/8\"}},"
          + "\"score\":{\"__extn\":{\"fn\":\"decimal\",\"arg\":\"1.5\"}},"
          + "\"born\":{\"__extn\":{\"fn\":\"datetime\",\"arg\":\"1990-05-01T10:00:00Z\"}},"
          + "\"ttl\":{\"__extn\":{\"fn\":\"duration\",\"arg\":\"1h30m\"}}},"
          + "\"parents\":[{\"type\":\"Group\",\"id\":\"staff\"}],"
          + "\"tags\":{\"level\":3}}";

  /** Renders an entity as a request reads it, to compare entities by value. */
  private static Decision probe(Entity e, String condition) throws PolicyParseException {
    PolicyEngine engine =
        PolicyEngine.builder()
            .policies(
                PolicySet.parse("permit(principal, action, resource) when { " + condition + " };"))
            .entities(InMemoryEntityStore.of(List.of(e)))
            .build();
    return engine.authorize(
        Request.of(e.uid(), EntityUid.of("Action", "view"), EntityUid.of("Photo", "p")));
  }

  @Test
  void toJson_entityWithEveryKindOfValue_readsBackToTheSameJson() throws PolicyParseException {
    Entity e = Entity.fromJson(EVERY_KIND);

    Entity back = Entity.fromJson(e.toJson());

    assertThat(back.toJson()).isEqualTo(e.toJson());
    assertThat(back.uid()).isEqualTo(e.uid());
    assertThat(back.parents()).isEqualTo(e.parents());
  }

  @Test
  void toJson_entityWithEveryKindOfValue_keepsEveryValue() throws PolicyParseException {
    Entity back = Entity.fromJson(Entity.fromJson(EVERY_KIND).toJson());

    assertThat(
            probe(
                    back,
                    "principal.age == 42 && principal.name == \"Alice\" && principal.admin"
                        + " && principal.manager == User::\"bob\""
                        + " && principal.roles == [\"b\", \"a\"]"
                        + " && principal.address == {city: \"Paris\", zip: 75001}"
                        + " && principal.ip == ip(\"10.0.0.0/8\")"
                        + " && principal.score == decimal(\"1.5\")"
                        + " && principal.born == datetime(\"1990-05-01T10:00:00Z\")"
                        + " && principal.ttl == duration(\"1h30m\")"
                        + " && principal.getTag(\"level\") == 3")
                .isAllowed())
        .isTrue();
  }

  @Test
  void toJson_datetimeBeyondYear9999_readsBackEqual() throws PolicyParseException {
    Entity e =
        Entity.fromJson(
            "{\"uid\":{\"type\":\"User\",\"id\":\"a\"},\"attrs\":{\"t\":{\"__extn\":{\"fn\":"
                + "\"offset\",\"args\":[{\"__extn\":{\"fn\":\"datetime\",\"arg\":\"9999-12-31\"}},"
                + "{\"__extn\":{\"fn\":\"duration\",\"arg\":\"30d\"}}]}}},\"parents\":[]}");

    Entity back = Entity.fromJson(e.toJson());

    assertThat(
            probe(back, "principal.t == datetime(\"9999-12-31\").offset(duration(\"30d\"))")
                .isAllowed())
        .isTrue();
  }

  @Test
  void toJson_recordWhoseOnlyKeyIsAnEscape_isRefused() {
    Entity e =
        Entity.builder(EntityUid.of("User", "a"))
            .attribute("r", Map.of("__entity", Map.of("type", "User", "id", "b")))
            .build();

    assertThatThrownBy(e::toJson)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("__entity");
  }
}
