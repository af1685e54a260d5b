/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.example.http;

import dev.bulwark.auth.Principal;
import dev.bulwark.servlet.BulwarkFilter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code GET /me}: the authenticated caller's subject and how it authenticated, as JSON. Runs
 * behind a {@link BulwarkFilter} built with {@code authenticationOnly()}: every authenticated
 * caller may ask who it is, so no Cedar decision is taken. Stateless.
 */
final class MeServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    Principal caller = (Principal) req.getAttribute(BulwarkFilter.PRINCIPAL_ATTRIBUTE);
    PhotoServlet.json(
        resp,
        HttpServletResponse.SC_OK,
        "{\"subject\":"
            + Json.quote(caller.subject())
            + ",\"method\":"
            + Json.quote(caller.method().name())
            + "}");
  }
}
