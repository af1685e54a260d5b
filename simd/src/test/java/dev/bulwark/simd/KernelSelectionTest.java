package dev.bulwark.simd;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KernelSelectionTest {

    /**
     * The build tells the tests which kernels must be active (bulwark.test.expectedSimd: "scalar"
     * by default, "panama" under -Pvector), so a JVM flag that silently stops reaching the tests
     * fails the build instead of quietly testing the scalar path twice.
     */
    @Test
    void activeKernels_expectationFromBuild_matches() {
        String expected = System.getProperty("bulwark.test.expectedSimd");
        boolean moduleReadable = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        if (expected == null || expected.isEmpty()) {
            expected = moduleReadable ? "panama" : "scalar";
        }
        assertThat(Vectorization.implementation()).startsWith(expected);
        assertThat(Vectorization.isVectorized()).isEqualTo(expected.equals("panama"));
    }
}
