/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.simd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.testkit.ModuleDescriptors;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.util.Set;
import org.agrona.DirectBuffer;
import org.junit.jupiter.api.Test;

/**
 * The module descriptor is what keeps the kernels out of users' reach: only the API package is
 * exported. The tests run on the class path, so these read the compiled module-info and resolve and
 * run the module in a layer of its own.
 */
class ModuleBoundaryTest {

  private static final String MODULE = "dev.bulwark.simd";
  private static final Set<String> API_PACKAGES = Set.of("dev.bulwark.simd");

  /** This module as built (target/classes or the jar) and its dependencies, one class of each. */
  private static final Class<?>[] MODULES = {Vectorization.class, DirectBuffer.class};

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
        .contains("dev.bulwark.simd.internal", "dev.bulwark.simd.internal.panama");
    assertThat(descriptor().isOpen()).isFalse();
    assertThat(descriptor().opens()).isEmpty();
  }

  /**
   * Run as a named module, simd chooses the kernels it chooses on the class path (vector ones under
   * -Pvector).
   */
  @Test
  void namedModule_inItsOwnLayer_choosesTheSameKernels() throws Exception {
    ModuleLayer boot = ModuleLayer.boot();
    Configuration cf =
        boot.configuration()
            .resolve(ModuleDescriptors.finder(MODULES), ModuleFinder.of(), Set.of(MODULE));
    ModuleLayer layer = boot.defineModulesWithOneLoader(cf, ClassLoader.getPlatformClassLoader());
    Class<?> vectorization = layer.findLoader(MODULE).loadClass(Vectorization.class.getName());

    assertThat(vectorization.getModule().getName()).isEqualTo(MODULE);
    assertThat(vectorization.getMethod("implementation").invoke(null))
        .isEqualTo(Vectorization.implementation());
  }
}
