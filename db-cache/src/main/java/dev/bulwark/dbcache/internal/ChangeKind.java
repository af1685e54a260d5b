/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.dbcache.internal;

/**
 * What a row of the change log is about; stored by name in {@code bulwark_change_log.kind}, so a
 * constant is never renamed.
 */
public enum ChangeKind {
  /** An API key was added or changed; the item is its key id. */
  API_KEY,
  /** A token was revoked; the item is its {@code jti}. */
  TOKEN_REVOCATION,
  /** A subject's credentials were revoked; the item is the subject. */
  SUBJECT_REVOCATION,
  /** An API key was revoked; the item is its key id. */
  API_KEY_REVOCATION,
  /** An entity was added, changed or removed; the item is its uid in Cedar syntax. */
  ENTITY,
  /** A policy set was stored or activated; the item is the policy set's version. */
  POLICY_SET
}
