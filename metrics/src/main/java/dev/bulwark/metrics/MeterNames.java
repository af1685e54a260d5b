/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.metrics;

/**
 * The names of the meters Bulwark's binders register, in Micrometer's dotted form (a Prometheus
 * registry writes {@code bulwark.auth.attempts} as {@code bulwark_auth_attempts_total}). Constants
 * only; the binders and the README's table of meters use these names.
 */
public final class MeterNames {
  /** The prefix of every meter Bulwark registers. */
  public static final String PREFIX = "bulwark.";

  private MeterNames() {}
}
