/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy.internal.schema;

import dev.bulwark.policy.EntityUid;
import dev.bulwark.policy.PolicyParseException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a {@link RawSchema} into a {@link SchemaModel} with Cedar's name-resolution rules ({@code
 * validator/schema.rs}, {@code schema/raw_name.rs}); one instance resolves one schema on one
 * thread.
 *
 * <p>Design. A name written without a namespace inside namespace {@code NS} may mean {@code
 * NS::Name} or {@code Name} in the empty namespace, in that order; for each candidate a common type
 * is preferred over an entity type, where the reference may be either. The primitive and extension
 * type names ({@code Bool}, {@code Long}, {@code String}, {@code ipaddr}, {@code decimal}, {@code
 * datetime}, {@code duration}) are common types of the empty namespace aliasing {@code
 * __cedar::...}, unless the schema declares those names itself; so a schema may shadow {@code
 * String} and still say {@code __cedar::String}. RFC 70 forbids a declaration in the empty
 * namespace whose name is also declared in a named namespace. Each namespace with actions has the
 * entity type {@code NS::Action}, usable as an attribute type. Common types are inlined by sharing:
 * each is resolved once, so the result has linear size; cycles and overlong alias chains are
 * errors.
 */
final class SchemaResolver {
  private static final List<String> BUILTIN_NAMES =
      List.of("Bool", "Long", "String", "ipaddr", "decimal", "datetime", "duration");

  private final RawSchema raw;
  private final Set<String> entityDefs = new HashSet<>();
  private final Set<String> actionTypes = new HashSet<>();
  private final Map<String, RawSchema.Common> commonDefs = new HashMap<>();
  private final Map<String, String> commonNamespace = new HashMap<>();
  private final Map<String, SchemaType> resolvedCommon = new HashMap<>();
  private final Set<String> resolving = new HashSet<>();
  private final Set<EntityUid> actionDefs = new HashSet<>();

  private SchemaResolver(RawSchema raw) {
    this.raw = raw;
  }

  /**
   * Resolves a raw schema.
   *
   * @param raw the schema as written
   * @return the resolved model
   * @throws PolicyParseException if a name does not resolve, a common type is cyclic, a shape or
   *     context is not a record, the action hierarchy has a cycle, or a declaration shadows one in
   *     the empty namespace
   */
  static SchemaModel resolve(RawSchema raw) throws PolicyParseException {
    return new SchemaResolver(raw).run();
  }

  private static String qualify(String ns, String name) {
    return ns.isEmpty() ? name : ns + "::" + name;
  }

  private static String basename(String name) {
    int i = name.lastIndexOf("::");
    return i < 0 ? name : name.substring(i + 2);
  }

  private static PolicyParseException error(RawSchema.Loc loc, String message) {
    if (loc.path() != null) {
      return new PolicyParseException(
          "at " + loc.path() + ": " + message, loc.line(), loc.column());
    }
    return new PolicyParseException(message, loc.line(), loc.column());
  }

  private SchemaModel run() throws PolicyParseException {
    for (RawSchema.Namespace ns : raw.namespaces.values()) {
      for (RawSchema.Entity e : ns.entityTypes.values()) {
        entityDefs.add(qualify(ns.name, e.name));
      }
      for (RawSchema.Common c : ns.commonTypes.values()) {
        String fq = qualify(ns.name, c.name());
        commonDefs.put(fq, c);
        commonNamespace.put(fq, ns.name);
      }
      for (RawSchema.Action a : ns.actions.values()) {
        actionDefs.add(EntityUid.of(qualify(ns.name, "Action"), a.id));
      }
    }
    rfc70();
    for (String b : BUILTIN_NAMES) {
      SchemaType t =
          b.equals("Bool")
              ? SchemaType.Primitive.BOOL
              : b.equals("Long")
                  ? SchemaType.Primitive.LONG
                  : b.equals("String") ? SchemaType.Primitive.STRING : new SchemaType.Extension(b);
      resolvedCommon.put("__cedar::" + b, t);
      if (!entityDefs.contains(b) && !commonDefs.containsKey(b)) {
        resolvedCommon.put(b, t);
      }
    }
    for (EntityUid a : actionDefs) {
      actionTypes.add(a.type());
    }

    Map<String, SchemaModel.EntityTypeDef> entityTypes = new LinkedHashMap<>();
    for (RawSchema.Namespace ns : raw.namespaces.values()) {
      for (RawSchema.Entity e : ns.entityTypes.values()) {
        String fq = qualify(ns.name, e.name);
        Set<String> parents = new LinkedHashSet<>();
        for (String p : e.memberOfTypes) {
          parents.add(declaredEntityType(p, ns.name, e.loc, "parent type of `" + fq + "`"));
        }
        SchemaType shape = type(e.shape, ns.name, 0);
        if (!(shape instanceof SchemaType.RecordType)) {
          throw error(
              e.loc,
              "the shape of entity type `"
                  + fq
                  + "` must be a record, was "
                  + SchemaTypes.describe(shape, 2));
        }
        SchemaType tags = e.tags == null ? null : type(e.tags, ns.name, 0);
        entityTypes.put(
            fq,
            new SchemaModel.EntityTypeDef(
                fq,
                Collections.unmodifiableSet(parents),
                (SchemaType.RecordType) shape,
                tags,
                e.enumChoices == null ? null : List.copyOf(e.enumChoices)));
      }
    }

    Map<EntityUid, Set<EntityUid>> parentsOf = new LinkedHashMap<>();
    Map<EntityUid, RawSchema.Action> rawActions = new HashMap<>();
    Map<EntityUid, String> actionNs = new HashMap<>();
    for (RawSchema.Namespace ns : raw.namespaces.values()) {
      for (RawSchema.Action a : ns.actions.values()) {
        EntityUid uid = EntityUid.of(qualify(ns.name, "Action"), a.id);
        Set<EntityUid> parents = new LinkedHashSet<>();
        for (RawSchema.ActionRef r : a.memberOf) {
          parents.add(actionRef(r, ns.name));
        }
        parentsOf.put(uid, Collections.unmodifiableSet(parents));
        rawActions.put(uid, a);
        actionNs.put(uid, ns.name);
      }
    }
    Map<EntityUid, Set<EntityUid>> ancestors = closure(parentsOf, rawActions);

    Map<EntityUid, SchemaModel.ActionDef> actions = new LinkedHashMap<>();
    for (Map.Entry<EntityUid, Set<EntityUid>> e : parentsOf.entrySet()) {
      EntityUid uid = e.getKey();
      RawSchema.Action a = rawActions.get(uid);
      String ns = actionNs.get(uid);
      Set<String> principals = new LinkedHashSet<>();
      Set<String> resources = new LinkedHashSet<>();
      for (String p : a.principalTypes) {
        principals.add(declaredEntityType(p, ns, a.loc, "principal type of " + uid));
      }
      for (String r : a.resourceTypes) {
        resources.add(declaredEntityType(r, ns, a.loc, "resource type of " + uid));
      }
      SchemaType ctx =
          a.context == null ? new SchemaType.RecordType(Map.of(), false) : type(a.context, ns, 0);
      if (!(ctx instanceof SchemaType.RecordType)) {
        throw error(
            a.context.loc(),
            "the context of action "
                + uid
                + " must be a record, was "
                + SchemaTypes.describe(ctx, 2));
      }
      actions.put(
          uid,
          new SchemaModel.ActionDef(
              uid,
              e.getValue(),
              ancestors.get(uid),
              Collections.unmodifiableSet(principals),
              Collections.unmodifiableSet(resources),
              (SchemaType.RecordType) ctx));
    }
    return new SchemaModel(entityTypes, actions, actionTypes);
  }

  /** RFC 70: nothing in the empty namespace may share its name with a namespaced declaration. */
  private void rfc70() throws PolicyParseException {
    Map<String, String> qualifiedByBase = new HashMap<>();
    Set<String> all = new LinkedHashSet<>(entityDefs);
    all.addAll(commonDefs.keySet());
    for (String n : all) {
      if (n.contains("::")) {
        qualifiedByBase.putIfAbsent(basename(n), n);
      }
    }
    for (RawSchema.Namespace ns : raw.namespaces.values()) {
      if (!ns.name.isEmpty()) {
        continue;
      }
      for (RawSchema.Entity e : ns.entityTypes.values()) {
        String shadow = qualifiedByBase.get(e.name);
        if (shadow != null) {
          throw error(
              e.loc, "`" + shadow + "` shadows `" + e.name + "` declared in the empty namespace");
        }
      }
      for (RawSchema.Common c : ns.commonTypes.values()) {
        String shadow = qualifiedByBase.get(c.name());
        if (shadow != null) {
          throw error(
              c.loc(),
              "`" + shadow + "` shadows `" + c.name() + "` declared in the empty namespace");
        }
      }
    }
    Map<String, EntityUid> qualifiedActions = new HashMap<>();
    for (EntityUid a : actionDefs) {
      if (a.type().contains("::")) {
        qualifiedActions.putIfAbsent(a.id(), a);
      }
    }
    RawSchema.Namespace empty = raw.namespaces.get("");
    if (empty != null) {
      for (RawSchema.Action a : empty.actions.values()) {
        EntityUid shadow = qualifiedActions.get(a.id);
        if (shadow != null) {
          throw error(
              a.loc,
              "action "
                  + shadow
                  + " shadows Action::\""
                  + a.id
                  + "\" declared in the empty namespace");
        }
      }
    }
  }

  private List<String> candidates(String name, String ns) {
    if (name.contains("::") || ns.isEmpty()) {
      return List.of(name);
    }
    return List.of(ns + "::" + name, name);
  }

  /** A name that must be a declared (non-action) entity type: parents, principal, resource. */
  private String declaredEntityType(String name, String ns, RawSchema.Loc loc, String what)
      throws PolicyParseException {
    for (String c : candidates(name, ns)) {
      if (entityDefs.contains(c)) {
        return c;
      }
      if (actionTypes.contains(c)) {
        break;
      }
    }
    throw error(loc, "undeclared entity type `" + name + "` as " + what);
  }

  private EntityUid actionRef(RawSchema.ActionRef r, String ns) throws PolicyParseException {
    String type = r.type() == null ? "Action" : r.type();
    for (String c : candidates(type, ns)) {
      EntityUid uid = EntityUid.of(c, r.id());
      if (actionDefs.contains(uid)) {
        return uid;
      }
    }
    throw error(
        r.loc(), "undeclared action " + type + "::\"" + r.id() + "\" in an action's parents");
  }

  private SchemaType type(RawSchema.Type t, String ns, int depth) throws PolicyParseException {
    if (depth > SchemaLimits.MAX_ALIAS_DEPTH + SchemaLimits.MAX_TYPE_DEPTH) {
      throw error(t.loc(), "types nested too deeply through common types");
    }
    if (t instanceof RawSchema.Prim) {
      return ((RawSchema.Prim) t).primitive();
    }
    if (t instanceof RawSchema.Ext) {
      return new SchemaType.Extension(((RawSchema.Ext) t).name());
    }
    if (t instanceof RawSchema.SetT) {
      return new SchemaType.SetOf(type(((RawSchema.SetT) t).element(), ns, depth + 1));
    }
    if (t instanceof RawSchema.RecordT) {
      RawSchema.RecordT r = (RawSchema.RecordT) t;
      Map<String, SchemaType.Attribute> attrs = new LinkedHashMap<>();
      for (Map.Entry<String, RawSchema.Attr> a : r.attributes().entrySet()) {
        attrs.put(
            a.getKey(),
            new SchemaType.Attribute(
                type(a.getValue().type(), ns, depth + 1), a.getValue().required()));
      }
      return new SchemaType.RecordType(Collections.unmodifiableMap(attrs), r.open());
    }
    RawSchema.Ref ref = (RawSchema.Ref) t;
    boolean common = ref.kind() != RawSchema.RefKind.ENTITY;
    boolean entity = ref.kind() != RawSchema.RefKind.COMMON;
    for (String c : candidates(ref.name(), ns)) {
      if (common && (commonDefs.containsKey(c) || resolvedCommon.containsKey(c))) {
        return common(c, ref.loc(), depth);
      }
      if (entity && (entityDefs.contains(c) || actionTypes.contains(c))) {
        return new SchemaType.EntityRef(c);
      }
    }
    String as =
        ref.kind() == RawSchema.RefKind.COMMON
            ? "a common type"
            : ref.kind() == RawSchema.RefKind.ENTITY ? "an entity type" : "a common or entity type";
    throw error(
        ref.loc(), "failed to resolve type `" + ref.name() + "`: it is not declared as " + as);
  }

  private SchemaType common(String fq, RawSchema.Loc usedAt, int depth)
      throws PolicyParseException {
    SchemaType done = resolvedCommon.get(fq);
    if (done != null) {
      return done;
    }
    if (!resolving.add(fq)) {
      throw error(usedAt, "common type `" + fq + "` is defined in terms of itself (a cycle)");
    }
    RawSchema.Common c = commonDefs.get(fq);
    SchemaType t = type(c.type(), commonNamespace.get(fq), depth + 1);
    resolving.remove(fq);
    resolvedCommon.put(fq, t);
    return t;
  }

  /** Transitive closure of the action hierarchy; a cycle is an error, as in Cedar. */
  private static Map<EntityUid, Set<EntityUid>> closure(
      Map<EntityUid, Set<EntityUid>> parents, Map<EntityUid, RawSchema.Action> rawActions)
      throws PolicyParseException {
    Map<EntityUid, Set<EntityUid>> out = new HashMap<>();
    for (EntityUid start : parents.keySet()) {
      Set<EntityUid> seen = new LinkedHashSet<>();
      Deque<EntityUid> todo = new ArrayDeque<>(parents.get(start));
      while (!todo.isEmpty()) {
        EntityUid p = todo.pop();
        if (p.equals(start)) {
          throw error(
              rawActions.get(start).loc, "the action hierarchy has a cycle through " + start);
        }
        if (seen.add(p)) {
          todo.addAll(parents.getOrDefault(p, Set.of()));
        }
      }
      out.put(start, Collections.unmodifiableSet(seen));
    }
    return out;
  }
}
