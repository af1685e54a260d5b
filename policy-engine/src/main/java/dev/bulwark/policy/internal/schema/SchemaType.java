/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy.internal.schema;

import java.util.Map;

/**
 * A resolved schema type, immutable and thread-safe: every name is fully qualified and every
 * common-type alias has been replaced by its definition.
 *
 * <p>Resolved types are shared, not copied: a common type used in many places is one object, so a
 * schema whose aliases nest exponentially still resolves to a graph of linear size. For the same
 * reason {@link RecordType} and {@link SetOf} keep identity equality and a bounded {@code
 * toString()}: structural equality or printing could walk the graph exponentially.
 */
public sealed interface SchemaType
    permits SchemaType.Primitive,
        SchemaType.EntityRef,
        SchemaType.Extension,
        SchemaType.SetOf,
        SchemaType.RecordType {

  /** The primitive types {@code Bool}, {@code Long} and {@code String}. */
  enum Primitive implements SchemaType {
    /** {@code Bool} ({@code Boolean} in the JSON format). */
    BOOL,
    /** {@code Long}. */
    LONG,
    /** {@code String}. */
    STRING
  }

  /**
   * An entity reference of one entity type.
   *
   * @param name the fully qualified entity type name
   */
  record EntityRef(String name) implements SchemaType {
    @Override
    public String toString() {
      return name;
    }
  }

  /**
   * An extension type.
   *
   * @param name {@code ipaddr}, {@code decimal}, {@code datetime} or {@code duration}
   */
  record Extension(String name) implements SchemaType {
    @Override
    public String toString() {
      return name;
    }
  }

  /** {@code Set<element>}. */
  final class SetOf implements SchemaType {
    private final SchemaType element;

    SetOf(SchemaType element) {
      this.element = element;
    }

    /**
     * @return the element type
     */
    public SchemaType element() {
      return element;
    }

    @Override
    public String toString() {
      return "Set<" + SchemaTypes.describe(element, 3) + ">";
    }
  }

  /** A record type: declared attributes, and whether undeclared ones are allowed. */
  final class RecordType implements SchemaType {
    private final Map<String, Attribute> attributes;
    private final boolean open;
    // The same attributes as arrays, for request validation, which runs on every decision and
    // must not allocate an entry-set iterator per record.
    private final String[] names;
    private final SchemaType[] types;
    private final boolean[] required;

    RecordType(Map<String, Attribute> attributes, boolean open) {
      this.attributes = attributes;
      this.open = open;
      int n = attributes.size();
      names = new String[n];
      types = new SchemaType[n];
      required = new boolean[n];
      int i = 0;
      for (Map.Entry<String, Attribute> e : attributes.entrySet()) {
        names[i] = e.getKey();
        types[i] = e.getValue().type();
        required[i] = e.getValue().required();
        i++;
      }
    }

    /**
     * @return the number of declared attributes
     */
    public int size() {
      return names.length;
    }

    /**
     * @param i an index below {@link #size()}, in declaration order
     * @return the name of the i-th declared attribute
     */
    public String name(int i) {
      return names[i];
    }

    /**
     * @param i an index below {@link #size()}
     * @return the type of the i-th declared attribute
     */
    public SchemaType type(int i) {
      return types[i];
    }

    /**
     * @param i an index below {@link #size()}
     * @return true if the i-th declared attribute is required
     */
    public boolean required(int i) {
      return required[i];
    }

    /**
     * @return the declared attributes, unmodifiable, in declaration order
     */
    public Map<String, Attribute> attributes() {
      return attributes;
    }

    /**
     * @return true if attributes that are not declared are allowed
     */
    public boolean open() {
      return open;
    }

    @Override
    public String toString() {
      return SchemaTypes.describe(this, 3);
    }
  }

  /**
   * One declared attribute of a record.
   *
   * @param type its type
   * @param required false if declared optional ({@code name?: T}, {@code "required": false})
   */
  record Attribute(SchemaType type, boolean required) {}
}
