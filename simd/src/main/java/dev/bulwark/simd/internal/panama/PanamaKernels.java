package dev.bulwark.simd.internal.panama;

import dev.bulwark.simd.internal.HashKey;
import dev.bulwark.simd.internal.ScalarBase64;
import dev.bulwark.simd.internal.ScalarHash;
import dev.bulwark.simd.internal.ScalarKernels;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API kernels: stateless and thread-safe; loaded by name by {@code KernelsProvider}
 * only when {@code jdk.incubator.vector} is readable and C2 is on. Only this package may refer to
 * the incubator API.
 *
 * <p>Each kernel computes exactly what its scalar twin defines and hands the leftover tail to
 * the scalar code: the hash runs the eight lanes of {@link ScalarHash} as one 512-bit or two
 * 256-bit vectors of longs and then calls {@link ScalarHash#tailAndFold}; the comparison
 * OR-accumulates XORs of 32-byte blocks; base64url decoding maps and checks 32 characters at a
 * time and packs them into 24 bytes with one shuffle.
 *
 * <p>Only API that is identical in JDK 17 and JDK 25 is used (array loads and stores,
 * reinterpretation, lanewise operations, compares, blends, rearranges, reductions): the class is
 * compiled once against whichever JDK runs the build and must link on both.
 */
public final class PanamaKernels extends ScalarKernels {

    private static final VectorSpecies<Byte> B256 = ByteVector.SPECIES_256;
    private static final VectorSpecies<Long> L256 = LongVector.SPECIES_256;
    private static final VectorSpecies<Byte> B512 = ByteVector.SPECIES_512;
    private static final VectorSpecies<Long> L512 = LongVector.SPECIES_512;

    /** Whether one vector holds all eight hash lanes (AVX-512 and the like). */
    private static final boolean WIDE = LongVector.SPECIES_PREFERRED.vectorBitSize() >= 512;

    /** Gathers the three meaningful bytes of each packed 32-bit group, in output order. */
    private static final VectorShuffle<Byte> PACK_24_OF_32;

    static {
        int[] order = new int[32];
        for (int k = 0; k < 8; k++) {
            order[3 * k] = 4 * k + 2;
            order[3 * k + 1] = 4 * k + 1;
            order[3 * k + 2] = 4 * k;
        }
        PACK_24_OF_32 = VectorShuffle.fromArray(B256, order, 0);
    }

    private final String name;

    /**
     * Creates the kernels.
     *
     * @throws UnsupportedOperationException if the CPU's vectors are narrower than 256 bits, where
     *     these kernels would be slower than the scalar ones
     */
    public PanamaKernels() {
        int bits = ByteVector.SPECIES_PREFERRED.vectorBitSize();
        if (bits < 256) {
            throw new UnsupportedOperationException(
                    "the CPU's preferred vector size is " + bits + " bits; the Vector API kernels need 256");
        }
        name = "panama, " + bits + "-bit";
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long hash(HashKey key, byte[] a, int off, int len) {
        return WIDE ? hash512(key, a, off, len) : hash256(key, a, off, len);
    }

    private static long hash512(HashKey key, byte[] a, int off, int len) {
        // Two stripes per iteration into two accumulators, summed at the end: lane addition is
        // modulo 2^64, so the order of the terms does not change the result, and the two chains
        // overlap in the pipeline.
        LongVector accA = LongVector.fromArray(L512, key.init, 0);
        LongVector accB = LongVector.zero(L512);
        LongVector step = LongVector.fromArray(L512, key.step, 0);
        LongVector kA = LongVector.fromArray(L512, key.lane, 0);
        LongVector kB = kA.add(step);
        LongVector step2 = step.add(step);
        int p = off;
        final int stripesEnd = off + (len & ~(HashKey.STRIPE_BYTES - 1));
        for (; p + 2 * HashKey.STRIPE_BYTES <= stripesEnd; p += 2 * HashKey.STRIPE_BYTES) {
            LongVector wA = ByteVector.fromArray(B512, a, p).reinterpretAsLongs();
            LongVector wB = ByteVector.fromArray(B512, a, p + HashKey.STRIPE_BYTES).reinterpretAsLongs();
            LongVector xA = wA.lanewise(VectorOperators.XOR, kA);
            LongVector xB = wB.lanewise(VectorOperators.XOR, kB);
            accA = accA.add(wA.add(xA.and(0xFFFFFFFFL).mul(xA.lanewise(VectorOperators.LSHR, 32))));
            accB = accB.add(wB.add(xB.and(0xFFFFFFFFL).mul(xB.lanewise(VectorOperators.LSHR, 32))));
            kA = kA.add(step2);
            kB = kB.add(step2);
        }
        if (p < stripesEnd) {
            LongVector w = ByteVector.fromArray(B512, a, p).reinterpretAsLongs();
            LongVector x = w.lanewise(VectorOperators.XOR, kA);
            accA = accA.add(w.add(x.and(0xFFFFFFFFL).mul(x.lanewise(VectorOperators.LSHR, 32))));
            p += HashKey.STRIPE_BYTES;
        }
        LongVector acc = accA.add(accB);
        return ScalarHash.tailAndFold(key, a, p, off + len, len,
                acc.lane(0), acc.lane(1), acc.lane(2), acc.lane(3),
                acc.lane(4), acc.lane(5), acc.lane(6), acc.lane(7));
    }

    private static long hash256(HashKey key, byte[] a, int off, int len) {
        LongVector acc0 = LongVector.fromArray(L256, key.init, 0);
        LongVector acc1 = LongVector.fromArray(L256, key.init, 4);
        LongVector k0 = LongVector.fromArray(L256, key.lane, 0);
        LongVector k1 = LongVector.fromArray(L256, key.lane, 4);
        LongVector step0 = LongVector.fromArray(L256, key.step, 0);
        LongVector step1 = LongVector.fromArray(L256, key.step, 4);
        int p = off;
        final int stripesEnd = off + (len & ~(HashKey.STRIPE_BYTES - 1));
        for (; p < stripesEnd; p += HashKey.STRIPE_BYTES) {
            LongVector w0 = ByteVector.fromArray(B256, a, p).reinterpretAsLongs();
            LongVector w1 = ByteVector.fromArray(B256, a, p + 32).reinterpretAsLongs();
            LongVector x0 = w0.lanewise(VectorOperators.XOR, k0);
            LongVector x1 = w1.lanewise(VectorOperators.XOR, k1);
            acc0 = acc0.add(w0.add(x0.and(0xFFFFFFFFL).mul(x0.lanewise(VectorOperators.LSHR, 32))));
            acc1 = acc1.add(w1.add(x1.and(0xFFFFFFFFL).mul(x1.lanewise(VectorOperators.LSHR, 32))));
            k0 = k0.add(step0);
            k1 = k1.add(step1);
        }
        return ScalarHash.tailAndFold(key, a, p, off + len, len,
                acc0.lane(0), acc0.lane(1), acc0.lane(2), acc0.lane(3),
                acc1.lane(0), acc1.lane(1), acc1.lane(2), acc1.lane(3));
    }

    @Override
    public boolean equal(byte[] a, int aOff, byte[] b, int bOff, int len) {
        ByteVector diff = ByteVector.zero(B256);
        int i = 0;
        final int blocksEnd = len & ~31;
        for (; i < blocksEnd; i += 32) {
            ByteVector x = ByteVector.fromArray(B256, a, aOff + i);
            ByteVector y = ByteVector.fromArray(B256, b, bOff + i);
            diff = diff.or(x.lanewise(VectorOperators.XOR, y));
        }
        long folded = diff.reinterpretAsLongs().reduceLanes(VectorOperators.OR);
        return equalScalar(a, aOff, b, bOff, i, len, folded);
    }

    @Override
    public int decodeBase64Url(byte[] src, int off, int len, byte[] dst, int dstOff) {
        if ((len & 3) == 1) {
            return ScalarBase64.MALFORMED;
        }
        int i = off;
        int dp = dstOff;
        final int quadsEnd = off + (len & ~3);
        // NOTE: each block stores 32 bytes of which 24 are meant; the next block or the scalar tail
        // overwrites the other 8, so blocks run only while the output range itself has 32 bytes
        // left: nothing outside [dstOff, dstOff + decodedLength) is ever written.
        final int outEnd = dstOff + ScalarBase64.decodedLength(len);
        while (i + 32 <= quadsEnd && dp + 32 <= outEnd) {
            ByteVector in = ByteVector.fromArray(B256, src, i);
            VectorMask<Byte> upper = in.compare(VectorOperators.GE, (byte) 'A').and(in.compare(VectorOperators.LE, (byte) 'Z'));
            VectorMask<Byte> lower = in.compare(VectorOperators.GE, (byte) 'a').and(in.compare(VectorOperators.LE, (byte) 'z'));
            VectorMask<Byte> digit = in.compare(VectorOperators.GE, (byte) '0').and(in.compare(VectorOperators.LE, (byte) '9'));
            VectorMask<Byte> dash = in.compare(VectorOperators.EQ, (byte) '-');
            VectorMask<Byte> underscore = in.compare(VectorOperators.EQ, (byte) '_');
            if (!upper.or(lower).or(digit).or(dash).or(underscore).allTrue()) {
                return ScalarBase64.MALFORMED;
            }
            ByteVector shift = ByteVector.zero(B256)
                    .blend((byte) -'A', upper)
                    .blend((byte) (26 - 'a'), lower)
                    .blend((byte) (52 - '0'), digit)
                    .blend((byte) (62 - '-'), dash)
                    .blend((byte) (63 - '_'), underscore);
            IntVector quads = in.add(shift).reinterpretAsInts();
            // Each int holds sextets a, b, c, d in its bytes 0..3; build a<<18 | b<<12 | c<<6 | d.
            IntVector bits = quads.lanewise(VectorOperators.LSHL, 18).and(0xFC0000)
                    .or(quads.lanewise(VectorOperators.LSHL, 4).and(0x3F000))
                    .or(quads.lanewise(VectorOperators.LSHR, 10).and(0xFC0))
                    .or(quads.lanewise(VectorOperators.LSHR, 24));
            bits.reinterpretAsBytes().rearrange(PACK_24_OF_32).intoArray(dst, dp);
            i += 32;
            dp += 24;
        }
        int end = ScalarBase64.decode(src, i, off + len, dst, dp);
        return end < 0 ? ScalarBase64.MALFORMED : end - dstOff;
    }
}
