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
  // The Flight Recorder event; jdk.jfr is in every JDK image.
  requires jdk.jfr;

  exports dev.bulwark.policy;
  // Only for the Flight Recorder, which instruments the event class.
  exports dev.bulwark.policy.internal.jfr to
      jdk.jfr;
}
