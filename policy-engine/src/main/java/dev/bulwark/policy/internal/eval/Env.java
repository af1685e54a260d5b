/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy.internal.eval;

import dev.bulwark.policy.EntityUid;
import dev.bulwark.policy.internal.value.CedarRecord;
import dev.bulwark.policy.internal.value.EntityData;
import java.util.function.Function;

/**
 * The evaluation environment of one request: the four variables and the entity lookup. One
 * instance per request, confined to the evaluating thread.
 */
public final class Env {
  final EntityUid principal;
  final EntityUid action;
  final EntityUid resource;
  final CedarRecord context;
  private final Function<EntityUid, EntityData> lookup;

  /**
   * @param principal the principal
   * @param action the action
   * @param resource the resource
   * @param context the context record
   * @param lookup finds an entity, or returns null if it does not exist
   */
  public Env(EntityUid principal, EntityUid action, EntityUid resource, CedarRecord context,
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
    return lookup.apply(uid);
  }

  /** @return the principal */
  public EntityUid principal() {
    return principal;
  }

  /** @return the action */
  public EntityUid action() {
    return action;
  }

  /** @return the resource */
  public EntityUid resource() {
    return resource;
  }
}
