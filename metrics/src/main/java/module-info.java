/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Micrometer binders for Bulwark's engines, caches, memory pool, kernels, key sets, database stores
 * and decision log. The API is {@code dev.bulwark.metrics}.
 */
// Micrometer has only an Automatic-Module-Name; binders expose its MeterBinder, so users read it.
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module dev.bulwark.metrics {
  requires transitive micrometer.core;
  requires dev.bulwark.auth;
  requires dev.bulwark.policy;
  requires static dev.bulwark.dbcache;
  requires static dev.bulwark.memory;
  requires static dev.bulwark.simd;

  exports dev.bulwark.metrics;
}
