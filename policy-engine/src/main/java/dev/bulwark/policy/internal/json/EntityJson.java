/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy.internal.json;

import dev.bulwark.policy.EntityUid;
import dev.bulwark.policy.PolicyParseException;
import dev.bulwark.policy.internal.eval.EvalException;
import dev.bulwark.policy.internal.eval.ExtCalls;
import dev.bulwark.policy.internal.value.CedarRecord;
import dev.bulwark.policy.internal.value.CedarSet;
import dev.bulwark.policy.internal.value.EntityData;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads Cedar's JSON entity and value formats ({@code cedar-policy-core/src/entities/json}): entity
 * lists, attribute values with the {@code __entity} and {@code __extn} escapes, entity uids and
 * request contexts, optionally directed by a schema's {@link AttributeTypeHints}. Stateless and
 * thread-safe.
 *
 * <p>Errors name the JSON path of the offending value ({@code entity User::"alice", attribute
 * age}); the JSON text positions are reported by {@link JsonReader} for syntax errors.
 */
public final class EntityJson {
  private EntityJson() {}

  private static final Set<String> ENTITY_KEYS = Set.of("uid", "attrs", "parents", "tags");

  /**
   * Parses an entity list. Action entities declared by the schema are added when absent, and every
   * entity's ancestors are the transitive closure of the parent relation.
   *
   * @param json the parsed JSON document (an array)
   * @param hints the schema's hints, or null
   * @return the entities by uid, with ancestors computed
   * @throws PolicyParseException if the document is not a valid entity list
   */
  public static Map<EntityUid, EntityData> parseEntities(Object json, AttributeTypeHints hints)
      throws PolicyParseException {
    return parseEntities(json, hints, null, null);
  }

  /**
   * Parses an entity list, reporting a semantic error (a bad uid, attribute or parent) at the line
   * and column of the entity, or of the attribute's value when it is an object or array.
   *
   * @param json the parsed JSON document (an array)
   * @param hints the schema's hints, or null
   * @param text the JSON text, or null
   * @param positions the container offsets recorded by {@link JsonReader#parse(String, Map)}, or
   *     null
   * @return the entities by uid, with ancestors computed
   * @throws PolicyParseException if the document is not a valid entity list
   */
  public static Map<EntityUid, EntityData> parseEntities(
      Object json, AttributeTypeHints hints, String text, Map<Object, Integer> positions)
      throws PolicyParseException {
    if (!(json instanceof List)) {
      throw new PolicyParseException("entities must be a JSON array, was " + kind(json));
    }
    Map<EntityUid, EntityData> direct = new LinkedHashMap<>();
    int index = 0;
    for (Object o : (List<?>) json) {
      EntityData e;
      try {
        e = parseEntity(o, hints, "entity #" + index);
      } catch (PolicyParseException ex) {
        throw locate(ex, o, text, positions);
      }
      if (hints != null) {
        String problem = hints.validateEntity(e.uid(), e.attributes(), e.tags(), e.parents());
        if (problem != null) {
          throw locate(
              new PolicyParseException(
                  "entity #" + index + " does not conform to the schema: " + problem),
              o,
              text,
              positions);
        }
      }
      if (direct.putIfAbsent(e.uid(), e) != null) {
        throw locate(
            new PolicyParseException("duplicate entity " + e.uid() + " (entity #" + index + ")"),
            o,
            text,
            positions);
      }
      index++;
    }
    if (hints != null) {
      for (Map.Entry<EntityUid, Set<EntityUid>> a : hints.actionEntities().entrySet()) {
        direct.putIfAbsent(
            a.getKey(),
            new EntityData(
                a.getKey(),
                CedarRecord.EMPTY,
                Map.of(),
                Collections.unmodifiableSet(new LinkedHashSet<>(a.getValue())),
                Set.of()));
      }
    }
    try {
      return closeAncestors(direct);
    } catch (IllegalArgumentException e) {
      throw new PolicyParseException(e.getMessage());
    }
  }

  /** Re-raises an error at the deepest recorded container inside {@code entity} it concerns. */
  private static PolicyParseException locate(
      PolicyParseException ex, Object entity, String text, Map<Object, Integer> positions) {
    if (text == null || positions == null || ex.line() > 0) {
      return ex;
    }
    Integer at = positions.get(entity);
    if (entity instanceof Map) {
      Object attrs = ((Map<?, ?>) entity).get("attrs");
      String msg = ex.getMessage();
      if (attrs instanceof Map) {
        for (Map.Entry<?, ?> a : ((Map<?, ?>) attrs).entrySet()) {
          if (msg.contains(", attribute " + a.getKey() + ":")
              || msg.contains(", attribute " + a.getKey() + ".")) {
            Integer p = positions.get(a.getValue());
            at = p != null ? p : positions.get(attrs);
            break;
          }
        }
      }
    }
    if (at == null) {
      return ex;
    }
    return JsonReader.errorAt(text, at, ex.getMessage());
  }

  /**
   * Links every entity to its parents' data, parents first, so that each knows its ancestors (all
   * uids reachable through parents; see {@link EntityData#withParentLinks} for how they are held).
   * A parent that is not itself an entity is still an ancestor. A cycle is rejected, as Cedar's
   * {@code compute_tc} (with DAG enforcement) rejects it when entities are loaded. The walk keeps
   * its own stack, so a hierarchy of any depth is linked in time and memory proportional to
   * entities plus parent edges.
   *
   * @param direct entities with their direct parents
   * @return the same entities with their ancestors
   * @throws IllegalArgumentException if an entity is its own ancestor
   */
  public static Map<EntityUid, EntityData> closeAncestors(Map<EntityUid, EntityData> direct) {
    return closeAncestors(direct, u -> null);
  }

  /**
   * Links entities to their parents' data as {@link #closeAncestors(Map)} does, where some parents
   * are entities already linked outside {@code direct} (the unchanged part of a store being
   * updated): those are taken as they are, so only {@code direct} is walked. A cycle is found only
   * if it runs through {@code direct}; the caller must include every entity whose ancestors may
   * change.
   *
   * @param direct entities with their direct parents
   * @param linkedOutside the already linked data of an entity not in {@code direct}, or null if
   *     there is no such entity
   * @return the entities of {@code direct} with their ancestors
   * @throws IllegalArgumentException if an entity is its own ancestor
   */
  public static Map<EntityUid, EntityData> closeAncestors(
      Map<EntityUid, EntityData> direct, Function<EntityUid, EntityData> linkedOutside) {
    Map<EntityUid, EntityData> out = new HashMap<>(direct.size() * 2);
    // Entities on the current path of the walk, to recognise a cycle.
    Set<EntityUid> onPath = new HashSet<>();
    ArrayDeque<EntityData> stack = new ArrayDeque<>();
    ArrayDeque<java.util.Iterator<EntityUid>> pending = new ArrayDeque<>();
    for (EntityData root : direct.values()) {
      if (out.containsKey(root.uid())) {
        continue;
      }
      stack.push(root);
      pending.push(root.parents().iterator());
      onPath.add(root.uid());
      while (!stack.isEmpty()) {
        EntityData e = stack.peek();
        java.util.Iterator<EntityUid> it = pending.peek();
        if (it.hasNext()) {
          EntityUid p = it.next();
          if (onPath.contains(p)) {
            throw new IllegalArgumentException("the entity hierarchy has a cycle through " + p);
          }
          EntityData pe = direct.get(p);
          if (pe != null && !out.containsKey(p)) {
            stack.push(pe);
            pending.push(pe.parents().iterator());
            onPath.add(p);
          }
          continue;
        }
        stack.pop();
        pending.pop();
        onPath.remove(e.uid());
        java.util.List<EntityData> linked = new java.util.ArrayList<>(e.parents().size());
        for (EntityUid p : e.parents()) {
          EntityData pd = out.get(p);
          if (pd == null && !direct.containsKey(p)) {
            pd = linkedOutside.apply(p);
          }
          if (pd != null) {
            linked.add(pd);
          }
        }
        out.put(e.uid(), e.withParentLinks(linked.toArray(new EntityData[0])));
      }
    }
    return out;
  }

  /**
   * Parses one entity object ({@code uid}, {@code attrs}, {@code parents}, {@code tags}).
   *
   * @param o the JSON object
   * @param hints the schema's hints, or null
   * @param where a description for errors
   * @return the entity, with only its direct parents as ancestors
   * @throws PolicyParseException if it is not valid
   */
  public static EntityData parseEntity(Object o, AttributeTypeHints hints, String where)
      throws PolicyParseException {
    if (!(o instanceof Map)) {
      throw new PolicyParseException(where + ": an entity must be a JSON object, was " + kind(o));
    }
    Map<?, ?> m = (Map<?, ?>) o;
    for (Object k : m.keySet()) {
      if (!ENTITY_KEYS.contains(k)) {
        throw new PolicyParseException(
            where + ": unknown field \"" + k + "\" (expected uid, " + "attrs, parents, tags)");
      }
    }
    if (!m.containsKey("uid")) {
      throw new PolicyParseException(where + ": missing field \"uid\"");
    }
    EntityUid uid = parseUid(m.get("uid"), where + ", uid");
    String w = "entity " + uid;
    Map<String, Object> attrs = new HashMap<>();
    Object a = m.get("attrs");
    if (a != null && a != JsonReader.NULL) {
      if (!(a instanceof Map)) {
        throw new PolicyParseException(w + ": attrs must be an object, was " + kind(a));
      }
      for (Map.Entry<?, ?> e : ((Map<?, ?>) a).entrySet()) {
        String name = (String) e.getKey();
        ValueType t = hints == null ? null : hints.attributeType(uid.type(), name);
        attrs.put(name, parseValue(e.getValue(), t, w + ", attribute " + name, 0));
      }
    }
    Map<String, Object> tags = new HashMap<>();
    Object tg = m.get("tags");
    if (tg != null && tg != JsonReader.NULL) {
      if (!(tg instanceof Map)) {
        throw new PolicyParseException(w + ": tags must be an object, was " + kind(tg));
      }
      ValueType t = hints == null ? null : hints.tagType(uid.type());
      for (Map.Entry<?, ?> e : ((Map<?, ?>) tg).entrySet()) {
        String name = (String) e.getKey();
        tags.put(name, parseValue(e.getValue(), t, w + ", tag " + name, 0));
      }
    }
    Set<EntityUid> parents = new LinkedHashSet<>();
    Object ps = m.get("parents");
    if (ps != null && ps != JsonReader.NULL) {
      if (!(ps instanceof List)) {
        throw new PolicyParseException(w + ": parents must be an array, was " + kind(ps));
      }
      for (Object p : (List<?>) ps) {
        parents.add(parseUid(p, w + ", parent"));
      }
    }
    return new EntityData(
        uid,
        CedarRecord.of(attrs),
        tags.isEmpty() ? Map.of() : Collections.unmodifiableMap(tags),
        Collections.unmodifiableSet(parents),
        Set.of());
  }

  /**
   * Parses an entity uid: {@code {"type":..,"id":..}} or {@code {"__entity":{..}}}.
   *
   * @param o the JSON value
   * @param where a description for errors
   * @return the uid
   * @throws PolicyParseException if it is not a uid
   */
  public static EntityUid parseUid(Object o, String where) throws PolicyParseException {
    if (o instanceof Map) {
      Map<?, ?> m = (Map<?, ?>) o;
      if (m.size() == 1 && m.containsKey("__entity")) {
        return parseUid(m.get("__entity"), where);
      }
      Object t = m.get("type");
      Object id = m.get("id");
      if (m.size() == 2 && t instanceof String && id instanceof String) {
        try {
          return EntityUid.of((String) t, (String) id);
        } catch (IllegalArgumentException e) {
          throw new PolicyParseException(where + ": " + e.getMessage());
        }
      }
    }
    throw new PolicyParseException(
        where + ": expected an entity uid {\"type\": .., \"id\": ..}," + " was " + kind(o));
  }

  /**
   * Parses a request context: a JSON object whose attributes are Cedar values.
   *
   * @param o the JSON value
   * @param hints the schema's hints, or null
   * @param action the request's action, whose declared context type directs parsing
   * @return the context record
   * @throws PolicyParseException if it is not a valid context
   */
  public static CedarRecord parseContext(Object o, AttributeTypeHints hints, EntityUid action)
      throws PolicyParseException {
    if (!(o instanceof Map)) {
      throw new PolicyParseException("context must be a JSON object, was " + kind(o));
    }
    ValueType t = hints == null || action == null ? null : hints.contextType(action);
    Object v = parseValue(o, t, "context", 0);
    if (!(v instanceof CedarRecord)) {
      throw new PolicyParseException("context must be a record, was an escape");
    }
    if (hints != null && action != null) {
      String problem = hints.validateContext(action, (CedarRecord) v);
      if (problem != null) {
        throw new PolicyParseException("context does not conform to the schema: " + problem);
      }
    }
    return (CedarRecord) v;
  }

  /** Maximum nesting of Cedar values in JSON. */
  public static final int MAX_VALUE_DEPTH = 256;

  /**
   * Parses a Cedar value from JSON.
   *
   * @param o the JSON value
   * @param type the declared type, or null
   * @param where a description for errors
   * @param depth the current nesting
   * @return the Cedar value
   * @throws PolicyParseException if it is not a valid value
   */
  public static Object parseValue(Object o, ValueType type, String where, int depth)
      throws PolicyParseException {
    if (depth > MAX_VALUE_DEPTH) {
      throw new PolicyParseException(where + ": value nested deeper than " + MAX_VALUE_DEPTH);
    }
    if (type != null) {
      switch (type.kind()) {
        case ENTITY:
          if (o instanceof Map) {
            return parseUid(o, where);
          }
          // Cedar reads a declared entity type as an entity reference or nothing.
          throw new PolicyParseException(
              where
                  + ": expected an entity reference of type "
                  + type.entityType()
                  + ", found "
                  + kind(o));
        case EXTENSION:
          if (o instanceof String) {
            return construct(ctorFor(type.extensionName()), o, where);
          }
          if (o instanceof Map) {
            Map<?, ?> m = (Map<?, ?>) o;
            if (m.containsKey("fn") && !m.containsKey("__extn")) {
              return extn(m, where, depth);
            }
            if (m.size() == 1 && m.containsKey("__extn")) {
              break;
            }
          }
          // Anything else is the constructor's argument, as in Cedar, and only a string is one.
          throw new PolicyParseException(
              where
                  + ": expected a "
                  + type.extensionName()
                  + " value (a string), found "
                  + kind(o));
        case SET:
          if (o instanceof List) {
            List<?> l = (List<?>) o;
            Object[] s = new Object[l.size()];
            for (int i = 0; i < s.length; i++) {
              s[i] = parseValue(l.get(i), type.element(), where, depth + 1);
            }
            return CedarSet.ofArray(s);
          }
          throw new PolicyParseException(where + ": expected a set, found " + kind(o));
        case RECORD:
          if (o instanceof Map && !isEscape((Map<?, ?>) o)) {
            Map<String, Object> r = new HashMap<>();
            Map<String, ValueType> decl = type.attributes();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) o).entrySet()) {
              String k = (String) e.getKey();
              r.put(k, parseValue(e.getValue(), decl.get(k), where + "." + k, depth + 1));
            }
            return CedarRecord.of(r);
          }
          if (!(o instanceof Map)) {
            throw new PolicyParseException(where + ": expected a record, found " + kind(o));
          }
          break;
        default:
          break;
      }
    }
    if (o instanceof Boolean || o instanceof String) {
      return o;
    }
    if (o instanceof Long) {
      return o;
    }
    if (o instanceof BigDecimal) {
      throw new PolicyParseException(where + ": " + o + " is not a 64-bit integer");
    }
    if (o == JsonReader.NULL) {
      throw new PolicyParseException(where + ": null is not a Cedar value");
    }
    if (o instanceof List) {
      List<?> l = (List<?>) o;
      Object[] s = new Object[l.size()];
      for (int i = 0; i < s.length; i++) {
        s[i] = parseValue(l.get(i), null, where, depth + 1);
      }
      return CedarSet.ofArray(s);
    }
    Map<?, ?> m = (Map<?, ?>) o;
    if (m.size() == 1) {
      if (m.containsKey("__entity")) {
        return parseUid(m.get("__entity"), where);
      }
      if (m.containsKey("__extn")) {
        Object x = m.get("__extn");
        if (!(x instanceof Map)) {
          throw new PolicyParseException(where + ": __extn must be an object");
        }
        return extn((Map<?, ?>) x, where, depth);
      }
      if (m.containsKey("__expr")) {
        throw new PolicyParseException(where + ": the __expr escape is no longer supported");
      }
    }
    Map<String, Object> r = new HashMap<>();
    for (Map.Entry<?, ?> e : m.entrySet()) {
      String k = (String) e.getKey();
      r.put(k, parseValue(e.getValue(), null, where + "." + k, depth + 1));
    }
    return CedarRecord.of(r);
  }

  private static boolean isEscape(Map<?, ?> m) {
    return m.size() == 1 && (m.containsKey("__entity") || m.containsKey("__extn"));
  }

  private static String ctorFor(String extType) {
    switch (extType) {
      case "ipaddr":
        return "ip";
      default:
        return extType;
    }
  }

  private static Object extn(Map<?, ?> x, String where, int depth) throws PolicyParseException {
    Object fn = x.get("fn");
    if (!(fn instanceof String)) {
      throw new PolicyParseException(where + ": __extn needs a string \"fn\"");
    }
    if (x.containsKey("arg") && x.size() == 2) {
      return construct((String) fn, parseValue(x.get("arg"), null, where, depth + 1), where);
    }
    if (x.containsKey("args") && x.size() == 2 && x.get("args") instanceof List) {
      List<?> l = (List<?>) x.get("args");
      Object[] args = new Object[l.size()];
      for (int i = 0; i < args.length; i++) {
        args[i] = parseValue(l.get(i), null, where, depth + 1);
      }
      return apply((String) fn, args, where);
    }
    throw new PolicyParseException(
        where + ": __extn must be {\"fn\": .., \"arg\": ..} or " + "{\"fn\": .., \"args\": [..]}");
  }

  private static Object construct(String fn, Object arg, String where) throws PolicyParseException {
    return apply(fn, new Object[] {arg}, where);
  }

  private static Object apply(String fn, Object[] args, String where) throws PolicyParseException {
    try {
      return ExtCalls.call(fn, args);
    } catch (EvalException e) {
      throw new PolicyParseException(where + ": " + e.getMessage());
    }
  }

  private static String kind(Object o) {
    if (o instanceof Map) {
      return "an object";
    } else if (o instanceof List) {
      return "an array";
    } else if (o instanceof String) {
      return "a string";
    } else if (o == JsonReader.NULL) {
      return "null";
    } else if (o == null) {
      return "missing";
    }
    return "a " + o.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
  }
}
