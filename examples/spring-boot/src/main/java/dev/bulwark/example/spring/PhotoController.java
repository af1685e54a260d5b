/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.example.spring;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The photos and the public answer. Requests reach {@code /photos/{id}} only after {@link
 * BulwarkAuthorizationManager} allowed them, so the handlers check nothing themselves. Thread-safe:
 * titles are kept in a concurrent map.
 */
@RestController
public class PhotoController {
  /** The longest title kept, in characters. */
  static final int MAX_TITLE_LENGTH = 200;

  private final Map<String, String> titles = new ConcurrentHashMap<>();

  /** The photo's id and title. */
  @GetMapping(path = "/photos/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
  public Map<String, String> photo(@PathVariable("id") String id) {
    return Map.of("id", id, "title", titles.getOrDefault(id, "A photo called " + id));
  }

  /** Sets the photo's title from a {@code text/plain} body. */
  @PutMapping(path = "/photos/{id}", consumes = MediaType.TEXT_PLAIN_VALUE)
  public ResponseEntity<Map<String, String>> retitle(
      @PathVariable("id") String id, @RequestBody String title) {
    if (title.isBlank() || title.length() > MAX_TITLE_LENGTH) {
      return ResponseEntity.badRequest()
          .body(Map.of("error", "a title is 1 to " + MAX_TITLE_LENGTH + " characters"));
    }
    titles.put(id, title.strip());
    return ResponseEntity.ok(Map.of("id", id, "title", title.strip()));
  }

  /** A fixed answer without authentication. */
  @GetMapping(path = "/public", produces = MediaType.APPLICATION_JSON_VALUE)
  public Map<String, String> open() {
    return Map.of("status", "ok");
  }
}
