/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Bulwark's pure-Java engine for the Cedar policy language. The API is {@code dev.bulwark.policy};
 * the parsers, the evaluator, the schema validator and the value model under
 * {@code dev.bulwark.policy.internal} are not exported. It has no dependencies beyond java.base.
 */
module dev.bulwark.policy {
  exports dev.bulwark.policy;
}
