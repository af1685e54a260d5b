/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.testkit.ModuleDescriptors;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.util.Set;
import org.agrona.DirectBuffer;
import org.jctools.queues.MpmcArrayQueue;
import org.junit.jupiter.api.Test;

/**
 * The module descriptor is what keeps anything that is not API out of users' reach. The tests run
 * on the class path, so these read the compiled module-info and resolve it as a module.
 */
class ModuleBoundaryTest {

  private static final String MODULE = "dev.bulwark.memory";
  private static final Set<String> API_PACKAGES = Set.of("dev.bulwark.memory");

  /** This module as built (target/classes or the jar) and its dependencies, one class of each. */
  private static final Class<?>[] MODULES = {
    BufferPool.class, DirectBuffer.class, MpmcArrayQueue.class
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
  void descriptor_packages_neitherOpenedNorMoreThanTheApi() {
    assertThat(descriptor().isOpen()).isFalse();
    assertThat(descriptor().opens()).isEmpty();
    assertThat(descriptor().packages()).isEqualTo(API_PACKAGES);
  }

  /**
   * Every module it requires is found: the descriptor names Agrona's and JCTools' real module
   * names.
   */
  @Test
  void descriptor_resolvedWithItsDependencies_resolves() {
    Configuration cf = ModuleDescriptors.resolve(MODULE, MODULES);
    assertThat(cf.findModule(MODULE).orElseThrow().reads())
        .extracting(m -> m.name())
        .contains("org.agrona", "org.jctools.core", "jdk.unsupported");
  }
}
