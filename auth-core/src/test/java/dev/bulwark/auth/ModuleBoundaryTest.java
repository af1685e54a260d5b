/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.jwk.JWKSet;
import dev.bulwark.memory.BufferPool;
import dev.bulwark.simd.Vectorization;
import dev.bulwark.testkit.ModuleDescriptors;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.util.Set;
import org.agrona.DirectBuffer;
import org.jctools.queues.MpmcArrayQueue;
import org.junit.jupiter.api.Test;

/**
 * The module descriptor is what keeps the verifier, the caches and the JWKS client ({@code
 * dev.bulwark.auth.internal}) out of users' reach. The tests run on the class path, so these read
 * the compiled module-info and resolve it as a module.
 */
class ModuleBoundaryTest {

  private static final String MODULE = "dev.bulwark.auth";
  private static final Set<String> API_PACKAGES =
      Set.of("dev.bulwark.auth", "dev.bulwark.auth.store");

  /** This module as built (target/classes or the jar) and its dependencies, one class of each. */
  private static final Class<?>[] MODULES = {
    AuthEngine.class,
    JWKSet.class,
    Caffeine.class,
    Vectorization.class,
    BufferPool.class,
    DirectBuffer.class,
    MpmcArrayQueue.class
  };

  private static ModuleDescriptor descriptor() {
    return ModuleDescriptors.descriptor(MODULE, MODULES);
  }

  @Test
  void descriptor_exports_exactlyTheApiPackagesToEveryone() {
    assertThat(ModuleDescriptors.exportedToEveryone(descriptor())).isEqualTo(API_PACKAGES);
    assertThat(descriptor().exports()).noneMatch(ModuleDescriptor.Exports::isQualified);
  }

  @Test
  void descriptor_internalPackages_inTheModuleButNeitherExportedNorOpened() {
    assertThat(descriptor().packages())
        .contains("dev.bulwark.auth.internal.jws", "dev.bulwark.auth.internal.cache");
    assertThat(descriptor().isOpen()).isFalse();
    assertThat(descriptor().opens()).isEmpty();
  }

  /**
   * Every module it requires is found: the descriptor names its dependencies' real module names.
   */
  @Test
  void descriptor_resolvedWithItsDependencies_resolves() {
    // JDK modules that a class-path JVM leaves out of its boot layer come from the runtime image,
    // as at a module-path launch: Nimbus requires jdk.crypto.ec, which is empty from JDK 22 on.
    Configuration cf = ModuleDescriptors.resolve(MODULE, MODULES);
    assertThat(cf.findModule(MODULE).orElseThrow().reads())
        .extracting(m -> m.name())
        .contains(
            "com.nimbusds.jose.jwt",
            "com.github.benmanes.caffeine",
            "dev.bulwark.simd",
            "dev.bulwark.memory",
            "org.agrona");
  }
}
