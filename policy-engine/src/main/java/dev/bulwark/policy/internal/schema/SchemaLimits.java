/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy.internal.schema;

/**
 * Bounds on schema input, so that no schema can exhaust the stack or memory. Cedar itself has no
 * such bounds; these are far above any schema seen in Cedar's own test corpus.
 */
final class SchemaLimits {
  private SchemaLimits() {}

  /** Maximum schema text length, in chars. */
  static final int MAX_SCHEMA_CHARS = 16 * 1024 * 1024;

  /** Maximum number of tokens of a human-format schema. */
  static final int MAX_TOKENS = 2_000_000;

  /** Maximum nesting of {@code Set<..>} and records within one type expression. */
  static final int MAX_TYPE_DEPTH = 128;

  /** Maximum length of a chain of common-type aliases (each resolved recursively). */
  static final int MAX_ALIAS_DEPTH = 256;
}
