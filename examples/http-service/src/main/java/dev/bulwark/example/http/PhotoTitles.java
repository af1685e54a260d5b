/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.example.http;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The service's own data, the photos' titles, in a table of its own beside Bulwark's. Thread-safe:
 * every call takes a connection from the pool. What Cedar decides on (owner, public, shared with)
 * lives in the entity store; this table holds only what the service shows.
 */
final class PhotoTitles {
  /** The longest title a {@code PUT} may set, in characters. */
  static final int MAX_TITLE_LENGTH = 200;

  private final DataSource db;

  PhotoTitles(DataSource db) {
    this.db = db;
  }

  /** Creates the table if it is missing. */
  void migrate() throws SQLException {
    try (Connection c = db.getConnection();
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE IF NOT EXISTS example_photo_titles ("
              + "id VARCHAR(256) PRIMARY KEY, title VARCHAR("
              + MAX_TITLE_LENGTH
              + ") NOT NULL)");
    }
  }

  /** The title of a photo, or empty if the service has none. */
  Optional<String> find(String id) throws SQLException {
    try (Connection c = db.getConnection();
        PreparedStatement ps =
            c.prepareStatement("SELECT title FROM example_photo_titles WHERE id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    }
  }

  /**
   * Sets a photo's title, adding the row if it is missing (an update, then an insert: SQL that H2
   * and PostgreSQL both run).
   */
  void put(String id, String title) throws SQLException {
    try (Connection c = db.getConnection()) {
      try (PreparedStatement ps =
          c.prepareStatement("UPDATE example_photo_titles SET title = ? WHERE id = ?")) {
        ps.setString(1, title);
        ps.setString(2, id);
        if (ps.executeUpdate() > 0) {
          return;
        }
      }
      try (PreparedStatement ps =
          c.prepareStatement("INSERT INTO example_photo_titles (id, title) VALUES (?, ?)")) {
        ps.setString(1, id);
        ps.setString(2, title);
        ps.executeUpdate();
      }
    }
  }
}
