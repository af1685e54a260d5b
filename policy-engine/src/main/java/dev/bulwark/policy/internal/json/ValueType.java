/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy.internal.json;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable, thread-safe description of a declared Cedar type, as a schema states it, used to
 * interpret entity and context JSON (see {@link AttributeTypeHints}).
 *
 * <p>Only what changes how JSON is read is kept: the kind, the entity type name of an entity
 * reference, the element type of a set, the attribute types of a record and the name of an
 * extension type ({@code ipaddr}, {@code decimal}, {@code datetime}, {@code duration}).
 */
public final class ValueType {
  /** The kind of a declared type. */
  public enum Kind {
    /** {@code Bool}. */
    BOOLEAN,
    /** {@code Long}. */
    LONG,
    /** {@code String}. */
    STRING,
    /** An entity reference; {@link #entityType()} names the type. */
    ENTITY,
    /** {@code Set<T>}; {@link #element()} is T. */
    SET,
    /** A record; {@link #attributes()} are its declared attributes. */
    RECORD,
    /** An extension type; {@link #extensionName()} is its name. */
    EXTENSION
  }

  private static final ValueType BOOL = new ValueType(Kind.BOOLEAN, null, null, null);
  private static final ValueType LONG_T = new ValueType(Kind.LONG, null, null, null);
  private static final ValueType STRING_T = new ValueType(Kind.STRING, null, null, null);

  private final Kind kind;
  private final String name;
  private final ValueType element;
  private final Map<String, ValueType> attributes;

  private ValueType(Kind kind, String name, ValueType element, Map<String, ValueType> attributes) {
    this.kind = kind;
    this.name = name;
    this.element = element;
    this.attributes = attributes;
  }

  /**
   * @return the {@code Bool} type
   */
  public static ValueType bool() {
    return BOOL;
  }

  /**
   * @return the {@code Long} type
   */
  public static ValueType longType() {
    return LONG_T;
  }

  /**
   * @return the {@code String} type
   */
  public static ValueType string() {
    return STRING_T;
  }

  /**
   * @param entityType the fully qualified entity type name, e.g. {@code NS::User}
   * @return an entity reference type
   */
  public static ValueType entity(String entityType) {
    return new ValueType(Kind.ENTITY, Objects.requireNonNull(entityType), null, null);
  }

  /**
   * @param element the element type
   * @return a set type
   */
  public static ValueType set(ValueType element) {
    return new ValueType(Kind.SET, null, Objects.requireNonNull(element), null);
  }

  /**
   * @param attributes the declared attributes (copied)
   * @return a record type
   */
  public static ValueType record(Map<String, ValueType> attributes) {
    return new ValueType(
        Kind.RECORD, null, null, Collections.unmodifiableMap(new LinkedHashMap<>(attributes)));
  }

  /**
   * @param name {@code ipaddr}, {@code decimal}, {@code datetime} or {@code duration}
   * @return an extension type
   */
  public static ValueType extension(String name) {
    return new ValueType(Kind.EXTENSION, Objects.requireNonNull(name), null, null);
  }

  /**
   * @return the kind
   */
  public Kind kind() {
    return kind;
  }

  /**
   * @return the entity type name of an {@link Kind#ENTITY} type, else null
   */
  public String entityType() {
    return kind == Kind.ENTITY ? name : null;
  }

  /**
   * @return the extension name of an {@link Kind#EXTENSION} type, else null
   */
  public String extensionName() {
    return kind == Kind.EXTENSION ? name : null;
  }

  /**
   * @return the element type of a {@link Kind#SET}, else null
   */
  public ValueType element() {
    return element;
  }

  /**
   * @return the declared attributes of a {@link Kind#RECORD}, else an empty map
   */
  public Map<String, ValueType> attributes() {
    return attributes == null ? Map.of() : attributes;
  }

  @Override
  public String toString() {
    switch (kind) {
      case ENTITY:
        return name;
      case EXTENSION:
        return name;
      case SET:
        return "Set<" + element + ">";
      case RECORD:
        return "Record" + attributes.keySet();
      default:
        return kind.name();
    }
  }
}
