package dev.bulwark.simd;

import dev.bulwark.simd.internal.HashKey;
import dev.bulwark.simd.internal.KernelsProvider;
import java.nio.ByteBuffer;
import java.util.Objects;
import org.agrona.DirectBuffer;

/**
 * A keyed 64-bit hash of byte ranges for hash tables that hold attacker-chosen keys (tokens);
 * stateless and thread-safe.
 *
 * <p>The key is drawn from {@link java.security.SecureRandom} once per process, so hashes differ
 * between processes and must never be stored or sent anywhere. The hash spreads well (every input
 * bit changes each output bit with probability close to one half) but it is not a MAC nor a
 * cryptographic digest: a match on the hash alone proves nothing, so confirm every candidate with
 * {@link ConstantTime}. The same bytes give the same hash whether they sit in an array, a heap or
 * direct {@code ByteBuffer} or an Agrona buffer, and whichever kernels run.
 */
public final class KeyedHash {

    private KeyedHash() {
    }

    /**
     * Hashes {@code a[off, off + len)}.
     *
     * @throws IndexOutOfBoundsException if the range is not inside the array
     */
    public static long hash(byte[] a, int off, int len) {
        Objects.checkFromIndexSize(off, len, a.length);
        return KernelsProvider.get().hash(Key.KEY, a, off, len);
    }

    /** Hashes the whole array. */
    public static long hash(byte[] a) {
        return KernelsProvider.get().hash(Key.KEY, a, 0, a.length);
    }

    /**
     * Hashes {@code len} bytes of {@code buffer} from the absolute {@code index}, ignoring and not
     * changing its position.
     *
     * @throws IndexOutOfBoundsException if the range is not below the buffer's limit
     */
    public static long hash(ByteBuffer buffer, int index, int len) {
        Objects.checkFromIndexSize(index, len, buffer.limit());
        return KernelsProvider.get().hash(Key.KEY, buffer, index, len);
    }

    /**
     * Hashes {@code len} bytes of {@code buffer} from {@code index}.
     *
     * @throws IndexOutOfBoundsException if the range is not inside the buffer's capacity
     */
    public static long hash(DirectBuffer buffer, int index, int len) {
        Objects.checkFromIndexSize(index, len, buffer.capacity());
        return KernelsProvider.get().hash(Key.KEY, buffer, index, len);
    }

    /** Holds the per-process key; drawn at first use, never logged (its toString is masked). */
    private static final class Key {
        static final HashKey KEY = HashKey.random();
    }
}
