/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy.internal.parse;

import dev.bulwark.policy.EntityUid;

/** Builds uids from names the parsers have already checked; stateless. */
final class EntityUids {
  private EntityUids() {}

  static EntityUid make(String type, String id) {
    return EntityUid.of(type, id);
  }
}
