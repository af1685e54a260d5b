package dev.bulwark.simd.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.agrona.DirectBuffer;

/**
 * The kernels behind Bulwark's hashing, constant-time comparison and base64url decoding;
 * implementations are stateless and thread-safe.
 *
 * <p>Two implementations exist: {@link ScalarKernels}, always present and always correct, and a
 * Vector API one loaded by name by {@link KernelsProvider} when the platform allows. They differ
 * only in the {@code byte[]} methods; inputs that live on the heap (heap {@link ByteBuffer}s,
 * Agrona buffers over arrays) are routed there. Off-heap inputs always take the scalar code: the
 * Vector API has no way to load from native memory that is the same on JDK 17 and on JDK 25
 * ({@code fromByteBuffer} was replaced by {@code fromMemorySegment} in JDK 20).
 *
 * <p>Arguments are trusted: the public facades check bounds before they call in.
 */
public abstract class Kernels {

    /** Short name of the implementation, for the start-up log line and the tests. */
    public abstract String name();

    /** Keyed hash of {@code a[off, off + len)}, as defined in {@link ScalarHash}. */
    public abstract long hash(HashKey key, byte[] a, int off, int len);

    /** Whether the ranges hold the same bytes, reading every byte whatever the answer. */
    public abstract boolean equal(byte[] a, int aOff, byte[] b, int bOff, int len);

    /** Decodes strict base64url; returns the number of bytes written or {@link ScalarBase64#MALFORMED}. */
    public abstract int decodeBase64Url(byte[] src, int off, int len, byte[] dst, int dstOff);

    /** Keyed hash of {@code len} bytes of {@code b} from absolute {@code index}. */
    public final long hash(HashKey key, ByteBuffer b, int index, int len) {
        if (b.hasArray()) {
            return hash(key, b.array(), b.arrayOffset() + index, len);
        }
        return ScalarHash.hash(key, b, index, len);
    }

    /** Keyed hash of {@code len} bytes of {@code b} from {@code index}. */
    public final long hash(HashKey key, DirectBuffer b, int index, int len) {
        byte[] array = b.byteArray();
        if (array != null) {
            return hash(key, array, b.wrapAdjustment() + index, len);
        }
        return ScalarHash.hash(key, b, index, len);
    }

    /** Constant-time equality of two buffer ranges (absolute indexes). */
    public final boolean equal(ByteBuffer a, int aIndex, ByteBuffer b, int bIndex, int len) {
        if (a.hasArray() && b.hasArray()) {
            return equal(a.array(), a.arrayOffset() + aIndex, b.array(), b.arrayOffset() + bIndex, len);
        }
        ByteBuffer x = a.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer y = b.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        long diff = 0;
        int i = 0;
        for (; i + 8 <= len; i += 8) {
            diff |= x.getLong(aIndex + i) ^ y.getLong(bIndex + i);
        }
        for (; i < len; i++) {
            diff |= x.get(aIndex + i) ^ y.get(bIndex + i);
        }
        return diff == 0;
    }

    /** Constant-time equality of two Agrona buffer ranges. */
    public final boolean equal(DirectBuffer a, int aIndex, DirectBuffer b, int bIndex, int len) {
        byte[] aa = a.byteArray();
        byte[] ba = b.byteArray();
        if (aa != null && ba != null) {
            return equal(aa, arrayIndex(a, aIndex), ba, arrayIndex(b, bIndex), len);
        }
        long diff = 0;
        int i = 0;
        for (; i + 8 <= len; i += 8) {
            diff |= a.getLong(aIndex + i, ByteOrder.LITTLE_ENDIAN) ^ b.getLong(bIndex + i, ByteOrder.LITTLE_ENDIAN);
        }
        for (; i < len; i++) {
            diff |= a.getByte(aIndex + i) ^ b.getByte(bIndex + i);
        }
        return diff == 0;
    }

    /** Constant-time equality of an Agrona buffer range and an array range. */
    public final boolean equal(DirectBuffer a, int aIndex, byte[] b, int bOff, int len) {
        byte[] aa = a.byteArray();
        if (aa != null) {
            return equal(aa, arrayIndex(a, aIndex), b, bOff, len);
        }
        long diff = 0;
        int i = 0;
        for (; i + 8 <= len; i += 8) {
            diff |= a.getLong(aIndex + i, ByteOrder.LITTLE_ENDIAN) ^ ScalarKernels.longLE(b, bOff + i);
        }
        for (; i < len; i++) {
            diff |= a.getByte(aIndex + i) ^ b[bOff + i];
        }
        return diff == 0;
    }

    /** Strict base64url decoding of a buffer range (absolute indexes) into an array. */
    public final int decodeBase64Url(ByteBuffer src, int index, int len, byte[] dst, int dstOff) {
        if (src.hasArray()) {
            return decodeBase64Url(src.array(), src.arrayOffset() + index, len, dst, dstOff);
        }
        int end = ScalarBase64.decode(src, index, index + len, dst, dstOff);
        return end < 0 ? ScalarBase64.MALFORMED : end - dstOff;
    }

    /** Strict base64url decoding of an Agrona buffer range into an array. */
    public final int decodeBase64Url(DirectBuffer src, int index, int len, byte[] dst, int dstOff) {
        byte[] array = src.byteArray();
        if (array != null) {
            return decodeBase64Url(array, arrayIndex(src, index), len, dst, dstOff);
        }
        int end = ScalarBase64.decode(src, index, index + len, dst, dstOff);
        return end < 0 ? ScalarBase64.MALFORMED : end - dstOff;
    }

    private static int arrayIndex(DirectBuffer b, int index) {
        return b.wrapAdjustment() + index;
    }
}
