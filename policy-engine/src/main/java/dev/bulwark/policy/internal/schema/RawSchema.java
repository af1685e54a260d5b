/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy.internal.schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A schema as written, before name resolution: both the human format and the JSON format parse into
 * this, so that one {@link SchemaResolver} applies Cedar's resolution rules to both. Mutable while
 * a parser fills it, then only read; confined to one thread.
 */
final class RawSchema {
  /** Namespaces by name; the empty namespace is {@code ""}. */
  final Map<String, Namespace> namespaces = new LinkedHashMap<>();

  /**
   * Where something was written: a line and column, and for the JSON format also the JSON path (the
   * line and column are then those of the innermost object or array around it).
   */
  record Loc(int line, int column, String path) {
    static Loc at(int line, int column) {
      return new Loc(line, column, null);
    }

    String describe() {
      return path != null ? "at " + path : "line " + line + ", column " + column;
    }
  }

  /** What a type reference may name (Cedar's {@code ReferenceType}). */
  enum RefKind {
    COMMON,
    ENTITY,
    COMMON_OR_ENTITY
  }

  /** A type as written. */
  sealed interface Type permits Prim, Ext, Ref, SetT, RecordT {
    Loc loc();
  }

  record Prim(SchemaType.Primitive primitive, Loc loc) implements Type {}

  record Ext(String name, Loc loc) implements Type {}

  record Ref(String name, RefKind kind, Loc loc) implements Type {}

  record SetT(Type element, Loc loc) implements Type {}

  record RecordT(LinkedHashMap<String, Attr> attributes, boolean open, Loc loc) implements Type {}

  record Attr(Type type, boolean required) {}

  /** An entity type declaration. */
  static final class Entity {
    final String name;
    final Loc loc;
    final List<String> memberOfTypes = new ArrayList<>();
    Type shape;
    Type tags;
    List<String> enumChoices;

    Entity(String name, Loc loc) {
      this.name = name;
      this.loc = loc;
    }
  }

  /** An action parent reference; {@code type} null means the namespace's {@code Action}. */
  record ActionRef(String type, String id, Loc loc) {}

  /** An action declaration. */
  static final class Action {
    final String id;
    final Loc loc;
    final List<ActionRef> memberOf = new ArrayList<>();
    boolean hasAppliesTo;
    final List<String> principalTypes = new ArrayList<>();
    final List<String> resourceTypes = new ArrayList<>();
    Type context;

    Action(String id, Loc loc) {
      this.id = id;
      this.loc = loc;
    }
  }

  /** A common type declaration. */
  record Common(String name, Type type, Loc loc) {}

  /** One namespace's declarations. */
  static final class Namespace {
    final String name;
    final Loc loc;
    final Map<String, Common> commonTypes = new LinkedHashMap<>();
    final Map<String, Entity> entityTypes = new LinkedHashMap<>();
    final Map<String, Action> actions = new LinkedHashMap<>();

    Namespace(String name, Loc loc) {
      this.name = name;
      this.loc = loc;
    }
  }
}
