/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Bulwark's off-heap buffer pool. Its one package, {@code dev.bulwark.memory}, is API.
 *
 * <p>Agrona 2 reads memory through {@code jdk.internal.misc.Unsafe}: on the module path the JVM
 * needs {@code --add-exports java.base/jdk.internal.misc=org.agrona}, on the class path
 * {@code --add-exports java.base/jdk.internal.misc=ALL-UNNAMED}.
 */
// Agrona has no module descriptor, only an Automatic-Module-Name; exposing it is deliberate.
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module dev.bulwark.memory {
    // A PooledBuffer is an Agrona MutableDirectBuffer, so its users need Agrona's types too.
    requires transitive org.agrona;
    // The lock-free free lists.
    requires org.jctools.core;
    // JCTools reads through sun.misc.Unsafe but requires jdk.unsupported only statically, so an
    // application launched as a module would not resolve it.
    requires jdk.unsupported;

    exports dev.bulwark.memory;
}
