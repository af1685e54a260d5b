package dev.bulwark.simd.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.agrona.DirectBuffer;

/**
 * The definition of Bulwark's keyed 64-bit hash, written as plain Java; stateless and
 * thread-safe.
 *
 * <p>Design. The hash is defined lane-parallel so that a vector unit can compute it exactly:
 * the input is cut into 64-byte stripes, and word {@code i} (little-endian, 8 bytes) of stripe
 * {@code j} goes to lane {@code i}:
 * <pre>
 *   k    = key.lane[i] + j * key.step[i]
 *   x    = w ^ k
 *   acc[i] += w + (x &amp; 0xFFFFFFFF) * (x &gt;&gt;&gt; 32)
 * </pre>
 * The last, partial stripe (0 to 63 bytes) is the same step on as many words as it has, the last
 * word padded with zero bytes; the length is mixed into the fold, so padding is not ambiguous.
 * The eight accumulators are then folded in lane order, each through a 64-bit finaliser
 * (Stafford's Mix13), and the result is finalised once more. The 32x32-bit product is what XXH3 uses: it
 * is cheap in every SIMD instruction set, and adding {@code w} as well keeps the word's bits when
 * one half of {@code x} happens to be zero. The per-stripe key makes stripes order-sensitive.
 *
 * <p>The vector kernels compute the same lanes with the same wrapping arithmetic, then call
 * {@link #tailAndFold} here for the tail and the fold, so both paths give bit-identical results.
 *
 * <p>This is a hash for hash tables under attacker-chosen input (the key is secret and random per
 * process), not a MAC and not a cryptographic digest: equality must always be confirmed on the
 * full bytes.
 */
public final class ScalarHash {

    private static final VarHandle LONGS_LE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle BUFFER_LONGS_LE =
            MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private static final long FOLD_MUL = 0x9E3779B97F4A7C15L;
    private static final long LEN_MUL = 0xC2B2AE3D27D4EB4FL;

    private ScalarHash() {
    }

    /** The per-word lane step: {@code w + lo32(w ^ k) * hi32(w ^ k)}. */
    static long mix(long w, long k) {
        long x = w ^ k;
        return w + (x & 0xFFFFFFFFL) * (x >>> 32);
    }

    /**
     * David Stafford's "Mix13" variant of the murmur3 64-bit finaliser (the one SplitMix64 uses): a
     * bijection with better avalanche than murmur3's own constants on low-entropy input.
     */
    static long fmix64(long h) {
        h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
        h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
        return h ^ (h >>> 31);
    }

    /** Hashes {@code len} bytes of {@code a} from {@code off}; bounds are the caller's. */
    public static long hash(HashKey key, byte[] a, int off, int len) {
        long a0 = key.init[0], a1 = key.init[1], a2 = key.init[2], a3 = key.init[3];
        long a4 = key.init[4], a5 = key.init[5], a6 = key.init[6], a7 = key.init[7];
        long k0 = key.lane[0], k1 = key.lane[1], k2 = key.lane[2], k3 = key.lane[3];
        long k4 = key.lane[4], k5 = key.lane[5], k6 = key.lane[6], k7 = key.lane[7];
        final long[] s = key.step;
        int p = off;
        final int stripesEnd = off + (len & ~(HashKey.STRIPE_BYTES - 1));
        for (; p < stripesEnd; p += HashKey.STRIPE_BYTES) {
            a0 += mix((long) LONGS_LE.get(a, p), k0);
            a1 += mix((long) LONGS_LE.get(a, p + 8), k1);
            a2 += mix((long) LONGS_LE.get(a, p + 16), k2);
            a3 += mix((long) LONGS_LE.get(a, p + 24), k3);
            a4 += mix((long) LONGS_LE.get(a, p + 32), k4);
            a5 += mix((long) LONGS_LE.get(a, p + 40), k5);
            a6 += mix((long) LONGS_LE.get(a, p + 48), k6);
            a7 += mix((long) LONGS_LE.get(a, p + 56), k7);
            k0 += s[0];
            k1 += s[1];
            k2 += s[2];
            k3 += s[3];
            k4 += s[4];
            k5 += s[5];
            k6 += s[6];
            k7 += s[7];
        }
        return tailAndFold(key, a, p, off + len, len, a0, a1, a2, a3, a4, a5, a6, a7);
    }

    /**
     * Feeds the last, partial stripe {@code a[p, end)} (0 to 63 bytes) to the lanes and folds them.
     * {@code len} is the total input length, which fixes the stripe index, hence the key words, of
     * the tail. The vector kernels call this after their stripe loop.
     */
    public static long tailAndFold(HashKey key, byte[] a, int p, int end, int len,
                                   long a0, long a1, long a2, long a3,
                                   long a4, long a5, long a6, long a7) {
        final long j = len >>> 6;
        final long[] l = key.lane;
        final long[] s = key.step;
        if (p < end) {
            a0 += mix(word(a, p, end), l[0] + j * s[0]);
            p += 8;
            if (p < end) {
                a1 += mix(word(a, p, end), l[1] + j * s[1]);
                p += 8;
                if (p < end) {
                    a2 += mix(word(a, p, end), l[2] + j * s[2]);
                    p += 8;
                    if (p < end) {
                        a3 += mix(word(a, p, end), l[3] + j * s[3]);
                        p += 8;
                        if (p < end) {
                            a4 += mix(word(a, p, end), l[4] + j * s[4]);
                            p += 8;
                            if (p < end) {
                                a5 += mix(word(a, p, end), l[5] + j * s[5]);
                                p += 8;
                                if (p < end) {
                                    a6 += mix(word(a, p, end), l[6] + j * s[6]);
                                    p += 8;
                                    if (p < end) {
                                        a7 += mix(word(a, p, end), l[7] + j * s[7]);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return fold(key, len, a0, a1, a2, a3, a4, a5, a6, a7);
    }

    /** The little-endian word at {@code p}, zero-padded when fewer than 8 bytes remain. */
    private static long word(byte[] a, int p, int end) {
        if (end - p >= 8) {
            return (long) LONGS_LE.get(a, p);
        }
        long w = 0;
        for (int shift = 0; p < end; p++, shift += 8) {
            w |= (a[p] & 0xFFL) << shift;
        }
        return w;
    }

    private static long word(ByteBuffer b, int p, int end) {
        if (end - p >= 8) {
            return (long) BUFFER_LONGS_LE.get(b, p);
        }
        long w = 0;
        for (int shift = 0; p < end; p++, shift += 8) {
            w |= (b.get(p) & 0xFFL) << shift;
        }
        return w;
    }

    private static long word(DirectBuffer b, int p, int end) {
        if (end - p >= 8) {
            return b.getLong(p, ByteOrder.LITTLE_ENDIAN);
        }
        long w = 0;
        for (int shift = 0; p < end; p++, shift += 8) {
            w |= (b.getByte(p) & 0xFFL) << shift;
        }
        return w;
    }

    /** Hashes {@code len} bytes of {@code b} from absolute {@code index}; bounds are the caller's. */
    public static long hash(HashKey key, ByteBuffer b, int index, int len) {
        long a0 = key.init[0], a1 = key.init[1], a2 = key.init[2], a3 = key.init[3];
        long a4 = key.init[4], a5 = key.init[5], a6 = key.init[6], a7 = key.init[7];
        long k0 = key.lane[0], k1 = key.lane[1], k2 = key.lane[2], k3 = key.lane[3];
        long k4 = key.lane[4], k5 = key.lane[5], k6 = key.lane[6], k7 = key.lane[7];
        final long[] s = key.step;
        int p = index;
        final int stripesEnd = index + (len & ~(HashKey.STRIPE_BYTES - 1));
        for (; p < stripesEnd; p += HashKey.STRIPE_BYTES) {
            a0 += mix((long) BUFFER_LONGS_LE.get(b, p), k0);
            a1 += mix((long) BUFFER_LONGS_LE.get(b, p + 8), k1);
            a2 += mix((long) BUFFER_LONGS_LE.get(b, p + 16), k2);
            a3 += mix((long) BUFFER_LONGS_LE.get(b, p + 24), k3);
            a4 += mix((long) BUFFER_LONGS_LE.get(b, p + 32), k4);
            a5 += mix((long) BUFFER_LONGS_LE.get(b, p + 40), k5);
            a6 += mix((long) BUFFER_LONGS_LE.get(b, p + 48), k6);
            a7 += mix((long) BUFFER_LONGS_LE.get(b, p + 56), k7);
            k0 += s[0];
            k1 += s[1];
            k2 += s[2];
            k3 += s[3];
            k4 += s[4];
            k5 += s[5];
            k6 += s[6];
            k7 += s[7];
        }
        final int end = index + len;
        if (p < end) {
            a0 += mix(word(b, p, end), k0);
            p += 8;
            if (p < end) {
                a1 += mix(word(b, p, end), k1);
                p += 8;
                if (p < end) {
                    a2 += mix(word(b, p, end), k2);
                    p += 8;
                    if (p < end) {
                        a3 += mix(word(b, p, end), k3);
                        p += 8;
                        if (p < end) {
                            a4 += mix(word(b, p, end), k4);
                            p += 8;
                            if (p < end) {
                                a5 += mix(word(b, p, end), k5);
                                p += 8;
                                if (p < end) {
                                    a6 += mix(word(b, p, end), k6);
                                    p += 8;
                                    if (p < end) {
                                        a7 += mix(word(b, p, end), k7);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return fold(key, len, a0, a1, a2, a3, a4, a5, a6, a7);
    }

    /** Hashes {@code len} bytes of {@code b} from {@code index}; bounds are checked by Agrona. */
    public static long hash(HashKey key, DirectBuffer b, int index, int len) {
        long a0 = key.init[0], a1 = key.init[1], a2 = key.init[2], a3 = key.init[3];
        long a4 = key.init[4], a5 = key.init[5], a6 = key.init[6], a7 = key.init[7];
        long k0 = key.lane[0], k1 = key.lane[1], k2 = key.lane[2], k3 = key.lane[3];
        long k4 = key.lane[4], k5 = key.lane[5], k6 = key.lane[6], k7 = key.lane[7];
        final long[] s = key.step;
        final ByteOrder le = ByteOrder.LITTLE_ENDIAN;
        int p = index;
        final int stripesEnd = index + (len & ~(HashKey.STRIPE_BYTES - 1));
        for (; p < stripesEnd; p += HashKey.STRIPE_BYTES) {
            a0 += mix(b.getLong(p, le), k0);
            a1 += mix(b.getLong(p + 8, le), k1);
            a2 += mix(b.getLong(p + 16, le), k2);
            a3 += mix(b.getLong(p + 24, le), k3);
            a4 += mix(b.getLong(p + 32, le), k4);
            a5 += mix(b.getLong(p + 40, le), k5);
            a6 += mix(b.getLong(p + 48, le), k6);
            a7 += mix(b.getLong(p + 56, le), k7);
            k0 += s[0];
            k1 += s[1];
            k2 += s[2];
            k3 += s[3];
            k4 += s[4];
            k5 += s[5];
            k6 += s[6];
            k7 += s[7];
        }
        final int end = index + len;
        if (p < end) {
            a0 += mix(word(b, p, end), k0);
            p += 8;
            if (p < end) {
                a1 += mix(word(b, p, end), k1);
                p += 8;
                if (p < end) {
                    a2 += mix(word(b, p, end), k2);
                    p += 8;
                    if (p < end) {
                        a3 += mix(word(b, p, end), k3);
                        p += 8;
                        if (p < end) {
                            a4 += mix(word(b, p, end), k4);
                            p += 8;
                            if (p < end) {
                                a5 += mix(word(b, p, end), k5);
                                p += 8;
                                if (p < end) {
                                    a6 += mix(word(b, p, end), k6);
                                    p += 8;
                                    if (p < end) {
                                        a7 += mix(word(b, p, end), k7);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return fold(key, len, a0, a1, a2, a3, a4, a5, a6, a7);
    }

    /** Folds the lanes in order, with the length, and finalises. */
    static long fold(HashKey key, int len,
                     long a0, long a1, long a2, long a3, long a4, long a5, long a6, long a7) {
        long h = key.seed ^ ((len & 0xFFFFFFFFL) * LEN_MUL);
        h = Long.rotateLeft((h ^ fmix64(a0)) * FOLD_MUL, 29);
        h = Long.rotateLeft((h ^ fmix64(a1)) * FOLD_MUL, 29);
        h = Long.rotateLeft((h ^ fmix64(a2)) * FOLD_MUL, 29);
        h = Long.rotateLeft((h ^ fmix64(a3)) * FOLD_MUL, 29);
        h = Long.rotateLeft((h ^ fmix64(a4)) * FOLD_MUL, 29);
        h = Long.rotateLeft((h ^ fmix64(a5)) * FOLD_MUL, 29);
        h = Long.rotateLeft((h ^ fmix64(a6)) * FOLD_MUL, 29);
        h = Long.rotateLeft((h ^ fmix64(a7)) * FOLD_MUL, 29);
        return fmix64(h);
    }
}
