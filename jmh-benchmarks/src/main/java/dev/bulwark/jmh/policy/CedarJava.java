/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.jmh.policy;

import com.cedarpolicy.BasicAuthorizationEngine;
import com.cedarpolicy.model.AuthorizationRequest;
import com.cedarpolicy.model.AuthorizationResponse;
import com.cedarpolicy.model.entity.Entities;
import com.cedarpolicy.model.policy.Policy;
import com.cedarpolicy.model.policy.PolicySet;
import com.cedarpolicy.model.schema.Schema;
import com.cedarpolicy.value.CedarList;
import com.cedarpolicy.value.CedarMap;
import com.cedarpolicy.value.Decimal;
import com.cedarpolicy.value.EntityTypeName;
import com.cedarpolicy.value.EntityUID;
import com.cedarpolicy.value.IpAddress;
import com.cedarpolicy.value.PrimBool;
import com.cedarpolicy.value.PrimLong;
import com.cedarpolicy.value.PrimString;
import com.cedarpolicy.value.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * cedar-java set up the way its users call it: the policies, schema and entities as Java objects
 * built once, and each call passing them with the request. With {@code cached}, the policy set and
 * the schema are cached on the native side ({@code PolicySet.cache()}, {@code Schema.cache()}), so
 * only the request and entities are serialised per call; otherwise everything is.
 */
final class CedarJava {
  private final BasicAuthorizationEngine engine = new BasicAuthorizationEngine();
  private final PolicySet policies;
  private final Entities entities;
  private final List<Entities> perRequestEntities = new ArrayList<>();
  private final List<AuthorizationRequest> requests = new ArrayList<>();

  CedarJava(
      List<String> policyTexts,
      String entitiesJson,
      String schemaText,
      List<String[]> requestUids,
      List<Map<String, Object>> contexts,
      boolean validate,
      boolean cached)
      throws Exception {
    this(policyTexts, entitiesJson, null, schemaText, requestUids, contexts, validate, cached);
  }

  /**
   * As above; {@code entitiesPerRequest}, if not null, gives each request its own entity slice
   * (what a careful caller passes instead of the whole store).
   */
  CedarJava(
      List<String> policyTexts,
      String entitiesJson,
      List<String> entitiesPerRequest,
      String schemaText,
      List<String[]> requestUids,
      List<Map<String, Object>> contexts,
      boolean validate,
      boolean cached)
      throws Exception {
    Set<Policy> set = new LinkedHashSet<>();
    for (int i = 0; i < policyTexts.size(); i++) {
      set.add(new Policy(policyTexts.get(i), "policy" + i));
    }
    policies = new PolicySet(set);
    Schema schema = schemaText == null ? null : Schema.parse(Schema.JsonOrCedar.Cedar, schemaText);
    if (cached) {
      policies.cache();
      if (schema != null) {
        schema.cache();
      }
    }
    entities = Entities.parse(entitiesJson);
    if (entitiesPerRequest != null) {
      for (String json : entitiesPerRequest) {
        perRequestEntities.add(Entities.parse(json));
      }
    }
    for (int i = 0; i < requestUids.size(); i++) {
      String[] q = requestUids.get(i);
      requests.add(
          new AuthorizationRequest(
              uid(q[0]),
              uid(q[1]),
              uid(q[2]),
              Optional.of(values(contexts.get(i))),
              Optional.ofNullable(schema),
              validate));
    }
  }

  private static EntityUID uid(String text) {
    return EntityUID.parse(text)
        .orElseThrow(() -> new IllegalArgumentException("not an entity uid: " + text));
  }

  /** The context as cedar-java values; the native side applies the schema to plain strings. */
  @SuppressWarnings("unchecked")
  private static Map<String, Value> values(Map<String, Object> context) {
    Map<String, Value> out = new HashMap<>();
    for (Map.Entry<String, Object> e : context.entrySet()) {
      out.put(e.getKey(), value(e.getValue()));
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Value value(Object v) {
    if (v instanceof Boolean) {
      return new PrimBool((Boolean) v);
    } else if (v instanceof Long) {
      return new PrimLong((Long) v);
    } else if (v instanceof String) {
      return new PrimString((String) v);
    } else if (v instanceof List) {
      CedarList l = new CedarList();
      for (Object e : (List<Object>) v) {
        l.add(value(e));
      }
      return l;
    }
    Map<String, Object> m = (Map<String, Object>) v;
    if (m.size() == 1 && m.containsKey("__extn")) {
      Map<String, Object> call = (Map<String, Object>) m.get("__extn");
      String arg = (String) call.get("arg");
      switch ((String) call.get("fn")) {
        case "ip":
          return new IpAddress(arg);
        case "decimal":
          return new Decimal(arg);
        default:
          throw new IllegalArgumentException("unsupported extension call in a context: " + call);
      }
    }
    if (m.size() == 1 && m.containsKey("__entity")) {
      Map<String, Object> e = (Map<String, Object>) m.get("__entity");
      return EntityTypeName.parse((String) e.get("type")).orElseThrow().of((String) e.get("id"));
    }
    CedarMap out = new CedarMap();
    for (Map.Entry<String, Object> e : m.entrySet()) {
      out.put(e.getKey(), value(e.getValue()));
    }
    return out;
  }

  int size() {
    return requests.size();
  }

  /** Decides request {@code i}; a failed call is an error, never a silent deny. */
  boolean authorize(int i) throws Exception {
    AuthorizationResponse r =
        engine.isAuthorized(
            requests.get(i),
            policies,
            perRequestEntities.isEmpty() ? entities : perRequestEntities.get(i));
    if (r.success.isEmpty()) {
      throw new IllegalStateException("cedar-java failed: " + r);
    }
    return r.success.get().isAllowed();
  }
}
