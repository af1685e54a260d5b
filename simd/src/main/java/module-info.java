/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Bulwark's byte kernels: keyed hashing, constant-time comparison and base64url decoding, with a
 * Vector API path chosen at run time. Only {@code dev.bulwark.simd} is API; the kernels behind it
 * ({@code dev.bulwark.simd.internal}, and the Vector API ones in its {@code panama} subpackage) are
 * not exported.
 *
 * <p>The module does not name {@code jdk.incubator.vector}: release 17's platform table leaves the
 * incubator modules out, so it cannot be named here. The Vector API kernels are compiled apart and
 * loaded by name only when the module is in the boot layer, after this module is made to read it
 * at run time ({@code KernelsProvider}).
 */
// Agrona has no module descriptor, only an Automatic-Module-Name; exposing it is deliberate.
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module dev.bulwark.simd {
    // ConstantTime compares an Agrona DirectBuffer range, so its users need Agrona's types too.
    requires transitive org.agrona;
    // The check that C2 is the JIT before the Vector API kernels are chosen.
    requires jdk.management;

    exports dev.bulwark.simd;
}
