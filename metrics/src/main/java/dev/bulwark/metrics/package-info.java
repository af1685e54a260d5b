/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Micrometer binders for Bulwark. Each binder is a {@code MeterBinder} of one thing Bulwark runs
 * (an engine, a store, a pool); it reads the counters that thing keeps anyway, and holds it weakly,
 * so binding never keeps an engine alive and an unbound engine pays nothing.
 */
package dev.bulwark.metrics;
