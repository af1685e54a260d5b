package dev.bulwark.simd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

class KeyedHashTest {

    @Test
    void hash_sameBytesInArrayHeapBufferDirectBufferAndAgrona_sameHash() {
        SplittableRandom random = new SplittableRandom(21);
        for (int len : KernelsUnderTest.ODD_LENGTHS) {
            byte[] bytes = new byte[len + 3];
            random.nextBytes(bytes);
            long expected = KeyedHash.hash(bytes, 3, len);

            ByteBuffer heap = ByteBuffer.wrap(bytes);
            ByteBuffer direct = ByteBuffer.allocateDirect(len + 3);
            direct.put(bytes).flip();
            ByteBuffer directBigEndianView = direct.duplicate().order(java.nio.ByteOrder.BIG_ENDIAN);
            UnsafeBuffer overArray = new UnsafeBuffer(bytes);
            UnsafeBuffer offHeap = new UnsafeBuffer(BufferUtil.allocateDirectAligned(Math.max(64, len + 3 + 61), 64));
            offHeap.putBytes(5, bytes, 0, len + 3);

            assertThat(KeyedHash.hash(heap, 3, len)).as("heap ByteBuffer, length %d", len).isEqualTo(expected);
            assertThat(KeyedHash.hash(direct, 3, len)).as("direct ByteBuffer, length %d", len).isEqualTo(expected);
            assertThat(KeyedHash.hash(directBigEndianView, 3, len)).as("big-endian view, length %d", len).isEqualTo(expected);
            assertThat(KeyedHash.hash(overArray, 3, len)).as("UnsafeBuffer over array, length %d", len).isEqualTo(expected);
            assertThat(KeyedHash.hash(offHeap, 8, len)).as("off-heap UnsafeBuffer, length %d", len).isEqualTo(expected);
        }
    }

    @Test
    void hash_bufferPositionAndLimit_positionIgnoredAndUnchanged() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(100);
        buffer.position(40);
        long before = KeyedHash.hash(buffer, 10, 50);
        assertThat(buffer.position()).isEqualTo(40);
        assertThat(KeyedHash.hash(new byte[100], 10, 50)).isEqualTo(before);
    }

    @Test
    void hash_rangeOutsideArray_throwsIndexOutOfBounds() {
        assertThatThrownBy(() -> KeyedHash.hash(new byte[10], 5, 6)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> KeyedHash.hash(ByteBuffer.allocate(10).limit(8), 0, 9))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> KeyedHash.hash(new UnsafeBuffer(new byte[10]), -1, 2))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void hash_trailingZeroByteAppended_differs() {
        // Zero padding of the last word must not make "ab" and "ab\0" collide: the length is mixed.
        for (int len = 0; len < 200; len++) {
            byte[] a = new byte[len + 1];
            assertThat(KeyedHash.hash(a, 0, len)).as("length %d", len).isNotEqualTo(KeyedHash.hash(a, 0, len + 1));
        }
    }
}
