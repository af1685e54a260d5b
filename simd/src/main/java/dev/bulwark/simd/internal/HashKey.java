package dev.bulwark.simd.internal;

import java.security.SecureRandom;
import java.util.Random;

/**
 * The secret of the keyed hash: immutable and thread-safe once built.
 *
 * <p>The hash runs {@value #LANES} independent 64-bit lanes over the input's 8-byte words (see
 * {@link ScalarHash} for the definition). Each lane has its own starting accumulator, its own
 * key word and its own odd step that advances the key word from one 64-byte stripe to the next,
 * so that moving a word to another lane or another stripe changes the hash. The arrays are
 * exposed as fields for the kernels' inner loops; nothing may write to them.
 */
public final class HashKey {

    /** Number of independent lanes; one 64-byte stripe feeds one 8-byte word to each lane. */
    public static final int LANES = 8;

    /** Bytes consumed per stripe: one little-endian word per lane. */
    public static final int STRIPE_BYTES = LANES * Long.BYTES;

    /** Mixed with the input length before the lanes are folded. Never written. */
    public final long seed;
    /** Initial accumulator of each lane. Never written. */
    public final long[] init = new long[LANES];
    /** Key word of each lane for stripe 0. Never written. */
    public final long[] lane = new long[LANES];
    /** Odd per-lane step added to the key word after each stripe. Never written. */
    public final long[] step = new long[LANES];

    private HashKey(Random random) {
        seed = random.nextLong();
        for (int i = 0; i < LANES; i++) {
            init[i] = random.nextLong();
            lane[i] = random.nextLong();
            step[i] = random.nextLong() | 1L;
        }
    }

    /** Draws a fresh key from a {@link SecureRandom}; this is the per-process key. */
    public static HashKey random() {
        return new HashKey(new SecureRandom());
    }

    /**
     * Derives a key from the given source of randomness. Tests use a seeded {@link Random} so
     * that their statistics are reproducible; production code uses {@link #random()}.
     */
    public static HashKey from(Random random) {
        return new HashKey(random);
    }

    @Override
    public String toString() {
        return "HashKey[<masked>]";
    }
}
