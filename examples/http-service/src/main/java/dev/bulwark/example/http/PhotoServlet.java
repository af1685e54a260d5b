/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.example.http;

import dev.bulwark.auth.Principal;
import dev.bulwark.servlet.BulwarkFilter;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Optional;

/**
 * {@code GET /photos/{id}} answers the photo as JSON; {@code PUT /photos/{id}} sets its title from
 * a UTF-8 {@code text/plain} body of at most {@value PhotoTitles#MAX_TITLE_LENGTH} characters. Runs
 * behind {@link BulwarkFilter}: a request that reaches it was authenticated and allowed. Stateless
 * apart from the table it reads.
 */
final class PhotoServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  // A title is at most MAX_TITLE_LENGTH characters of up to 4 UTF-8 bytes each.
  private static final int MAX_BODY_BYTES = PhotoTitles.MAX_TITLE_LENGTH * 4;

  private final transient PhotoTitles titles;

  PhotoServlet(PhotoTitles titles) {
    this.titles = titles;
  }

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp)
      throws IOException, ServletException {
    String id = PhotoRoutes.photoId(req);
    Optional<String> title;
    try {
      title = titles.find(id);
    } catch (SQLException e) {
      throw new ServletException("cannot read the photo's title", e);
    }
    if (title.isEmpty()) {
      // Only a caller the policies allow to view it learns that the photo does not exist.
      json(resp, HttpServletResponse.SC_NOT_FOUND, "{\"error\":\"not_found\"}");
      return;
    }
    Principal caller = (Principal) req.getAttribute(BulwarkFilter.PRINCIPAL_ATTRIBUTE);
    json(
        resp,
        HttpServletResponse.SC_OK,
        "{\"id\":"
            + Json.quote(id)
            + ",\"title\":"
            + Json.quote(title.get())
            + ",\"viewer\":"
            + Json.quote(caller.subject())
            + "}");
  }

  @Override
  protected void doPut(HttpServletRequest req, HttpServletResponse resp)
      throws IOException, ServletException {
    String id = PhotoRoutes.photoId(req);
    byte[] body;
    try (InputStream in = req.getInputStream()) {
      body = in.readNBytes(MAX_BODY_BYTES + 1);
    }
    String title;
    try {
      title =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(body))
              .toString()
              .strip();
    } catch (CharacterCodingException e) {
      json(resp, HttpServletResponse.SC_BAD_REQUEST, "{\"error\":\"title is not UTF-8\"}");
      return;
    }
    if (body.length > MAX_BODY_BYTES
        || title.isEmpty()
        || title.length() > PhotoTitles.MAX_TITLE_LENGTH) {
      json(
          resp,
          HttpServletResponse.SC_BAD_REQUEST,
          "{\"error\":\"a title is 1 to " + PhotoTitles.MAX_TITLE_LENGTH + " characters\"}");
      return;
    }
    try {
      titles.put(id, title);
    } catch (SQLException e) {
      throw new ServletException("cannot write the photo's title", e);
    }
    json(
        resp,
        HttpServletResponse.SC_OK,
        "{\"id\":" + Json.quote(id) + ",\"title\":" + Json.quote(title) + "}");
  }

  static void json(HttpServletResponse resp, int status, String body) throws IOException {
    resp.setStatus(status);
    resp.setContentType("application/json");
    resp.setCharacterEncoding("UTF-8");
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    resp.setContentLength(bytes.length);
    resp.getOutputStream().write(bytes);
  }
}
