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
  // The binders' constructors take the engines, stores and pools, so users read their modules.
  requires transitive dev.bulwark.auth;
  requires transitive dev.bulwark.policy;
  requires static transitive dev.bulwark.dbcache;
  requires static com.zaxxer.hikari;
  requires static transitive dev.bulwark.memory;
  requires static dev.bulwark.simd;

  exports dev.bulwark.metrics;
}
