/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.servlet;

import dev.bulwark.policy.InvalidRequestException;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Maps an HTTP request (its method and path, perhaps its remote address for the context) to the
 * Cedar action, resource and context it asks for. Called by {@link BulwarkFilter} on the request's
 * thread, after the caller was authenticated; an implementation shared by the filter's threads must
 * be thread-safe.
 */
@FunctionalInterface
public interface RouteMapper {

  /**
   * Returns what the request asks Cedar, or null when the request names no route the service serves
   * (the filter then answers 404 and calls nothing further).
   *
   * @param request the HTTP request; its body is not to be read here
   * @return the route, or null for none
   * @throws InvalidRequestException if the request is malformed for its route (an id Cedar refuses,
   *     a context value the schema refuses); the filter answers 400
   */
  Route map(HttpServletRequest request);
}
