/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy;

import java.util.Objects;

/** An immutable, thread-safe authorization request: principal, action, resource, context. */
public final class Request {
  private final EntityUid principal;
  private final EntityUid action;
  private final EntityUid resource;
  private final Context context;

  private Request(EntityUid principal, EntityUid action, EntityUid resource, Context context) {
    this.principal = principal;
    this.action = action;
    this.resource = resource;
    this.context = context;
  }

  /**
   * Creates a request.
   *
   * @param principal the principal
   * @param action the action
   * @param resource the resource
   * @param context the context
   * @return the request
   */
  public static Request of(
      EntityUid principal, EntityUid action, EntityUid resource, Context context) {
    return new Request(
        Objects.requireNonNull(principal, "principal"),
        Objects.requireNonNull(action, "action"),
        Objects.requireNonNull(resource, "resource"),
        Objects.requireNonNull(context, "context"));
  }

  /**
   * Creates a request with an empty context.
   *
   * @param principal the principal
   * @param action the action
   * @param resource the resource
   * @return the request
   */
  public static Request of(EntityUid principal, EntityUid action, EntityUid resource) {
    return of(principal, action, resource, Context.empty());
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

  /**
   * @return the context
   */
  public Context context() {
    return context;
  }

  @Override
  public String toString() {
    return "Request[principal=" + principal + ", action=" + action + ", resource=" + resource + "]";
  }
}
