/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.simd.internal;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import java.lang.management.ManagementFactory;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * Chooses the kernels once per process; thread-safe (the choice is made in a class-holder
 * initialiser).
 *
 * <p>Design, after Lucene's {@code VectorizationProvider}: the scalar kernels are the default. The
 * Vector API kernels are loaded by name, and only when the {@code jdk.incubator.vector} module is
 * in the boot layer (the JVM was started with {@code --add-modules jdk.incubator.vector}), C2 is
 * the JIT (the Vector API is intrinsified only by C2; interpreted or C1-only it is many times
 * slower than scalar code), and the platform is little-endian (the lanes read words in native
 * order). Nothing here or in any static initializer outside the panama package refers to an
 * incubator type, so the library loads on any JDK 17+ with or without the module. One log line at
 * DEBUG level, written once when the choice is made, names the kernels that run and, for the scalar
 * ones, why and how to get the vector ones.
 */
public final class KernelsProvider {

  private static final System.Logger LOG = System.getLogger("dev.bulwark.simd");

  private static final String VECTOR_MODULE = "jdk.incubator.vector";
  private static final String PANAMA_KERNELS = "dev.bulwark.simd.internal.panama.PanamaKernels";

  private KernelsProvider() {}

  /** The kernels this process uses. */
  public static Kernels get() {
    return Holder.INSTANCE;
  }

  /**
   * Loads a fresh instance of the Vector API kernels if this JVM can run them, for tests and
   * benchmarks that compare both paths; empty otherwise. Does not log.
   */
  public static Optional<Kernels> vectorKernels() {
    if (refusal() != null) {
      return Optional.empty();
    }
    try {
      return Optional.of(instantiate());
    } catch (UnsupportedOperationException e) {
      return Optional.empty();
    }
  }

  private static Kernels lookup() {
    String refusal = refusal();
    if (refusal == null) {
      try {
        Kernels kernels = instantiate();
        // DEBUG: the choice is no news to most services, and the scalar kernels are a
        // correct default rather than a fault; an INFO line on every start was noise.
        LOG.log(
            System.Logger.Level.DEBUG,
            "Bulwark simd: using the Vector API kernels ({0})",
            kernels.name());
        return kernels;
      } catch (UnsupportedOperationException e) {
        refusal = e.getMessage();
      }
    }
    LOG.log(
        System.Logger.Level.DEBUG, "Bulwark simd: using the scalar kernels because {0}", refusal);
    return ScalarKernels.INSTANCE;
  }

  /**
   * Why the vector kernels cannot be used here, with the fix where there is one; null if they can.
   */
  static String refusal() {
    Optional<Module> vector = ModuleLayer.boot().findModule(VECTOR_MODULE);
    if (vector.isEmpty()) {
      return "the module "
          + VECTOR_MODULE
          + " is not readable; start the JVM with"
          + " --add-modules "
          + VECTOR_MODULE
          + " to use the Vector API kernels";
    }
    if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
      return "the platform is big-endian";
    }
    String c2 = c2Refusal();
    if (c2 != null) {
      return c2;
    }
    // An automatic or named module must read the incubator module before linking against it.
    KernelsProvider.class.getModule().addReads(vector.get());
    return null;
  }

  private static String c2Refusal() {
    String info = System.getProperty("java.vm.info", "");
    if (info.contains("interpreted mode")) {
      return "the JVM runs interpreted (-Xint); the Vector API needs the C2 compiler";
    }
    if (info.contains("emulated-client")) {
      return "the JVM runs as an emulated client VM; the Vector API needs the C2 compiler";
    }
    try {
      HotSpotDiagnosticMXBean hotspot =
          ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
      if (hotspot == null) {
        return "this is not a HotSpot JVM; the Vector API kernels need HotSpot's C2 compiler";
      }
      if (flag(hotspot, "UseJVMCICompiler")) {
        return "the JIT is a JVMCI compiler; the Vector API kernels need HotSpot's C2 compiler";
      }
      VMOption level = hotspot.getVMOption("TieredStopAtLevel");
      if (flag(hotspot, "TieredCompilation") && Integer.parseInt(level.getValue()) < 4) {
        return "C2 is disabled (-XX:TieredStopAtLevel="
            + level.getValue()
            + "); the Vector API needs the C2 compiler";
      }
      return null;
    } catch (RuntimeException | LinkageError e) {
      // jdk.management missing (a jlinked runtime) or an option unknown to this VM.
      return "whether C2 is enabled cannot be determined (" + e.getClass().getSimpleName() + ")";
    }
  }

  /** A boolean VM flag; false when this VM build does not have it (e.g. no JVMCI). */
  private static boolean flag(HotSpotDiagnosticMXBean hotspot, String name) {
    try {
      return Boolean.parseBoolean(hotspot.getVMOption(name).getValue());
    } catch (IllegalArgumentException unknownOption) {
      return false;
    }
  }

  private static Kernels instantiate() {
    try {
      Class<?> type = Class.forName(PANAMA_KERNELS);
      return (Kernels) type.getConstructor().newInstance();
    } catch (java.lang.reflect.InvocationTargetException e) {
      if (e.getCause() instanceof UnsupportedOperationException) {
        throw (UnsupportedOperationException) e.getCause();
      }
      throw new LinkageError(PANAMA_KERNELS + " failed to initialise", e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new LinkageError(PANAMA_KERNELS + " is missing from the bulwark-simd jar", e);
    }
  }

  /** Defers the choice to first use and makes it exactly once. */
  private static final class Holder {
    static final Kernels INSTANCE = lookup();
  }
}
