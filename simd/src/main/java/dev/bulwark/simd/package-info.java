/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Byte kernels for the token path: a keyed 64-bit hash ({@link dev.bulwark.simd.KeyedHash}),
 * constant-time equality ({@link dev.bulwark.simd.ConstantTime}) and strict base64url decoding
 * ({@link dev.bulwark.simd.Base64Url}) on {@code byte[]} ranges, and constant-time equality of an
 * Agrona {@link org.agrona.DirectBuffer} range (off-heap memory) with an array range.
 *
 * <p>Each kernel has a scalar implementation, always available, and a Vector API one that is used
 * when the JVM runs with {@code --add-modules jdk.incubator.vector} and the C2 compiler; both give
 * bit-identical results. {@link dev.bulwark.simd.Vectorization} tells which one runs. One log line
 * (logger {@code dev.bulwark.simd}, level INFO) reports the choice at first use.
 */
package dev.bulwark.simd;
