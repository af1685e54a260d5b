/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy.diff;

import dev.bulwark.policy.Context;
import dev.bulwark.policy.Decision;
import dev.bulwark.policy.EntityUid;
import dev.bulwark.policy.InMemoryEntityStore;
import dev.bulwark.policy.PolicyEngine;
import dev.bulwark.policy.PolicySet;
import dev.bulwark.policy.Request;
import dev.bulwark.policy.Schema;
import dev.bulwark.policy.internal.parse.CedarParser;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Decides a {@link World}'s requests with Bulwark's engine, through its public API. */
final class BulwarkSubject {
  private BulwarkSubject() {}

  static List<Outcome> decide(World w) {
    List<Outcome> out = new ArrayList<>();
    Schema schema;
    PolicyEngine engine;
    try {
      schema = w.schemaIsJson() ? Schema.parseJson(w.schema()) : Schema.parse(w.schema());
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < w.policies().size(); i++) {
        text.append("@id(\"p").append(i).append("\")\n").append(w.policies().get(i)).append('\n');
      }
      for (int i = 0; i < w.templates().size(); i++) {
        text.append("@id(\"t").append(i).append("\")\n").append(w.templates().get(i)).append('\n');
      }
      PolicySet policies = PolicySet.parse(text.toString());
      for (World.Link l : w.links()) {
        Map<String, EntityUid> values = new HashMap<>();
        if (l.principal() != null) {
          values.put("?principal", CedarParser.parseEntityUid(l.principal()));
        }
        if (l.resource() != null) {
          values.put("?resource", CedarParser.parseEntityUid(l.resource()));
        }
        policies = policies.link("t" + l.templateIndex(), l.id(), values);
      }
      engine =
          PolicyEngine.builder()
              .policies(policies)
              .schema(schema)
              .entities(InMemoryEntityStore.fromJson(w.entitiesJson(), schema))
              .validateRequests(w.validateRequests())
              .build();
    } catch (Exception e) {
      for (int i = 0; i < w.requests().size(); i++) {
        out.add(Outcome.rejected(e.toString()));
      }
      return out;
    }
    for (World.Request q : w.requests()) {
      try {
        EntityUid action = CedarParser.parseEntityUid(q.action());
        Request request =
            Request.of(
                CedarParser.parseEntityUid(q.principal()),
                action,
                CedarParser.parseEntityUid(q.resource()),
                Context.fromJson(q.contextJson(), schema, action));
        Decision d = engine.authorize(request);
        Set<String> errors = new HashSet<>();
        for (Decision.PolicyError e : d.errors()) {
          errors.add(e.policyId());
        }
        out.add(Outcome.decided(d.isAllowed(), d.reasons(), errors));
      } catch (Exception e) {
        out.add(Outcome.rejected(e.toString()));
      }
    }
    return out;
  }
}
