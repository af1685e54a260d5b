/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy;

import java.util.Objects;

/**
 * An immutable, thread-safe Cedar entity identifier: an entity type name (possibly namespaced,
 * {@code A::B::Photo}) and an id string ({@code "a.jpg"}).
 *
 * <p>Equality is by type and id. {@link #toString()} renders Cedar's syntax, {@code
 * Photo::"a.jpg"}, with the id escaped as in a Cedar string literal.
 *
 * <p>Identifiers are ordered by type name, then by id ({@link #compareTo}), consistently with
 * equality, as Cedar orders them. Being comparable also keeps a {@link java.util.HashMap} keyed by
 * identifiers fast when many of them share a {@code hashCode} (ids chosen so that they collide):
 * the map then keeps the colliding keys in a search tree rather than a list.
 */
public final class EntityUid implements Comparable<EntityUid> {
  private final String type;
  private final String id;
  private final int hash;

  private EntityUid(String type, String id) {
    this.type = type;
    this.id = id;
    this.hash = type.hashCode() * 31 + id.hashCode();
  }

  /**
   * Creates an identifier.
   *
   * @param type the entity type name, e.g. {@code "User"} or {@code "A::B::User"}
   * @param id the entity id, any string
   * @return the identifier
   * @throws IllegalArgumentException if the type is not a valid Cedar name
   */
  public static EntityUid of(String type, String id) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(id, "id");
    if (!isValidName(type)) {
      throw new IllegalArgumentException(
          "entity type must be a Cedar name like A::B::C, was \"" + type + "\"");
    }
    return new EntityUid(type, id);
  }

  /**
   * Parses Cedar's textual form, e.g. {@code User::"alice"} or {@code A::B::"x"}.
   *
   * @param text the text
   * @return the identifier
   * @throws IllegalArgumentException if the text is not an entity identifier
   */
  public static EntityUid parse(String text) {
    Objects.requireNonNull(text, "text");
    try {
      return dev.bulwark.policy.internal.parse.CedarParser.parseEntityUid(text);
    } catch (PolicyParseException e) {
      throw new IllegalArgumentException("not an entity uid: " + e.getMessage(), e);
    }
  }

  /**
   * Returns the entity type name.
   *
   * @return the type name
   */
  public String type() {
    return type;
  }

  /**
   * Returns the entity id.
   *
   * @return the id
   */
  public String id() {
    return id;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof EntityUid)) {
      return false;
    }
    EntityUid other = (EntityUid) o;
    return hash == other.hash && id.equals(other.id) && type.equals(other.type);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  /**
   * Compares by type name, then by id, each as {@link String#compareTo} does.
   *
   * @param other another identifier
   * @return negative, zero or positive as this sorts before, with or after {@code other}
   */
  @Override
  public int compareTo(EntityUid other) {
    int c = type.compareTo(other.type);
    return c != 0 ? c : id.compareTo(other.id);
  }

  @Override
  public String toString() {
    return type + "::" + dev.bulwark.policy.internal.value.Values.quote(id);
  }

  /**
   * Tells whether {@code name} is a valid Cedar (possibly namespaced) name.
   *
   * @param name the candidate
   * @return true if it is {@code IDENT(::IDENT)*}
   */
  static boolean isValidName(String name) {
    if (name.isEmpty()) {
      return false;
    }
    int i = 0;
    int n = name.length();
    while (true) {
      if (i >= n || !isIdentStart(name.charAt(i))) {
        return false;
      }
      i++;
      while (i < n && isIdentPart(name.charAt(i))) {
        i++;
      }
      if (i == n) {
        return true;
      }
      if (i + 1 < n && name.charAt(i) == ':' && name.charAt(i + 1) == ':') {
        i += 2;
      } else {
        return false;
      }
    }
  }

  private static boolean isIdentStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }

  private static boolean isIdentPart(char c) {
    return isIdentStart(c) || (c >= '0' && c <= '9');
  }
}
