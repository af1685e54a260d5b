/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy.internal.validate;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Subtyping and least upper bounds of validator types, as Cedar's validator defines them ({@code
 * cedar-policy-core/src/validator/types.rs}); stateless.
 *
 * <p>Strict mode (Cedar's default, and the only mode offered here) has no width subtyping of
 * records and forms no union of distinct entity types: two records join only if they have the same
 * attributes, each required in both or optional in both; two entity types join only if they are the
 * same. Expected-type checks ({@code expect_type}) use the permissive relation, under which any
 * entity is an entity and any set a set.
 */
final class Subtyping {
  private Subtyping() {}

  /** Why two types have no least upper bound; the hint the error carries. */
  enum LubFailure {
    NONE(null),
    ENTITY_TYPE(
        "Cedar's strict validation does not allow values of different entity types "
            + "where one type is expected; compare or combine entities of one type"),
    RECORD_WIDTH(
        "the records have different attributes; strict validation requires the same "
            + "attributes on both"),
    ATTRIBUTE_QUALIFIER("an attribute is required in one record type and optional in the other"),
    ENTITY_RECORD("an entity and a record are never compatible, even with the same attributes");

    final String hint;

    LubFailure(String hint) {
      this.hint = hint;
    }
  }

  /** A least upper bound, or why there is none. */
  record Lub(VType type, LubFailure failure) {
    boolean ok() {
      return type != null;
    }
  }

  static boolean isSubtype(VType a, VType b, boolean strict) {
    if (a.kind == VType.Kind.NEVER) {
      return true;
    }
    switch (a.kind) {
      case TRUE:
      case FALSE:
        return b.kind == VType.Kind.BOOL || b.kind == a.kind;
      case BOOL:
      case LONG:
      case STRING:
      case ANY_ENTITY:
        return b.kind == a.kind;
      case ENTITY:
        if (b.kind == VType.Kind.ENTITY) {
          return strict ? a.entities.equals(b.entities) : b.entities.containsAll(a.entities);
        }
        return b.kind == VType.Kind.ANY_ENTITY && !strict;
      case SET:
        if (b.kind != VType.Kind.SET) {
          return false;
        }
        if (b.element == null) {
          return true;
        }
        return a.element != null && isSubtype(a.element, b.element, strict);
      case RECORD:
        if (b.kind != VType.Kind.RECORD) {
          return false;
        }
        if (a.open && !b.open) {
          return false;
        }
        return (b.open && !strict && attrsSubtype(a.attrs, b.attrs, false))
            || (a.attrs.keySet().equals(b.attrs.keySet())
                && attrsSubtype(a.attrs, b.attrs, strict));
      case EXT:
        return a.equals(b);
      default:
        return false;
    }
  }

  private static boolean attrsSubtype(
      Map<String, VType.Attr> a, Map<String, VType.Attr> b, boolean strict) {
    for (Map.Entry<String, VType.Attr> e : b.entrySet()) {
      VType.Attr mine = a.get(e.getKey());
      if (mine == null) {
        return false;
      }
      VType.Attr other = e.getValue();
      boolean qualifier =
          strict ? mine.required() == other.required() : mine.required() || !other.required();
      if (!qualifier || !isSubtype(mine.type(), other.type(), strict)) {
        return false;
      }
    }
    return true;
  }

  static Lub lub(VType a, VType b, boolean strict) {
    if (isSubtype(a, b, strict)) {
      return new Lub(b, null);
    }
    if (isSubtype(b, a, strict)) {
      return new Lub(a, null);
    }
    if (a.isBool() && b.isBool()) {
      return new Lub(VType.BOOL, null);
    }
    if (a.kind == VType.Kind.SET && b.kind == VType.Kind.SET) {
      if (a.element == null || b.element == null) {
        return new Lub(VType.ANY_SET, null);
      }
      Lub e = lub(a.element, b.element, strict);
      return e.ok() ? new Lub(VType.set(e.type()), null) : e;
    }
    if (a.kind == VType.Kind.RECORD && b.kind == VType.Kind.RECORD) {
      if (strict && !a.attrs.keySet().equals(b.attrs.keySet())) {
        return new Lub(null, LubFailure.RECORD_WIDTH);
      }
      Map<String, VType.Attr> out = new LinkedHashMap<>();
      for (Map.Entry<String, VType.Attr> e : a.attrs.entrySet()) {
        VType.Attr other = b.attrs.get(e.getKey());
        if (other == null) {
          continue;
        }
        Lub t = lub(e.getValue().type(), other.type(), strict);
        if (!t.ok()) {
          if (strict) {
            return t;
          }
          continue;
        }
        if (strict && e.getValue().required() != other.required()) {
          return new Lub(null, LubFailure.ATTRIBUTE_QUALIFIER);
        }
        out.put(e.getKey(), new VType.Attr(t.type(), e.getValue().required() && other.required()));
      }
      boolean open = a.open || b.open || out.size() != union(a, b);
      return new Lub(VType.record(out, open), null);
    }
    if (a.isEntity() && b.isEntity()) {
      if (a.kind == VType.Kind.ENTITY && b.kind == VType.Kind.ENTITY) {
        if (strict && !a.entities.equals(b.entities)) {
          return new Lub(null, LubFailure.ENTITY_TYPE);
        }
        SortedSet<String> u = new TreeSet<>(a.entities);
        u.addAll(b.entities);
        return new Lub(VType.entities(u), null);
      }
      return strict ? new Lub(null, LubFailure.ENTITY_TYPE) : new Lub(VType.ANY_ENTITY, null);
    }
    if ((a.isEntity() && b.kind == VType.Kind.RECORD)
        || (b.isEntity() && a.kind == VType.Kind.RECORD)) {
      return new Lub(null, LubFailure.ENTITY_RECORD);
    }
    return new Lub(null, LubFailure.NONE);
  }

  private static int union(VType a, VType b) {
    java.util.Set<String> s = new java.util.HashSet<>(a.attrs.keySet());
    s.addAll(b.attrs.keySet());
    return s.size();
  }

  /** Only entity types can be known disjoint (then {@code ==} is false). */
  static boolean disjoint(VType a, VType b) {
    if (a.kind == VType.Kind.ENTITY && b.kind == VType.Kind.ENTITY) {
      for (String t : a.entities) {
        if (b.entities.contains(t)) {
          return false;
        }
      }
      return true;
    }
    return false;
  }
}
