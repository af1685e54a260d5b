/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.memory;

/**
 * The system properties of the memory module, each read once at class initialisation; immutable and
 * thread-safe.
 *
 * <p>There is one:
 *
 * <ul>
 *   <li>{@value #DEBUG_PROPERTY} ({@code true}/{@code false}, default {@code false}): the default
 *       of {@link BufferPool.Builder#debug(boolean)} for every pool. In debug mode a released
 *       {@link PooledBuffer} is retired for good instead of being recycled, its memory is filled
 *       with {@code 0xDB}, and its view is emptied, so a double release or any use after release
 *       fails at once with an exception instead of corrupting another owner's data; on {@code
 *       close()} the pool also retires the buffers still held. It costs a small allocation per
 *       release; use it in tests and staging, not on the hot path. The emptied view relies on
 *       Agrona's bounds checks, so do not combine it with {@code agrona.disable.bounds.checks}.
 * </ul>
 */
public final class MemoryProperties {

  /** Name of the property that turns debug mode on for every pool by default. */
  public static final String DEBUG_PROPERTY = "bulwark.memory.debug";

  /** Value of {@value #DEBUG_PROPERTY} when this class was initialised. */
  public static final boolean DEBUG = Boolean.getBoolean(DEBUG_PROPERTY);

  private MemoryProperties() {}
}
