/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.memory;

/**
 * Thrown when a {@link BufferPool} cannot serve a request within its hard capacity, or the JVM
 * refuses it more direct memory; instances are immutable. The message names the limit and the
 * figures, so that the fix (a larger capacity, a smaller working set) is plain. The pool never lets
 * an {@link OutOfMemoryError} escape for this.
 */
public final class PoolExhaustedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  PoolExhaustedException(String message, Throwable cause) {
    super(message, cause);
  }
}
