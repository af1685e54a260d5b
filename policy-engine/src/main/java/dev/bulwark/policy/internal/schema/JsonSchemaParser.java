/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy.internal.schema;

import dev.bulwark.policy.PolicyParseException;
import dev.bulwark.policy.internal.json.JsonReader;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads Cedar's JSON schema format into a {@link RawSchema}; stateless and thread-safe.
 *
 * <p>Follows Cedar's {@code json_schema.rs}: unknown keys are errors everywhere, {@code
 * entityTypes} and {@code actions} are required in each namespace, {@code "type"} is one of {@code
 * String}, {@code Long}, {@code Boolean}, {@code Set} (with {@code element}), {@code Record} (with
 * {@code attributes}, optional {@code additionalAttributes}), {@code Entity} / {@code
 * EntityOrCommon} / {@code Extension} (with {@code name}), or else the name of a common type.
 * Errors name the JSON path of the offending value; syntax errors come from {@link JsonReader} with
 * line and column.
 */
final class JsonSchemaParser {
  private static final Set<String> EXTENSIONS = Set.of("ipaddr", "decimal", "datetime", "duration");

  private final String text;

  /** Start offset of every JSON object and array, by identity (from {@link JsonReader}). */
  private final Map<Object, Integer> positions = new IdentityHashMap<>();

  /** The object or array at each JSON path visited, to place errors on a line and column. */
  private final Map<String, Object> containers = new HashMap<>();

  private JsonSchemaParser(String text) {
    this.text = text;
  }

  /**
   * Parses a JSON schema document.
   *
   * @param text the document
   * @return the raw schema
   * @throws PolicyParseException if it is not valid JSON or not a valid schema
   */
  static RawSchema parse(String text) throws PolicyParseException {
    if (text.length() > SchemaLimits.MAX_SCHEMA_CHARS) {
      throw new PolicyParseException(
          "schema of "
              + text.length()
              + " chars exceeds the limit of "
              + SchemaLimits.MAX_SCHEMA_CHARS);
    }
    JsonSchemaParser p = new JsonSchemaParser(text);
    // JsonReader bounds nesting at 512; type() bounds type nesting at MAX_TYPE_DEPTH below that.
    Object root = JsonReader.parse(text, p.positions);
    p.containers.put("the schema", root);
    Map<String, Object> top = p.object(root, "the schema");
    RawSchema schema = new RawSchema();
    for (Map.Entry<String, Object> e : top.entrySet()) {
      String nsName = e.getKey();
      String where = nsName.isEmpty() ? "namespace \"\"" : "namespace " + nsName;
      if (!nsName.isEmpty()) {
        p.checkName(nsName, where, true);
      }
      schema.namespaces.put(nsName, p.namespace(nsName, p.object(e.getValue(), where), where));
    }
    return schema;
  }

  private RawSchema.Namespace namespace(String name, Map<String, Object> m, String where)
      throws PolicyParseException {
    allowOnly(m, where, "commonTypes", "entityTypes", "actions", "annotations");
    RawSchema.Namespace ns = new RawSchema.Namespace(name, loc(where));
    if (m.containsKey("annotations")) {
      if (name.isEmpty() && !object(m.get("annotations"), where + ".annotations").isEmpty()) {
        throw error(where, "annotations are not allowed on the empty namespace");
      }
      annotations(m.get("annotations"), where + ".annotations");
    }
    if (m.containsKey("commonTypes")) {
      String w = where + ".commonTypes";
      for (Map.Entry<String, Object> e : object(m.get("commonTypes"), w).entrySet()) {
        String cw = w + "." + e.getKey();
        checkDeclaredName(e.getKey(), cw);
        if (CedarSchemaParser.RESERVED_COMMON_TYPE_NAMES.contains(e.getKey())) {
          throw error(
              cw, "this is reserved and cannot be the name of a common type: `" + e.getKey() + "`");
        }
        ns.commonTypes.put(
            e.getKey(),
            new RawSchema.Common(e.getKey(), type(e.getValue(), cw, 0, false), loc(cw)));
      }
    }
    if (!m.containsKey("entityTypes")) {
      throw error(where, "missing field `entityTypes`");
    }
    String ew = where + ".entityTypes";
    for (Map.Entry<String, Object> e : object(m.get("entityTypes"), ew).entrySet()) {
      String w = ew + "." + e.getKey();
      checkDeclaredName(e.getKey(), w);
      ns.entityTypes.put(e.getKey(), entity(e.getKey(), object(e.getValue(), w), w));
    }
    if (!m.containsKey("actions")) {
      throw error(where, "missing field `actions`");
    }
    String aw = where + ".actions";
    for (Map.Entry<String, Object> e : object(m.get("actions"), aw).entrySet()) {
      String w = aw + "." + e.getKey();
      ns.actions.put(e.getKey(), action(e.getKey(), object(e.getValue(), w), w));
    }
    return ns;
  }

  private RawSchema.Entity entity(String name, Map<String, Object> m, String where)
      throws PolicyParseException {
    allowOnly(m, where, "memberOfTypes", "shape", "tags", "enum", "annotations");
    for (Map.Entry<String, Object> e : m.entrySet()) {
      if (e.getValue() == JsonReader.NULL) {
        throw error(where + "." + e.getKey(), "must not be null");
      }
    }
    RawSchema.Entity ent = new RawSchema.Entity(name, loc(where));
    if (m.containsKey("annotations")) {
      annotations(m.get("annotations"), where + ".annotations");
    }
    if (m.containsKey("enum")) {
      for (String other : List.of("memberOfTypes", "shape", "tags")) {
        if (m.containsKey(other)) {
          throw error(where, "unexpected field `" + other + "` in an enumerated entity type");
        }
      }
      List<Object> choices = array(m.get("enum"), where + ".enum");
      if (choices.isEmpty()) {
        throw error(where + ".enum", "an enumerated entity type needs at least one id");
      }
      ent.enumChoices = new java.util.ArrayList<>();
      for (int i = 0; i < choices.size(); i++) {
        ent.enumChoices.add(string(choices.get(i), where + ".enum[" + i + "]"));
      }
      ent.shape = new RawSchema.RecordT(new LinkedHashMap<>(), false, ent.loc);
      return ent;
    }
    if (m.containsKey("memberOfTypes")) {
      List<Object> parents = array(m.get("memberOfTypes"), where + ".memberOfTypes");
      for (int i = 0; i < parents.size(); i++) {
        String w = where + ".memberOfTypes[" + i + "]";
        String p = string(parents.get(i), w);
        checkName(p, w, false);
        ent.memberOfTypes.add(p);
      }
    }
    ent.shape =
        m.containsKey("shape")
            ? type(m.get("shape"), where + ".shape", 0, false)
            : new RawSchema.RecordT(new LinkedHashMap<>(), false, ent.loc);
    if (m.containsKey("tags")) {
      ent.tags = type(m.get("tags"), where + ".tags", 0, false);
    }
    return ent;
  }

  private RawSchema.Action action(String id, Map<String, Object> m, String where)
      throws PolicyParseException {
    allowOnly(m, where, "attributes", "appliesTo", "memberOf", "annotations");
    RawSchema.Action a = new RawSchema.Action(id, loc(where));
    if (m.containsKey("annotations")) {
      annotations(m.get("annotations"), where + ".annotations");
    }
    Object attrs = m.get("attributes");
    if (attrs != null
        && attrs != JsonReader.NULL
        && !object(attrs, where + ".attributes").isEmpty()) {
      throw error(where + ".attributes", "action attributes are not supported");
    }
    Object member = m.get("memberOf");
    if (member != null && member != JsonReader.NULL) {
      List<Object> parents = array(member, where + ".memberOf");
      for (int i = 0; i < parents.size(); i++) {
        String w = where + ".memberOf[" + i + "]";
        Map<String, Object> p = object(parents.get(i), w);
        allowOnly(p, w, "id", "type");
        if (!p.containsKey("id")) {
          throw error(w, "missing field `id`");
        }
        String pid = string(p.get("id"), w + ".id");
        String ptype = null;
        if (p.containsKey("type") && p.get("type") != JsonReader.NULL) {
          ptype = string(p.get("type"), w + ".type");
          checkName(ptype, w + ".type", false);
        }
        a.memberOf.add(new RawSchema.ActionRef(ptype, pid, loc(w)));
      }
    }
    Object applies = m.get("appliesTo");
    if (applies != null && applies != JsonReader.NULL) {
      String w = where + ".appliesTo";
      Map<String, Object> spec = object(applies, w);
      allowOnly(spec, w, "principalTypes", "resourceTypes", "context");
      a.hasAppliesTo = true;
      for (String key : List.of("principalTypes", "resourceTypes")) {
        if (!spec.containsKey(key)) {
          throw error(w, "missing field `" + key + "`");
        }
        List<Object> types = array(spec.get(key), w + "." + key);
        for (int i = 0; i < types.size(); i++) {
          String tw = w + "." + key + "[" + i + "]";
          String t = string(types.get(i), tw);
          checkName(t, tw, false);
          (key.equals("principalTypes") ? a.principalTypes : a.resourceTypes).add(t);
        }
      }
      if (spec.containsKey("context")) {
        a.context = type(spec.get("context"), w + ".context", 0, false);
      }
    }
    return a;
  }

  /** A type; {@code attribute} allows the {@code required} and {@code annotations} keys. */
  private RawSchema.Type type(Object v, String where, int depth, boolean attribute)
      throws PolicyParseException {
    if (depth > SchemaLimits.MAX_TYPE_DEPTH) {
      throw error(where, "types nested deeper than " + SchemaLimits.MAX_TYPE_DEPTH);
    }
    Map<String, Object> m = object(v, where);
    RawSchema.Loc loc = loc(where);
    for (String key : m.keySet()) {
      boolean known =
          key.equals("type")
              || key.equals("element")
              || key.equals("attributes")
              || key.equals("additionalAttributes")
              || key.equals("name")
              || (attribute && (key.equals("required") || key.equals("annotations")));
      if (!known) {
        throw error(where, "unknown field `" + key + "`");
      }
    }
    if (!m.containsKey("type")) {
      throw error(where, "missing field `type`");
    }
    String t = string(m.get("type"), where + ".type");
    switch (t) {
      case "String":
      case "Long":
      case "Boolean":
        onlyFields(m, where, t);
        return new RawSchema.Prim(
            t.equals("String")
                ? SchemaType.Primitive.STRING
                : t.equals("Long") ? SchemaType.Primitive.LONG : SchemaType.Primitive.BOOL,
            loc);
      case "Set":
        onlyFields(m, where, t, "element");
        if (!m.containsKey("element")) {
          throw error(where, "missing field `element`");
        }
        return new RawSchema.SetT(
            type(m.get("element"), where + ".element", depth + 1, false), loc);
      case "Record":
        {
          onlyFields(m, where, t, "attributes", "additionalAttributes");
          if (!m.containsKey("attributes")) {
            throw error(where, "missing field `attributes`");
          }
          boolean open = false;
          if (m.containsKey("additionalAttributes")) {
            Object o = m.get("additionalAttributes");
            if (!(o instanceof Boolean)) {
              throw error(where + ".additionalAttributes", "expected a boolean");
            }
            open = (Boolean) o;
          }
          LinkedHashMap<String, RawSchema.Attr> attrs = new LinkedHashMap<>();
          String aw = where + ".attributes";
          for (Map.Entry<String, Object> e : object(m.get("attributes"), aw).entrySet()) {
            String w = aw + "." + e.getKey();
            RawSchema.Type at = type(e.getValue(), w, depth + 1, true);
            Map<String, Object> am = object(e.getValue(), w);
            boolean required = true;
            if (am.containsKey("required")) {
              if (!(am.get("required") instanceof Boolean)) {
                throw error(w + ".required", "expected a boolean");
              }
              required = (Boolean) am.get("required");
            }
            if (am.containsKey("annotations")) {
              annotations(am.get("annotations"), w + ".annotations");
            }
            attrs.put(e.getKey(), new RawSchema.Attr(at, required));
          }
          return new RawSchema.RecordT(attrs, open, loc);
        }
      case "Entity":
      case "EntityOrCommon":
        {
          onlyFields(m, where, t, "name");
          if (!m.containsKey("name")) {
            throw error(where, "missing field `name`");
          }
          String name = string(m.get("name"), where + ".name");
          checkName(name, where + ".name", false);
          return new RawSchema.Ref(
              name,
              t.equals("Entity") ? RawSchema.RefKind.ENTITY : RawSchema.RefKind.COMMON_OR_ENTITY,
              loc);
        }
      case "Extension":
        {
          onlyFields(m, where, t, "name");
          if (!m.containsKey("name")) {
            throw error(where, "missing field `name`");
          }
          String name = string(m.get("name"), where + ".name");
          if (!EXTENSIONS.contains(name)) {
            throw error(where + ".name", "unknown extension type `" + name + "`");
          }
          return new RawSchema.Ext(name, loc);
        }
      default:
        onlyFields(m, where, t);
        checkName(t, where + ".type", false);
        return new RawSchema.Ref(t, RawSchema.RefKind.COMMON, loc);
    }
  }

  private void onlyFields(Map<String, Object> m, String where, String type, String... allowed)
      throws PolicyParseException {
    for (String key : List.of("element", "attributes", "additionalAttributes", "name")) {
      if (m.containsKey(key) && !List.of(allowed).contains(key)) {
        throw error(where, "unexpected field `" + key + "` for type `" + type + "`");
      }
    }
  }

  private void annotations(Object v, String where) throws PolicyParseException {
    for (Map.Entry<String, Object> e : object(v, where).entrySet()) {
      if (!(e.getValue() instanceof String) && e.getValue() != JsonReader.NULL) {
        throw error(where + "." + e.getKey(), "an annotation value must be a string");
      }
    }
  }

  /** A name as Cedar's {@code from_normalized_str} reads it: {@code IDENT(::IDENT)*}. */
  private void checkName(String name, String where, boolean namespace) throws PolicyParseException {
    String[] parts = name.split("::", -1);
    for (String part : parts) {
      if (!isIdent(part) || CedarSchemaParser.RESERVED_IDENTS.contains(part)) {
        throw error(where, "invalid name `" + name + "`");
      }
      if (namespace && part.equals("__cedar")) {
        throw error(where, "use of the reserved `__cedar` namespace in `" + name + "`");
      }
    }
  }

  private void checkDeclaredName(String name, String where) throws PolicyParseException {
    if (!isIdent(name) || CedarSchemaParser.RESERVED_IDENTS.contains(name)) {
      throw error(where, "invalid name `" + name + "`");
    }
    if (name.equals("__cedar")) {
      throw error(where, "`__cedar` is reserved and cannot be declared");
    }
  }

  private static boolean isIdent(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || c == '_'
              || (i > 0 && c >= '0' && c <= '9');
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private void allowOnly(Map<String, Object> m, String where, String... keys)
      throws PolicyParseException {
    List<String> allowed = List.of(keys);
    for (String k : m.keySet()) {
      if (!allowed.contains(k)) {
        throw error(where, "unknown field `" + k + "`, expected one of " + allowed);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> object(Object v, String where) throws PolicyParseException {
    if (v instanceof Map) {
      containers.put(where, v);
    }
    if (!(v instanceof Map)) {
      throw error(where, "expected a JSON object");
    }
    return (Map<String, Object>) v;
  }

  @SuppressWarnings("unchecked")
  private List<Object> array(Object v, String where) throws PolicyParseException {
    if (v instanceof List) {
      containers.put(where, v);
    }
    if (!(v instanceof List)) {
      throw error(where, "expected a JSON array");
    }
    return (List<Object>) v;
  }

  private String string(Object v, String where) throws PolicyParseException {
    if (!(v instanceof String)) {
      throw error(where, "expected a string");
    }
    return (String) v;
  }

  /** The offset of the innermost object or array at or around a JSON path. */
  private int offsetOf(String where) {
    String w = where;
    while (true) {
      Object node = containers.get(w);
      Integer off = node == null ? null : positions.get(node);
      if (off != null) {
        return off;
      }
      int cut = Math.max(w.lastIndexOf('.'), w.lastIndexOf('['));
      if (cut <= 0) {
        Integer root = positions.get(containers.get("the schema"));
        return root == null ? 0 : root;
      }
      w = w.substring(0, cut);
    }
  }

  /** Where a JSON path is: the path, and the line and column of its innermost container. */
  private RawSchema.Loc loc(String where) {
    PolicyParseException at = JsonReader.errorAt(text, offsetOf(where), "");
    return new RawSchema.Loc(at.line(), at.column(), where);
  }

  private PolicyParseException error(String where, String message) {
    return JsonReader.errorAt(text, offsetOf(where), "at " + where + ": " + message);
  }
}
