/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy.diff;

import com.cedarpolicy.BasicAuthorizationEngine;
import com.cedarpolicy.model.AuthorizationRequest;
import com.cedarpolicy.model.AuthorizationResponse;
import com.cedarpolicy.model.AuthorizationSuccessResponse;
import com.cedarpolicy.model.entity.Entities;
import com.cedarpolicy.model.policy.LinkValue;
import com.cedarpolicy.model.policy.Policy;
import com.cedarpolicy.model.policy.PolicySet;
import com.cedarpolicy.model.policy.TemplateLink;
import com.cedarpolicy.model.schema.Schema;
import com.cedarpolicy.value.EntityUID;
import com.cedarpolicy.value.Value;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Decides a {@link World}'s requests with cedar-java, Cedar's own engine over JNI. */
final class CedarJavaOracle {
  private static final BasicAuthorizationEngine ENGINE = new BasicAuthorizationEngine();
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private CedarJavaOracle() {}

  static List<Outcome> decide(World w) {
    List<Outcome> out = new ArrayList<>();
    Schema schema;
    PolicySet policies;
    Entities entities;
    try {
      schema =
          Schema.parse(
              w.schemaIsJson() ? Schema.JsonOrCedar.Json : Schema.JsonOrCedar.Cedar, w.schema());
      Set<Policy> statics = new LinkedHashSet<>();
      for (int i = 0; i < w.policies().size(); i++) {
        statics.add(new Policy(w.policies().get(i), "p" + i));
      }
      Set<Policy> templates = new LinkedHashSet<>();
      for (int i = 0; i < w.templates().size(); i++) {
        templates.add(new Policy(w.templates().get(i), "t" + i));
      }
      List<TemplateLink> links = new ArrayList<>();
      for (World.Link l : w.links()) {
        List<LinkValue> values = new ArrayList<>();
        if (l.principal() != null) {
          values.add(new LinkValue("?principal", EntityUID.parse(l.principal()).orElseThrow()));
        }
        if (l.resource() != null) {
          values.add(new LinkValue("?resource", EntityUID.parse(l.resource()).orElseThrow()));
        }
        links.add(new TemplateLink("t" + l.templateIndex(), l.id(), values));
      }
      policies = new PolicySet(statics, templates, links);
      entities = Entities.parse(w.entitiesJson());
    } catch (Exception e) {
      for (int i = 0; i < w.requests().size(); i++) {
        out.add(Outcome.rejected(e.toString()));
      }
      return out;
    }
    for (World.Request q : w.requests()) {
      out.add(decideOne(q, schema, policies, entities, w.validateRequests()));
    }
    return out;
  }

  private static Outcome decideOne(
      World.Request q, Schema schema, PolicySet policies, Entities entities, boolean validate) {
    try {
      Map<String, Value> context = contextValues(q.contextJson());
      AuthorizationRequest request =
          new AuthorizationRequest(
              EntityUID.parse(q.principal()).orElseThrow(),
              EntityUID.parse(q.action()).orElseThrow(),
              EntityUID.parse(q.resource()).orElseThrow(),
              Optional.of(context),
              Optional.of(schema),
              validate);
      AuthorizationResponse resp = ENGINE.isAuthorized(request, policies, entities);
      if (resp.success.isEmpty()) {
        return Outcome.rejected(String.valueOf(resp.errors));
      }
      AuthorizationSuccessResponse s = resp.success.get();
      Set<String> errors = new HashSet<>();
      for (AuthorizationSuccessResponse.AuthorizationError e : s.getErrors()) {
        errors.add(e.getPolicyId());
      }
      return Outcome.decided(s.isAllowed(), s.getReason(), errors);
    } catch (Exception e) {
      if (Boolean.getBoolean("diff.trace")) {
        e.printStackTrace();
      }
      return Outcome.rejected(e.toString());
    }
  }

  /**
   * The context as cedar-java's value model: plain strings stay strings here and become extension
   * values on the native side, which reads them with the schema, as Bulwark does.
   */
  private static Map<String, Value> contextValues(String json) throws Exception {
    JsonNode node = MAPPER.readTree(json);
    java.util.HashMap<String, Value> m = new java.util.HashMap<>();
    node.fields()
        .forEachRemaining(
            e -> {
              JsonNode v = e.getValue();
              if (v.isBoolean()) {
                m.put(e.getKey(), new com.cedarpolicy.value.PrimBool(v.booleanValue()));
              } else if (v.isIntegralNumber()) {
                m.put(e.getKey(), new com.cedarpolicy.value.PrimLong(v.longValue()));
              } else {
                m.put(e.getKey(), new com.cedarpolicy.value.PrimString(v.textValue()));
              }
            });
    return m;
  }
}
