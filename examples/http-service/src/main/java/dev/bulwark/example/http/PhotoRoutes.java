/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.example.http;

import dev.bulwark.policy.Context;
import dev.bulwark.policy.EntityUid;
import dev.bulwark.policy.InvalidRequestException;
import dev.bulwark.policy.Schema;
import dev.bulwark.servlet.Route;
import dev.bulwark.servlet.RouteMapper;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The service's routes as Cedar asks them: {@code GET /photos/{id}} is {@code Action::"view"} on
 * {@code Photo::"{id}"}, {@code PUT /photos/{id}} is {@code Action::"edit"}; the context carries
 * the caller's address ({@code sourceIp}), on which the admin policy depends. Immutable and
 * thread-safe.
 */
final class PhotoRoutes implements RouteMapper {
  /** The path under which the photos are served. */
  static final String PREFIX = "/photos/";

  /** The longest photo id the service accepts, in characters. */
  static final int MAX_ID_LENGTH = 64;

  private static final EntityUid VIEW = EntityUid.of("Action", "view");
  private static final EntityUid EDIT = EntityUid.of("Action", "edit");

  private final Schema schema;

  PhotoRoutes(Schema schema) {
    this.schema = schema;
  }

  @Override
  public Route map(HttpServletRequest request) {
    String id = photoId(request);
    if (id == null) {
      return null;
    }
    EntityUid action;
    switch (request.getMethod()) {
      case "GET" -> action = VIEW;
      case "PUT" -> action = EDIT;
      default -> {
        return null;
      }
    }
    // With the schema the address string is read as the declared ipaddr; Cedar refuses one it
    // cannot read, and the filter answers 400.
    Context context =
        Context.builder(schema, action).put("sourceIp", request.getRemoteAddr()).build();
    return new Route(action, EntityUid.of("Photo", id), context);
  }

  /**
   * The photo id of {@code /photos/{id}}, or null for another path.
   *
   * @throws InvalidRequestException for an id that is empty, too long or not of letters, digits,
   *     {@code -} and {@code _}
   */
  static String photoId(HttpServletRequest request) {
    String path = request.getRequestURI();
    if (path == null || !path.startsWith(PREFIX)) {
      return null;
    }
    String id = path.substring(PREFIX.length());
    if (id.isEmpty() || id.length() > MAX_ID_LENGTH || !id.chars().allMatch(PhotoRoutes::idChar)) {
      throw new InvalidRequestException(
          "a photo id is 1 to " + MAX_ID_LENGTH + " letters, digits, '-' or '_'");
    }
    return id;
  }

  private static boolean idChar(int c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '_';
  }
}
