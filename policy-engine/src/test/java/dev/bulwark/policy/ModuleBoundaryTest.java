/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.testkit.ModuleDescriptors;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The module descriptor is what keeps the parsers, the evaluator and the value model ({@code
 * dev.bulwark.policy.internal}) out of users' reach. The tests run on the class path, so these read
 * the compiled module-info and resolve it as a module.
 */
class ModuleBoundaryTest {

  private static final String MODULE = "dev.bulwark.policy";
  private static final Set<String> API_PACKAGES = Set.of("dev.bulwark.policy");

  /** This module as built: target/classes or the jar, wherever the tests have it. */
  private static final Class<?>[] MODULES = {PolicyEngine.class};

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
        .contains("dev.bulwark.policy.internal.eval", "dev.bulwark.policy.internal.parse");
    assertThat(descriptor().isOpen()).isFalse();
    assertThat(descriptor().opens()).isEmpty();
  }

  /**
   * The engine needs nothing beyond the JDK: java.base, and jdk.jfr for its Flight Recorder event
   * (in every JDK image).
   */
  @Test
  void descriptor_resolved_readsOnlyJavaBaseAndJfr() {
    Configuration cf = ModuleDescriptors.resolve(MODULE, MODULES);
    assertThat(cf.findModule(MODULE).orElseThrow().reads())
        .extracting(m -> m.name())
        .containsExactlyInAnyOrder("java.base", "jdk.jfr");
  }
}
