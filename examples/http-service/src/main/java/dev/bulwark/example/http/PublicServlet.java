/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.example.http;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code GET /public}: a fixed JSON greeting, outside {@code BulwarkFilter}. The baseline of a load
 * test: the same server and servlet path without authentication or authorization, so that the cost
 * of Bulwark is the difference between this route and {@code /photos/{id}}. Stateless.
 */
final class PublicServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  private static final String BODY = "{\"service\":\"photos\",\"authenticated\":false}";

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    PhotoServlet.json(resp, HttpServletResponse.SC_OK, BODY);
  }
}
