/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy.internal.eval;

import dev.bulwark.policy.EntityUid;
import dev.bulwark.policy.internal.value.CedarRecord;
import dev.bulwark.policy.internal.value.EntityData;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Function;

/**
 * The evaluation environment of one request: the four variables and the entity lookup. One instance
 * per request, confined to the evaluating thread.
 *
 * <p>Not final so that the authorizer can collect the request's outcomes in the same object and
 * spare an allocation per decision.
 */
public class Env {
  final EntityUid principal;
  final EntityUid action;
  final EntityUid resource;
  final CedarRecord context;
  private final Function<EntityUid, EntityData> lookup;
  private EntityData principalData;
  private EntityData actionData;
  private EntityData resourceData;
  // The entities the request needed and the store did not have; null until there is one, which
  // most requests never see.
  // The first missing entity, and the rest only if there are others: most requests that have one
  // (a resource the store does not hold) have only that one, which then costs no collection.
  private EntityUid missingFirst;
  private Set<EntityUid> missingMore;

  /**
   * @param principal the principal
   * @param action the action
   * @param resource the resource
   * @param context the context record
   * @param lookup finds an entity, or returns null if it does not exist
   */
  public Env(
      EntityUid principal,
      EntityUid action,
      EntityUid resource,
      CedarRecord context,
      Function<EntityUid, EntityData> lookup) {
    this.principal = principal;
    this.action = action;
    this.resource = resource;
    this.context = context;
    this.lookup = lookup;
  }

  /**
   * @param uid an entity uid
   * @return the entity, or null if the store does not have it
   */
  public EntityData entity(EntityUid uid) {
    // Most lookups are of the request's own entities, already fetched by the authorizer:
    // answering them here spares the store (which may be a remote cache) a call per access.
    if (principalData != null && uid.equals(principal)) {
      return principalData;
    }
    if (resourceData != null && uid.equals(resource)) {
      return resourceData;
    }
    if (actionData != null && uid.equals(action)) {
      return actionData;
    }
    EntityData d = lookup.apply(uid);
    if (d == null) {
      noteMissing(uid);
    }
    return d;
  }

  /**
   * Records an entity that the request needed and the store does not have.
   *
   * @param uid the entity's uid
   */
  public void noteMissing(EntityUid uid) {
    if (missingFirst == null) {
      missingFirst = uid;
    } else if (!missingFirst.equals(uid)) {
      if (missingMore == null) {
        missingMore = new LinkedHashSet<>(4);
        missingMore.add(missingFirst);
      }
      missingMore.add(uid);
    }
  }

  /**
   * @return the only entity recorded by {@link #noteMissing}, or null if none or several were
   */
  public EntityUid missingOnly() {
    return missingMore == null ? missingFirst : null;
  }

  /**
   * @return the entities recorded by {@link #noteMissing}, unmodifiable, or null if none
   */
  public Set<EntityUid> missing() {
    if (missingFirst == null) {
      return null;
    }
    return missingMore == null ? Set.of(missingFirst) : Collections.unmodifiableSet(missingMore);
  }

  /**
   * Supplies the request's own entities, fetched once by the caller (null where absent).
   *
   * @param p the principal's entity
   * @param a the action's entity
   * @param r the resource's entity
   */
  public void prefetched(EntityData p, EntityData a, EntityData r) {
    this.principalData = p;
    this.actionData = a;
    this.resourceData = r;
  }

  /**
   * @return the principal's entity as prefetched, or null
   */
  public EntityData principalData() {
    return principalData;
  }

  /**
   * @return the action's entity as prefetched, or null
   */
  public EntityData actionData() {
    return actionData;
  }

  /**
   * @return the resource's entity as prefetched, or null
   */
  public EntityData resourceData() {
    return resourceData;
  }

  /**
   * @return the principal
   */
  public EntityUid principal() {
    return principal;
  }

  /**
   * @return the action
   */
  public EntityUid action() {
    return action;
  }

  /**
   * @return the resource
   */
  public EntityUid resource() {
    return resource;
  }
}
