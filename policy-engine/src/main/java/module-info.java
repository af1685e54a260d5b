/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Bulwark's pure-Java engine for the Cedar policy language. The API is {@code dev.bulwark.policy};
 * the parsers, the evaluator, the schema validator and the value model under
 * {@code dev.bulwark.policy.internal} are not exported. It has no dependencies beyond the JDK
 * (java.base, and jdk.jfr for its Flight Recorder event).
 */
module dev.bulwark.policy {
  // The Flight Recorder event; jdk.jfr is in every JDK image. The event
  // packages stay unexported: the Flight Recorder opens what it instruments to itself.
  requires jdk.jfr;

  exports dev.bulwark.policy;
}
