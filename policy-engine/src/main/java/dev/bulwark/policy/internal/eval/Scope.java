/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy.internal.eval;

import dev.bulwark.policy.EntityUid;
import dev.bulwark.policy.internal.value.EntityData;
import java.util.Objects;
import java.util.Set;

/**
 * One scope constraint of a policy ({@code principal == X}, {@code action in [..]}, {@code resource
 * is T in X}, ...); immutable and thread-safe. Scope constraints never raise evaluation errors,
 * which is why the authorizer can use them as an index.
 */
public final class Scope {
  /** Constraint kinds. */
  public enum Kind {
    /** No constraint. */
    ANY,
    /** {@code == uid}. */
    EQ,
    /** {@code in uid}. */
    IN,
    /** {@code is T}. */
    IS,
    /** {@code is T in uid}. */
    IS_IN,
    /** {@code in [uid, ...]} (action only). */
    IN_SET
  }

  /** The unconstrained scope. */
  public static final Scope ANY = new Scope(Kind.ANY, null, null, null, null);

  private final Kind kind;
  private final String type;
  private final EntityUid uid;
  private final Set<EntityUid> uids;
  private final EntityUid[] uidArray;
  private final String slot;

  /**
   * @param kind the kind
   * @param type the entity type for IS and IS_IN
   * @param uid the entity for EQ, IN, IS_IN (null if a slot)
   * @param uids the entities for IN_SET
   * @param slot {@code ?principal} or {@code ?resource} if the entity is a template slot
   */
  public Scope(Kind kind, String type, EntityUid uid, Set<EntityUid> uids, String slot) {
    this.kind = kind;
    this.type = type;
    this.uid = uid;
    this.uids = uids;
    this.uidArray = uids == null ? new EntityUid[0] : uids.toArray(new EntityUid[0]);
    this.slot = slot;
  }

  /**
   * @return the kind
   */
  public Kind kind() {
    return kind;
  }

  /**
   * @return the entity type of IS / IS_IN
   */
  public String type() {
    return type;
  }

  /**
   * @return the entity of EQ / IN / IS_IN, null for a slot
   */
  public EntityUid uid() {
    return uid;
  }

  /**
   * @return the entities of IN_SET
   */
  public Set<EntityUid> uids() {
    return uids;
  }

  /**
   * Returns the entities of IN_SET in the set's iteration order, as an array shared with every
   * caller, which must not modify it.
   *
   * @return the entities of IN_SET (empty for other kinds)
   */
  public EntityUid[] uidArray() {
    return uidArray;
  }

  /**
   * @return the slot name, or null
   */
  public String slot() {
    return slot;
  }

  /**
   * @param value the uid that fills the slot
   * @return this constraint with its slot filled
   */
  public Scope link(EntityUid value) {
    if (slot == null) {
      return this;
    }
    // An unfilled slot would make a scope that matches nothing: never build one.
    return new Scope(kind, type, Objects.requireNonNull(value, slot), uids, null);
  }

  /**
   * Tests the constraint against the request's entity as the store holds it, with its transitive
   * ancestors.
   *
   * @param v the request's uid for this variable
   * @param e its entity, or null if the store does not have it (then it has no ancestors)
   * @return true if it is satisfied
   */
  public boolean matches(EntityUid v, EntityData e) {
    switch (kind) {
      case ANY:
        return true;
      case EQ:
        return v.equals(uid);
      case IN:
        return v.equals(uid) || (e != null && e.hasAncestor(uid));
      case IS:
        return v.type().equals(type);
      case IS_IN:
        return v.type().equals(type) && (v.equals(uid) || (e != null && e.hasAncestor(uid)));
      case IN_SET:
        if (inSet(v)) {
          return true;
        }
        if (e != null) {
          for (EntityUid u : uidArray) {
            if (e.hasAncestor(u)) {
              return true;
            }
          }
        }
        return false;
      default:
        throw new IllegalStateException(kind.name());
    }
  }

  /** {@code uids.contains(v)}, scanning the array for the short lists actions usually have. */
  private boolean inSet(EntityUid v) {
    return EntityData.contains(uidArray, uids, v);
  }
}
