/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.example.http;

import dev.bulwark.auth.AuthEngine;
import dev.bulwark.auth.KeySetHealth;
import dev.bulwark.dbcache.Database;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * {@code GET /health}: the database's state and each issuer's key set, as JSON; 200 when the
 * database answers and every issuer has a key, else 503. No authentication: a load balancer's probe
 * calls it. Says nothing secret: the issuer, the key count and ids, never a key or a JDBC URL.
 */
final class HealthServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  // How long the database may take to confirm a connection, in seconds.
  private static final int DATABASE_CHECK_SECONDS = 1;

  private final transient Database db;
  private final transient AuthEngine auth;

  HealthServlet(Database db, AuthEngine auth) {
    this.db = db;
    this.auth = auth;
  }

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    boolean databaseUp;
    try (Connection c = db.primary().getConnection()) {
      databaseUp = c.isValid(DATABASE_CHECK_SECONDS);
    } catch (SQLException e) {
      databaseUp = false;
    }
    boolean keysUp = true;
    StringBuilder keySets = new StringBuilder("[");
    for (KeySetHealth k : auth.keySetHealth()) {
      keysUp &= k.keysAvailable();
      if (keySets.length() > 1) {
        keySets.append(',');
      }
      keySets
          .append("{\"issuer\":")
          .append(Json.quote(k.issuer()))
          .append(",\"source\":")
          .append(Json.quote(k.sourceKind().name()))
          .append(",\"keys\":")
          .append(k.keyCount())
          .append(",\"keysAvailable\":")
          .append(k.keysAvailable())
          .append('}');
    }
    keySets.append(']');
    boolean up = databaseUp && keysUp;
    PhotoServlet.json(
        resp,
        up ? HttpServletResponse.SC_OK : HttpServletResponse.SC_SERVICE_UNAVAILABLE,
        "{\"status\":"
            + Json.quote(up ? "UP" : "DOWN")
            + ",\"database\":{\"status\":"
            + Json.quote(databaseUp ? "UP" : "DOWN")
            + ",\"circuitBreaker\":"
            + Json.quote(db.circuitBreakerState())
            + "},\"keySets\":"
            + keySets
            + "}");
  }
}
