/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy.internal.validate;

import dev.bulwark.policy.EntityUid;
import dev.bulwark.policy.internal.schema.SchemaModel;
import dev.bulwark.policy.internal.schema.SchemaType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A schema as the validator sees it: attribute, tag and context types as validator types, the
 * descendants of each entity type and action, and the request environments; built once per schema,
 * immutable and thread-safe.
 */
final class SchemaView {
  /** One request environment: a principal type, an action and a resource type. */
  record Env(String principal, EntityUid action, String resource, VType context) {}

  final SchemaModel model;

  /** Each entity type's attributes as a record type. */
  private final Map<String, VType> attrs = new HashMap<>();

  /** Each entity type's tag type, where it has tags. */
  private final Map<String, VType> tags = new HashMap<>();

  /** The entity types whose entities may be (transitively) members of each entity type. */
  private final Map<String, Set<String>> descendants = new HashMap<>();

  /** The actions (transitively) in each action, the action itself excluded. */
  private final Map<EntityUid, Set<EntityUid>> actionDescendants = new HashMap<>();

  private final Map<EntityUid, VType> contexts = new HashMap<>();
  final List<Env> envs;

  /** {@link #typesIn} of each declared type, computed once. */
  private final Map<String, Set<String>> typesIn = new HashMap<>();

  /** {@link #entityType} of each declared type and action type, built once. */
  private final Map<String, VType> entityTypes = new HashMap<>();

  SchemaView(SchemaModel model) {
    this.model = model;
    IdentityHashMap<SchemaType, VType> memo = new IdentityHashMap<>();
    Map<String, Set<String>> children = new HashMap<>();
    for (SchemaModel.EntityTypeDef d : model.entityTypes().values()) {
      attrs.put(d.name(), convert(d.shape(), memo));
      if (d.tags() != null) {
        tags.put(d.name(), convert(d.tags(), memo));
      }
      for (String parent : d.allowedParentTypes()) {
        children.computeIfAbsent(parent, k -> new LinkedHashSet<>()).add(d.name());
      }
    }
    for (String t : model.entityTypes().keySet()) {
      Set<String> seen = new LinkedHashSet<>();
      Deque<String> todo = new ArrayDeque<>(children.getOrDefault(t, Set.of()));
      while (!todo.isEmpty()) {
        String c = todo.pop();
        if (seen.add(c)) {
          todo.addAll(children.getOrDefault(c, Set.of()));
        }
      }
      descendants.put(t, Collections.unmodifiableSet(seen));
    }
    List<Env> e = new ArrayList<>();
    for (SchemaModel.ActionDef a : model.actions().values()) {
      VType ctx = convert(a.context(), memo);
      contexts.put(a.uid(), ctx);
      for (EntityUid anc : a.ancestors()) {
        actionDescendants.computeIfAbsent(anc, k -> new LinkedHashSet<>()).add(a.uid());
      }
      for (String p : a.principalTypes()) {
        for (String r : a.resourceTypes()) {
          e.add(new Env(p, a.uid(), r, ctx));
        }
      }
    }
    this.envs = Collections.unmodifiableList(e);
    for (String t : model.entityTypes().keySet()) {
      typesIn.put(t, typesIn(t));
      entityTypes.put(t, VType.entity(t));
    }
    for (EntityUid a : model.actions().keySet()) {
      entityTypes.putIfAbsent(a.type(), VType.entity(a.type()));
    }
  }

  static VType convert(SchemaType t, IdentityHashMap<SchemaType, VType> memo) {
    VType done = memo.get(t);
    if (done != null) {
      return done;
    }
    VType v;
    if (t instanceof SchemaType.Primitive) {
      switch ((SchemaType.Primitive) t) {
        case BOOL:
          v = VType.BOOL;
          break;
        case LONG:
          v = VType.LONG;
          break;
        default:
          v = VType.STRING;
      }
    } else if (t instanceof SchemaType.EntityRef) {
      v = VType.entity(((SchemaType.EntityRef) t).name());
    } else if (t instanceof SchemaType.Extension) {
      v = VType.ext(((SchemaType.Extension) t).name());
    } else if (t instanceof SchemaType.SetOf) {
      v = VType.set(convert(((SchemaType.SetOf) t).element(), memo));
    } else {
      SchemaType.RecordType r = (SchemaType.RecordType) t;
      Map<String, VType.Attr> m = new LinkedHashMap<>();
      for (int i = 0; i < r.size(); i++) {
        m.put(r.name(i), new VType.Attr(convert(r.type(i), memo), r.required(i)));
      }
      v = VType.record(m, r.open());
    }
    memo.put(t, v);
    return v;
  }

  /** Cedar's {@code EntityType::is_action}: the base name is {@code Action}. */
  static boolean isActionType(String type) {
    return type.equals("Action") || type.endsWith("::Action");
  }

  boolean isKnownEntityType(String type) {
    return isActionType(type) || model.entityTypes().containsKey(type);
  }

  boolean isDeclaredEntityType(String type) {
    return model.entityTypes().containsKey(type);
  }

  boolean isKnownAction(EntityUid uid) {
    return model.actions().containsKey(uid);
  }

  /**
   * @return the entity type's attributes as a (closed) record, or null if not declared
   */
  VType attributes(String type) {
    return attrs.get(type);
  }

  VType tagType(String type) {
    return tags.get(type);
  }

  VType context(EntityUid action) {
    return contexts.get(action);
  }

  /** Cedar's {@code get_entity_types_in}: the descendants of a type and the type itself. */
  Set<String> typesIn(String type) {
    Set<String> done = typesIn.get(type);
    if (done != null) {
      return done;
    }
    Set<String> d = descendants.get(type);
    Set<String> out = new LinkedHashSet<>(d == null ? Set.of() : d);
    out.add(type);
    return Collections.unmodifiableSet(out);
  }

  /** The entity type as a validator type; shared for declared and action types. */
  VType entityType(String type) {
    VType t = entityTypes.get(type);
    return t != null ? t : VType.entity(type);
  }

  Set<String> descendantsOf(String type) {
    Set<String> d = descendants.get(type);
    return d == null ? Set.of() : d;
  }

  /** The actions in the given ones (each included), or null if one is not declared. */
  Set<EntityUid> actionsIn(Iterable<EntityUid> actions) {
    Set<EntityUid> out = new LinkedHashSet<>();
    for (EntityUid a : actions) {
      if (!isKnownAction(a)) {
        return null;
      }
      out.addAll(actionDescendants.getOrDefault(a, Set.of()));
      out.add(a);
    }
    return out;
  }

  Set<EntityUid> actionDescendants(EntityUid a) {
    return actionDescendants.getOrDefault(a, Set.of());
  }

  SchemaModel.ActionDef action(EntityUid uid) {
    return model.actions().get(uid);
  }
}
