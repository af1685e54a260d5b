/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.testkit;

import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a library module's compiled descriptor. The tests run on the class path, so a module's
 * boundary (what it exports, opens and requires) is checked by finding its module-info where the
 * build put it (target/classes or the jar) and resolving it as a module.
 */
public final class ModuleDescriptors {

  private ModuleDescriptors() {}

  /**
   * Where {@code type} was loaded from: a folder or a jar.
   *
   * @throws IllegalStateException if that location is not a file path
   */
  public static Path location(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A finder over the locations the given classes were loaded from, one class of each module. */
  public static ModuleFinder finder(Class<?>... oneClassOfEach) {
    return ModuleFinder.of(
        Arrays.stream(oneClassOfEach).map(ModuleDescriptors::location).toArray(Path[]::new));
  }

  /**
   * The descriptor of module {@code name}, found where the given classes were loaded from.
   *
   * @throws java.util.NoSuchElementException if none of those locations holds that module
   */
  public static ModuleDescriptor descriptor(String name, Class<?>... oneClassOfEach) {
    return finder(oneClassOfEach).find(name).orElseThrow().descriptor();
  }

  /** The packages {@code descriptor} exports to every module (unqualified exports). */
  public static Set<String> exportedToEveryone(ModuleDescriptor descriptor) {
    return descriptor.exports().stream()
        .filter(e -> !e.isQualified())
        .map(ModuleDescriptor.Exports::source)
        .collect(Collectors.toSet());
  }

  /**
   * Module {@code name} resolved against the given classes' locations and then the JDK's runtime
   * image. JDK modules that a class-path JVM leaves out of its boot layer come from the runtime
   * image, as at a module-path launch.
   *
   * @throws java.lang.module.FindException if a module it requires is not found
   * @throws java.lang.module.ResolutionException if the modules do not resolve
   */
  public static Configuration resolve(String name, Class<?>... oneClassOfEach) {
    return ModuleLayer.boot()
        .configuration()
        .resolve(finder(oneClassOfEach), ModuleFinder.ofSystem(), Set.of(name));
  }
}
