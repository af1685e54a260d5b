/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Off-heap memory for data that should not live on the Java heap: {@link dev.bulwark.memory.BufferPool}
 * hands out {@link dev.bulwark.memory.PooledBuffer}s, Agrona views over 64-byte-aligned blocks in
 * power-of-two size classes, with lock-free free lists, a hard capacity and a debug mode
 * ({@link dev.bulwark.memory.MemoryProperties}); {@link dev.bulwark.memory.ChunkAllocator} carves
 * small chunks of fixed size classes out of a pool's blocks, for structures that hold many small
 * records off-heap without a heap object per record.
 *
 * <p>Agrona 2 reads memory through {@code jdk.internal.misc.Unsafe}: a JVM that uses this module
 * must be started with {@code --add-exports java.base/jdk.internal.misc=ALL-UNNAMED}, or
 * {@code --add-exports java.base/jdk.internal.misc=org.agrona} when Agrona is on the module path.
 */
package dev.bulwark.memory;
