/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.example.load;

import java.util.Locale;

/** The requests of the end-to-end load test, each on examples/http-service. */
enum Scenario {
  /** (a) {@code GET /public}: the same server and servlet path without Bulwark, the baseline. */
  PUBLIC('a', "/public", "no authentication"),
  /** (b) {@code GET /me} with one ES256 JWT: authenticated from the token cache, no decision. */
  JWT_AUTHENTICATED('b', "/me", "cached JWT, no Cedar decision"),
  /** (c) {@code GET /photos/beach} with one ES256 JWT: the token cache and a Cedar decision. */
  JWT_AUTHORIZED('c', "/photos/beach", "cached JWT and a Cedar decision"),
  /** (d) {@code GET /photos/beach} with an API key: the key store's query cache and a decision. */
  API_KEY_AUTHORIZED('d', "/photos/beach", "API key through the query cache and a Cedar decision"),
  /** (e) {@code GET /me} with a new RS256 JWT each request: every signature verified. */
  RS256_UNCACHED('e', "/me", "a new RS256 JWT each request (uncached), no Cedar decision");

  private final char letter;
  private final String path;
  private final String description;

  Scenario(char letter, String path, String description) {
    this.letter = letter;
    this.path = path;
    this.description = description;
  }

  /** The letter the scenario goes by, {@code a} to {@code e}. */
  char letter() {
    return letter;
  }

  /** The path requested. */
  String path() {
    return path;
  }

  /** What the scenario measures, in a few words. */
  String description() {
    return description;
  }

  /** Whether each request carries a credential never used before. */
  boolean singleUseCredentials() {
    return this == RS256_UNCACHED;
  }

  /** The scenario's name in output: {@code c-jwt-authorized}. */
  String label() {
    return letter + "-" + name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * The scenario named by its letter ({@code c}), its label or its constant's name.
   *
   * @throws IllegalArgumentException if none matches
   */
  static Scenario parse(String s) {
    for (Scenario sc : values()) {
      if (s.equalsIgnoreCase(String.valueOf(sc.letter))
          || s.equalsIgnoreCase(sc.label())
          || s.equalsIgnoreCase(sc.name())) {
        return sc;
      }
    }
    throw new IllegalArgumentException("scenario must be one of a, b, c, d, e, was \"" + s + "\"");
  }
}
