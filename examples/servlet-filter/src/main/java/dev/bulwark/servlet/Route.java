/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.servlet;

import dev.bulwark.policy.Context;
import dev.bulwark.policy.EntityUid;
import java.util.Objects;

/**
 * What an HTTP request asks Cedar, apart from who asks: the action, the resource it acts on and the
 * request's context. Immutable.
 *
 * @param action the Cedar action, e.g. {@code Action::"view"}
 * @param resource the resource the action is taken on, e.g. {@code Photo::"p1"}
 * @param context the request's context ({@link Context#empty()} when the action needs none)
 */
public record Route(EntityUid action, EntityUid resource, Context context) {

  /**
   * Checks that every part is given.
   *
   * @throws NullPointerException if any part is null
   */
  public Route {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(context, "context");
  }

  /**
   * A route with an empty context.
   *
   * @param action the Cedar action
   * @param resource the resource
   * @return the route
   * @throws NullPointerException if either is null
   */
  public static Route of(EntityUid action, EntityUid resource) {
    return new Route(action, resource, Context.empty());
  }
}
