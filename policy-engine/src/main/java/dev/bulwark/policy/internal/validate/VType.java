/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy.internal.validate;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A type of Cedar's validator; immutable and thread-safe, compared structurally.
 *
 * <p>Besides the types a schema declares, the validator knows the singleton booleans ({@code True},
 * {@code False}, which make short-circuiting and the "impossible policy" warning work), {@code
 * Never} (the type of nothing, a subtype of everything), sets of unknown element type (what {@code
 * .contains} expects), any entity, and unions of entity types (the least upper bound of entity
 * types; Cedar's strict mode only forms the trivial ones).
 */
final class VType {
  /** The shapes of a type. */
  enum Kind {
    NEVER,
    BOOL,
    TRUE,
    FALSE,
    LONG,
    STRING,
    ANY_ENTITY,
    ENTITY,
    SET,
    RECORD,
    EXT
  }

  /** An attribute of a record type. */
  record Attr(VType type, boolean required) {}

  static final VType NEVER = new VType(Kind.NEVER, null, null, null, false, null);
  static final VType BOOL = new VType(Kind.BOOL, null, null, null, false, null);
  static final VType TRUE = new VType(Kind.TRUE, null, null, null, false, null);
  static final VType FALSE = new VType(Kind.FALSE, null, null, null, false, null);
  static final VType LONG = new VType(Kind.LONG, null, null, null, false, null);
  static final VType STRING = new VType(Kind.STRING, null, null, null, false, null);
  static final VType ANY_ENTITY = new VType(Kind.ANY_ENTITY, null, null, null, false, null);

  /** A set of any element type: what set operators expect. */
  static final VType ANY_SET = new VType(Kind.SET, null, null, null, false, null);

  /** A record of any attributes: what {@code .} and {@code has} expect. */
  static final VType ANY_RECORD = new VType(Kind.RECORD, null, null, Map.of(), true, null);

  final Kind kind;

  /** The entity types of ENTITY, sorted, never empty. */
  final SortedSet<String> entities;

  /** The element type of SET, or null if unknown. */
  final VType element;

  /** The attributes of RECORD, sorted by name. */
  final Map<String, Attr> attrs;

  /** Whether a RECORD may have attributes beyond {@link #attrs}. */
  final boolean open;

  /** The name of an EXT type: ipaddr, decimal, datetime, duration. */
  final String ext;

  private final int hash;

  private VType(
      Kind kind,
      SortedSet<String> entities,
      VType element,
      Map<String, Attr> attrs,
      boolean open,
      String ext) {
    this.kind = kind;
    this.entities = entities;
    this.element = element;
    this.attrs = attrs;
    this.open = open;
    this.ext = ext;
    this.hash = Objects.hash(kind, entities, element, attrs, open, ext);
  }

  static VType bool(boolean b) {
    return b ? TRUE : FALSE;
  }

  static VType entity(String type) {
    SortedSet<String> s = new TreeSet<>();
    s.add(type);
    return new VType(Kind.ENTITY, Collections.unmodifiableSortedSet(s), null, null, false, null);
  }

  static VType entities(SortedSet<String> types) {
    return new VType(
        Kind.ENTITY,
        Collections.unmodifiableSortedSet(new TreeSet<>(types)),
        null,
        null,
        false,
        null);
  }

  static VType set(VType element) {
    return new VType(Kind.SET, null, element, null, false, null);
  }

  static VType record(Map<String, Attr> attrs, boolean open) {
    SortedMap<String, Attr> m = new TreeMap<>(attrs);
    return new VType(Kind.RECORD, null, null, Collections.unmodifiableSortedMap(m), open, null);
  }

  static VType ext(String name) {
    return new VType(Kind.EXT, null, null, null, false, name);
  }

  boolean isBool() {
    return kind == Kind.BOOL || kind == Kind.TRUE || kind == Kind.FALSE;
  }

  boolean isEntity() {
    return kind == Kind.ENTITY || kind == Kind.ANY_ENTITY;
  }

  /**
   * @return the single entity type of an ENTITY type, or null
   */
  String singleEntity() {
    return kind == Kind.ENTITY && entities.size() == 1 ? entities.first() : null;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof VType)) {
      return false;
    }
    VType t = (VType) o;
    return hash == t.hash
        && kind == t.kind
        && open == t.open
        && Objects.equals(entities, t.entities)
        && Objects.equals(element, t.element)
        && Objects.equals(attrs, t.attrs)
        && Objects.equals(ext, t.ext);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  /** Cedar's notation for the type, as the validator's messages print it. */
  @Override
  public String toString() {
    switch (kind) {
      case NEVER:
        return "__cedar::internal::Never";
      case BOOL:
        return "Bool";
      case TRUE:
        return "__cedar::internal::True";
      case FALSE:
        return "__cedar::internal::False";
      case LONG:
        return "Long";
      case STRING:
        return "String";
      case ANY_ENTITY:
        return "__cedar::internal::AnyEntity";
      case ENTITY:
        return entities.size() == 1
            ? entities.first()
            : "__cedar::internal::Union<" + String.join(", ", entities) + ">";
      case SET:
        return element == null ? "Set<__cedar::internal::Any>" : "Set<" + element + ">";
      case RECORD:
        {
          StringBuilder sb = new StringBuilder("{");
          boolean first = true;
          for (Map.Entry<String, Attr> a : attrs.entrySet()) {
            sb.append(first ? "" : ", ")
                .append('"')
                .append(a.getKey())
                .append('"')
                .append(a.getValue().required() ? "" : "?")
                .append(": ")
                .append(a.getValue().type());
            first = false;
          }
          return sb.append('}').toString();
        }
      default:
        return ext;
    }
  }
}
