/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth;

/** How a {@link Principal} proved who it is. */
public enum AuthMethod {
  /** A signed JSON Web Token presented as {@code Authorization: Bearer <jwt>}. */
  JWT,
  /** A Bulwark API key presented as {@code Authorization: ApiKey <key>} or {@code Bearer <key>}. */
  API_KEY
}
