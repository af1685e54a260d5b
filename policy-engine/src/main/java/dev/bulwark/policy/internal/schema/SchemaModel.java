/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy.internal.schema;

import dev.bulwark.policy.EntityUid;
import dev.bulwark.policy.internal.ext.CedarDateTime;
import dev.bulwark.policy.internal.ext.CedarDuration;
import dev.bulwark.policy.internal.ext.Decimal;
import dev.bulwark.policy.internal.ext.IpAddr;
import dev.bulwark.policy.internal.json.AttributeTypeHints;
import dev.bulwark.policy.internal.json.ValueType;
import dev.bulwark.policy.internal.value.CedarRecord;
import dev.bulwark.policy.internal.value.CedarSet;
import dev.bulwark.policy.internal.value.Values;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A resolved schema, immutable and thread-safe: its entity types and actions with fully qualified
 * names, and what the entity and context readers need from it ({@link AttributeTypeHints}).
 *
 * <p>Built by {@link SchemaResolver} from either schema format. The {@link ValueType}s handed to
 * the readers are computed once here, sharing one object per shared schema type, so lookups
 * allocate nothing.
 */
public final class SchemaModel implements AttributeTypeHints {

  /**
   * A declared entity type.
   *
   * @param name the fully qualified name
   * @param allowedParentTypes the entity types its entities may be members of
   * @param shape its attributes
   * @param tags the type of its tags, or null if it has none
   * @param enumChoices the allowed ids of an enumerated entity type, or null
   */
  public record EntityTypeDef(
      String name,
      Set<String> allowedParentTypes,
      SchemaType.RecordType shape,
      SchemaType tags,
      List<String> enumChoices) {}

  /**
   * A declared action.
   *
   * @param uid the action's uid
   * @param parents its direct parents ({@code in} / {@code memberOf})
   * @param ancestors all its ancestors
   * @param principalTypes the principal types it applies to (empty: none)
   * @param resourceTypes the resource types it applies to (empty: none)
   * @param context the declared context
   */
  public record ActionDef(
      EntityUid uid,
      Set<EntityUid> parents,
      Set<EntityUid> ancestors,
      Set<String> principalTypes,
      Set<String> resourceTypes,
      SchemaType.RecordType context) {}

  private final Map<String, EntityTypeDef> entityTypes;
  private final Map<EntityUid, ActionDef> actions;
  private final Set<String> actionTypes;
  private final Map<String, Map<String, ValueType>> attributeHints;
  private final Map<String, ValueType> tagHints;
  private final Map<EntityUid, ValueType> contextHints;
  private final Map<EntityUid, Set<EntityUid>> actionEntities;
  private final Map<EntityUid, RequestPlan> requestPlans;
  private final Map<EntityUid, ContextPlan> contextPlans;

  /**
   * What validating a request for one action needs, looked up once per request: the declarations of
   * the principal and resource types the action applies to (all declared, as the resolver checks)
   * and its context type.
   */
  /**
   * One declared attribute of an action's context, for building a context attribute by attribute:
   * the hint its Java value is converted with, the type it is checked against, and its bit in
   * {@link ContextPlan#requiredMask()}.
   *
   * @param hint the type hint for converting a value
   * @param type the declared type
   * @param bit the attribute's bit (its position among the declared attributes)
   */
  public record ContextAttribute(ValueType hint, SchemaType type, int bit) {}

  /**
   * An action's context type, for checking a context while it is built: each attribute as it is
   * added (one lookup gives its hint and its type), and at the end whether every required one came.
   * A context that passes is what {@link #checkContext} accepts, without walking it again.
   *
   * @param attributes the declared attributes by name
   * @param requiredMask the bits of the required attributes
   */
  public record ContextPlan(Map<String, ContextAttribute> attributes, long requiredMask) {}

  private record RequestPlan(
      Map<String, EntityTypeDef> principals,
      Map<String, EntityTypeDef> resources,
      SchemaType.RecordType context) {}

  SchemaModel(
      Map<String, EntityTypeDef> entityTypes,
      Map<EntityUid, ActionDef> actions,
      Set<String> actionTypes) {
    this.entityTypes = Collections.unmodifiableMap(entityTypes);
    this.actions = Collections.unmodifiableMap(actions);
    this.actionTypes = Collections.unmodifiableSet(actionTypes);
    IdentityHashMap<SchemaType, ValueType> memo = new IdentityHashMap<>();
    Map<String, Map<String, ValueType>> attrs = new LinkedHashMap<>();
    Map<String, ValueType> tags = new LinkedHashMap<>();
    for (EntityTypeDef e : entityTypes.values()) {
      Map<String, ValueType> m = new LinkedHashMap<>();
      for (Map.Entry<String, SchemaType.Attribute> a : e.shape().attributes().entrySet()) {
        m.put(a.getKey(), hint(a.getValue().type(), memo));
      }
      attrs.put(e.name(), Collections.unmodifiableMap(m));
      if (e.tags() != null) {
        tags.put(e.name(), hint(e.tags(), memo));
      }
    }
    Map<EntityUid, ValueType> contexts = new LinkedHashMap<>();
    Map<EntityUid, Set<EntityUid>> entities = new LinkedHashMap<>();
    for (ActionDef a : actions.values()) {
      contexts.put(a.uid(), hint(a.context(), memo));
      entities.put(a.uid(), a.parents());
    }
    this.attributeHints = Collections.unmodifiableMap(attrs);
    this.tagHints = Collections.unmodifiableMap(tags);
    this.contextHints = Collections.unmodifiableMap(contexts);
    this.actionEntities = Collections.unmodifiableMap(entities);
    Map<EntityUid, RequestPlan> plans = new java.util.HashMap<>();
    for (ActionDef a : actions.values()) {
      plans.put(
          a.uid(), new RequestPlan(defs(a.principalTypes()), defs(a.resourceTypes()), a.context()));
    }
    this.requestPlans = plans;
    Map<EntityUid, ContextPlan> cplans = new java.util.HashMap<>();
    for (ActionDef a : actions.values()) {
      SchemaType.RecordType rt = a.context();
      // A context of more than 64 declared attributes is checked the usual way, whole, at the end.
      if (rt.size() <= Long.SIZE) {
        Map<String, ContextAttribute> m = new java.util.HashMap<>();
        long required = 0;
        for (int i = 0; i < rt.size(); i++) {
          m.put(rt.name(i), new ContextAttribute(hint(rt.type(i), memo), rt.type(i), i));
          if (rt.required(i)) {
            required |= 1L << i;
          }
        }
        cplans.put(a.uid(), new ContextPlan(m, required));
      }
    }
    this.contextPlans = cplans;
  }

  /**
   * The plan for checking a context of {@code action} while it is built, or null (the action is not
   * declared, or its context has more than 64 attributes: check it whole with {@link
   * #checkContext}).
   */
  public ContextPlan contextPlan(EntityUid action) {
    return contextPlans.get(action);
  }

  /**
   * Whether a value certainly has a declared type, as {@link #checkContext} checks each attribute;
   * false means "not proven": {@link #checkContext} then decides, and names what is wrong.
   */
  public boolean provenValid(Object value, SchemaType type) {
    return validFast(value, type);
  }

  private Map<String, EntityTypeDef> defs(Set<String> types) {
    Map<String, EntityTypeDef> m = new java.util.HashMap<>();
    for (String t : types) {
      EntityTypeDef d = entityTypes.get(t);
      if (d != null) {
        m.put(t, d);
      }
    }
    return m;
  }

  private static ValueType hint(SchemaType t, IdentityHashMap<SchemaType, ValueType> memo) {
    ValueType done = memo.get(t);
    if (done != null) {
      return done;
    }
    ValueType v;
    if (t instanceof SchemaType.Primitive) {
      switch ((SchemaType.Primitive) t) {
        case BOOL:
          v = ValueType.bool();
          break;
        case LONG:
          v = ValueType.longType();
          break;
        default:
          v = ValueType.string();
      }
    } else if (t instanceof SchemaType.EntityRef) {
      v = ValueType.entity(((SchemaType.EntityRef) t).name());
    } else if (t instanceof SchemaType.Extension) {
      v = ValueType.extension(((SchemaType.Extension) t).name());
    } else if (t instanceof SchemaType.SetOf) {
      v = ValueType.set(hint(((SchemaType.SetOf) t).element(), memo));
    } else {
      Map<String, ValueType> m = new LinkedHashMap<>();
      for (Map.Entry<String, SchemaType.Attribute> a :
          ((SchemaType.RecordType) t).attributes().entrySet()) {
        m.put(a.getKey(), hint(a.getValue().type(), memo));
      }
      v = ValueType.record(m);
    }
    memo.put(t, v);
    return v;
  }

  /**
   * @return the declared entity types by fully qualified name, unmodifiable
   */
  public Map<String, EntityTypeDef> entityTypes() {
    return entityTypes;
  }

  /**
   * @return the declared actions by uid, unmodifiable
   */
  public Map<EntityUid, ActionDef> actions() {
    return actions;
  }

  /**
   * Tells whether a name is an action entity type of this schema ({@code Action} or {@code
   * NS::Action} of a namespace that declares actions).
   *
   * @param type a fully qualified entity type name
   * @return true if it is
   */
  public boolean isActionType(String type) {
    return actionTypes.contains(type);
  }

  @Override
  public ValueType attributeType(String entityType, String attribute) {
    Map<String, ValueType> m = attributeHints.get(entityType);
    return m == null ? null : m.get(attribute);
  }

  @Override
  public ValueType tagType(String entityType) {
    return tagHints.get(entityType);
  }

  @Override
  public ValueType contextType(EntityUid action) {
    return contextHints.get(action);
  }

  @Override
  public Map<EntityUid, Set<EntityUid>> actionEntities() {
    return actionEntities;
  }

  @Override
  public String validateRequest(
      EntityUid principal, EntityUid action, EntityUid resource, Object context) {
    RequestPlan plan = requestPlans.get(action);
    if (plan != null
        && validScopeEntity(plan.principals(), principal)
        && validScopeEntity(plan.resources(), resource)
        && (context == null || validFast(context, plan.context()))) {
      return null;
    }
    return validateRequestSlowly(principal, action, resource, context);
  }

  /** True if the entity's type is one the action applies to and its id suits that type. */
  private static boolean validScopeEntity(Map<String, EntityTypeDef> allowed, EntityUid uid) {
    EntityTypeDef def = allowed.get(uid.type());
    return def != null && (def.enumChoices() == null || def.enumChoices().contains(uid.id()));
  }

  /**
   * The request checks in Cedar's order, which name the first fault; run when the fast checks above
   * could not prove the request valid.
   */
  private String validateRequestSlowly(
      EntityUid principal, EntityUid action, EntityUid resource, Object context) {
    // The order of checks is Cedar's (validate_scope_variables, then validate_context), so that
    // a request with several faults is reported for the same one.
    String bad = checkScopeEntity("principal", principal);
    if (bad != null) {
      return bad;
    }
    bad = checkScopeEntity("resource", resource);
    if (bad != null) {
      return bad;
    }
    ActionDef a = actions.get(action);
    if (a == null) {
      return "request's action " + action + " is not declared in the schema";
    }
    if (!a.principalTypes().contains(principal.type())) {
      return "principal type `"
          + principal.type()
          + "` is not valid for "
          + action
          + "; valid types: "
          + a.principalTypes();
    }
    if (!a.resourceTypes().contains(resource.type())) {
      return "resource type `"
          + resource.type()
          + "` is not valid for "
          + action
          + "; valid types: "
          + a.resourceTypes();
    }
    if (context != null) {
      bad = checkEntityRefs(context);
      if (bad != null) {
        return bad;
      }
      bad = conforms(context, a.context(), "context");
      if (bad != null) {
        return "context is not valid for " + action + ": " + bad;
      }
    }
    return null;
  }

  /**
   * The allocation-free check that every request runs: true only if {@code v} has type {@code t}
   * and every entity reference in it is valid, i.e. exactly when {@link #checkEntityRefs} and
   * {@link #conforms} would both return null. False means "not proven valid", and the caller then
   * runs those two checks for the message; so a value this method cannot judge cheaply (a record
   * with attributes beyond the declared ones, allowed in an open record) returns false and costs
   * only the slow path.
   */
  private boolean validFast(Object v, SchemaType t) {
    if (t instanceof SchemaType.Primitive) {
      switch ((SchemaType.Primitive) t) {
        case BOOL:
          return v instanceof Boolean;
        case LONG:
          return v instanceof Long;
        default:
          return v instanceof String;
      }
    }
    if (t instanceof SchemaType.EntityRef) {
      if (!(v instanceof EntityUid)) {
        return false;
      }
      EntityUid uid = (EntityUid) v;
      return uid.type().equals(((SchemaType.EntityRef) t).name())
          && checkEnumId(uid) == null
          && (!isActionBasename(uid.type()) || actions.containsKey(uid));
    }
    if (t instanceof SchemaType.Extension) {
      return ((SchemaType.Extension) t).name().equals(extensionTypeOf(v));
    }
    if (t instanceof SchemaType.SetOf) {
      if (!(v instanceof CedarSet)) {
        return false;
      }
      SchemaType element = ((SchemaType.SetOf) t).element();
      for (Object e : (CedarSet) v) {
        if (!validFast(e, element)) {
          return false;
        }
      }
      return true;
    }
    if (!(v instanceof CedarRecord)) {
      return false;
    }
    SchemaType.RecordType rt = (SchemaType.RecordType) t;
    CedarRecord r = (CedarRecord) v;
    int present = 0;
    for (int i = 0; i < rt.size(); i++) {
      Object av = r.get(rt.name(i));
      if (av == null) {
        if (rt.required(i)) {
          return false;
        }
        continue;
      }
      if (!validFast(av, rt.type(i))) {
        return false;
      }
      present++;
    }
    // Keys are distinct, so if every attribute is a declared one there is nothing undeclared
    // (closed records) and no unchecked value that could hold an entity reference (open ones).
    return present == r.size();
  }

  @Override
  public String validateEntity(
      EntityUid uid, CedarRecord attributes, Map<String, Object> tags, Set<EntityUid> parents) {
    if (isActionBasename(uid.type())) {
      return validateActionEntity(uid, attributes, tags, parents);
    }
    EntityTypeDef def = entityTypes.get(uid.type());
    if (def == null) {
      return "entity "
          + uid
          + " has type `"
          + uid.type()
          + "`, which is not declared in the schema";
    }
    String bad = checkEnumId(uid);
    if (bad != null) {
      return bad;
    }
    Map<String, Object> attrs = attributes.attributes();
    for (Map.Entry<String, SchemaType.Attribute> a : def.shape().attributes().entrySet()) {
      if (a.getValue().required() && !attrs.containsKey(a.getKey())) {
        return uid + " is missing the required attribute `" + a.getKey() + "`";
      }
    }
    for (Map.Entry<String, Object> a : attrs.entrySet()) {
      SchemaType.Attribute declared = def.shape().attributes().get(a.getKey());
      if (declared == null) {
        if (!def.shape().open()) {
          return uid + " has the attribute `" + a.getKey() + "`, which is not declared";
        }
      } else {
        bad = conforms(a.getValue(), declared.type(), "attribute `" + a.getKey() + "` of " + uid);
        if (bad != null) {
          return bad;
        }
      }
      bad = checkEntityRefs(a.getValue());
      if (bad != null) {
        return bad;
      }
    }
    for (EntityUid p : parents) {
      bad = checkEntityRefs(p);
      if (bad != null) {
        return bad;
      }
      if (!def.allowedParentTypes().contains(p.type())) {
        return uid
            + " has the parent "
            + p
            + ", but `"
            + p.type()
            + "` is not an allowed parent type of `"
            + uid.type()
            + "`";
      }
    }
    if (!tags.isEmpty() && def.tags() == null) {
      return uid + " has tags, but `" + uid.type() + "` declares none";
    }
    for (Map.Entry<String, Object> t : tags.entrySet()) {
      bad = conforms(t.getValue(), def.tags(), "tag `" + t.getKey() + "` of " + uid);
      if (bad == null) {
        bad = checkEntityRefs(t.getValue());
      }
      if (bad != null) {
        return bad;
      }
    }
    return null;
  }

  /** Cedar's {@code validate_action}: an action in the data must equal the schema's. */
  private String validateActionEntity(
      EntityUid uid, CedarRecord attributes, Map<String, Object> tags, Set<EntityUid> parents) {
    ActionDef a = actions.get(uid);
    if (a == null) {
      return "action " + uid + " is not declared in the schema";
    }
    java.util.Set<EntityUid> closure = new java.util.HashSet<>();
    for (EntityUid p : parents) {
      closure.add(p);
      ActionDef pa = actions.get(p);
      if (pa != null) {
        closure.addAll(pa.ancestors());
      }
    }
    if (!attributes.attributes().isEmpty() || !tags.isEmpty() || !closure.equals(a.ancestors())) {
      return "action " + uid + " in the entity data differs from its declaration in the schema";
    }
    return null;
  }

  @Override
  public String validateContext(EntityUid action, CedarRecord context) {
    ActionDef a = actions.get(action);
    if (a == null) {
      return "action " + action + " is not declared in the schema";
    }
    return recordShape(context, a.context(), "context");
  }

  @Override
  public String checkContext(EntityUid action, CedarRecord context) {
    ActionDef a = actions.get(action);
    if (a == null) {
      return "action " + action + " is not declared in the schema";
    }
    if (validFast(context, a.context())) {
      return null;
    }
    String bad = checkEntityRefs(context);
    if (bad == null) {
      bad = conforms(context, a.context(), "context");
    }
    return bad == null ? null : "context is not valid for " + action + ": " + bad;
  }

  /**
   * What Cedar's typed JSON reading checks of a value: the required and undeclared attributes of
   * every record the declared type describes (types of primitives are not checked there).
   */
  private static String recordShape(Object v, SchemaType t, String path) {
    if (t instanceof SchemaType.SetOf && v instanceof CedarSet) {
      for (Object e : (CedarSet) v) {
        String bad = recordShape(e, ((SchemaType.SetOf) t).element(), path + "[..]");
        if (bad != null) {
          return bad;
        }
      }
    } else if (t instanceof SchemaType.RecordType && v instanceof CedarRecord) {
      SchemaType.RecordType rt = (SchemaType.RecordType) t;
      Map<String, Object> attrs = ((CedarRecord) v).attributes();
      for (Map.Entry<String, SchemaType.Attribute> a : rt.attributes().entrySet()) {
        Object av = attrs.get(a.getKey());
        if (av == null) {
          if (a.getValue().required()) {
            return path + " is missing the required attribute `" + a.getKey() + "`";
          }
        } else {
          String bad = recordShape(av, a.getValue().type(), path + "." + a.getKey());
          if (bad != null) {
            return bad;
          }
        }
      }
      if (!rt.open()) {
        for (String k : attrs.keySet()) {
          if (!rt.attributes().containsKey(k)) {
            return path + " has the undeclared attribute `" + k + "`";
          }
        }
      }
    }
    return null;
  }

  private String checkEnumId(EntityUid uid) {
    EntityTypeDef def = entityTypes.get(uid.type());
    if (def != null && def.enumChoices() != null && !def.enumChoices().contains(uid.id())) {
      return uid
          + " is not one of the declared ids of the enumerated entity type `"
          + uid.type()
          + "`";
    }
    return null;
  }

  private String checkScopeEntity(String role, EntityUid uid) {
    EntityTypeDef def = entityTypes.get(uid.type());
    if (def == null) {
      return role + " type `" + uid.type() + "` is not declared in the schema";
    }
    if (def.enumChoices() != null && !def.enumChoices().contains(uid.id())) {
      return role
          + " "
          + uid
          + " is not one of the declared ids of the enumerated entity type `"
          + uid.type()
          + "`";
    }
    return null;
  }

  /** Cedar's {@code validate_euids_in_partial_value}: enum ids valid, action uids declared. */
  private String checkEntityRefs(Object v) {
    if (v instanceof EntityUid) {
      EntityUid uid = (EntityUid) v;
      String bad = checkEnumId(uid);
      if (bad != null) {
        return bad;
      }
      if (isActionBasename(uid.type()) && !actions.containsKey(uid)) {
        return "action " + uid + " is not declared in the schema";
      }
    } else if (v instanceof CedarSet) {
      for (Object e : (CedarSet) v) {
        String bad = checkEntityRefs(e);
        if (bad != null) {
          return bad;
        }
      }
    } else if (v instanceof CedarRecord) {
      for (Object e : ((CedarRecord) v).attributes().values()) {
        String bad = checkEntityRefs(e);
        if (bad != null) {
          return bad;
        }
      }
    }
    return null;
  }

  private static boolean isActionBasename(String type) {
    return type.equals("Action") || type.endsWith("::Action");
  }

  /**
   * Checks that a value has a declared type, as Cedar's {@code typecheck_value_against_schematype}
   * does: required attributes present, no undeclared attributes in a closed record, entity
   * references of the declared entity type, extension values of the declared extension type.
   *
   * @param v a Cedar value
   * @param t the declared type
   * @param path where the value is, for the message
   * @return null if it conforms, else a message
   */
  public static String conforms(Object v, SchemaType t, String path) {
    if (t instanceof SchemaType.Primitive) {
      boolean ok;
      switch ((SchemaType.Primitive) t) {
        case BOOL:
          ok = v instanceof Boolean;
          break;
        case LONG:
          ok = v instanceof Long;
          break;
        default:
          ok = v instanceof String;
      }
      return ok ? null : mismatch(v, t, path);
    }
    if (t instanceof SchemaType.EntityRef) {
      return v instanceof EntityUid
              && ((EntityUid) v).type().equals(((SchemaType.EntityRef) t).name())
          ? null
          : mismatch(v, t, path);
    }
    if (t instanceof SchemaType.Extension) {
      return ((SchemaType.Extension) t).name().equals(extensionTypeOf(v))
          ? null
          : mismatch(v, t, path);
    }
    if (t instanceof SchemaType.SetOf) {
      if (!(v instanceof CedarSet)) {
        return mismatch(v, t, path);
      }
      for (Object e : (CedarSet) v) {
        String bad = conforms(e, ((SchemaType.SetOf) t).element(), path + "[..]");
        if (bad != null) {
          return bad;
        }
      }
      return null;
    }
    SchemaType.RecordType rt = (SchemaType.RecordType) t;
    if (!(v instanceof CedarRecord)) {
      return mismatch(v, t, path);
    }
    Map<String, Object> attrs = ((CedarRecord) v).attributes();
    for (Map.Entry<String, SchemaType.Attribute> a : rt.attributes().entrySet()) {
      Object av = attrs.get(a.getKey());
      if (av == null) {
        if (a.getValue().required()) {
          return path + " is missing the required attribute `" + a.getKey() + "`";
        }
        continue;
      }
      String bad = conforms(av, a.getValue().type(), path + "." + a.getKey());
      if (bad != null) {
        return bad;
      }
    }
    if (!rt.open()) {
      for (String k : attrs.keySet()) {
        if (!rt.attributes().containsKey(k)) {
          return path + " has the undeclared attribute `" + k + "`";
        }
      }
    }
    return null;
  }

  /** The extension type name of a value; null for a value that is not an extension value. */
  static String extensionTypeOf(Object v) {
    if (v instanceof IpAddr) {
      return "ipaddr";
    } else if (v instanceof Decimal) {
      return "decimal";
    } else if (v instanceof CedarDateTime) {
      return "datetime";
    } else if (v instanceof CedarDuration) {
      return "duration";
    }
    return null;
  }

  private static String mismatch(Object v, SchemaType t, String path) {
    return path + " has type " + Values.typeName(v) + ", expected " + SchemaTypes.describe(t, 2);
  }

  @Override
  public String toString() {
    return "SchemaModel[" + entityTypes.size() + " entity types, " + actions.size() + " actions]";
  }
}
