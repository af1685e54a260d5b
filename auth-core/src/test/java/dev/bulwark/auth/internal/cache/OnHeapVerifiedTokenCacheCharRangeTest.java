/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.internal.cache;

import static dev.bulwark.auth.internal.cache.CacheEntries.entry;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The zero-copy lookups of {@link OnHeapVerifiedTokenCache} on a range of a header string. */
class OnHeapVerifiedTokenCacheCharRangeTest {
  private static final int[] LENGTHS = {
    0, 1, 7, 8, 15, 16, 17, 31, 32, 33, 63, 64, 65, 255, 1023, 4097
  };
  private static final String TOKEN = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhIn0.c2lnbmF0dXJlLWJ5dGVz";

  private static byte[] latin1(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static String randomLatin1(SplittableRandom rnd, int n) {
    char[] c = new char[n];
    for (int i = 0; i < n; i++) {
      c[i] = (char) rnd.nextInt(0x100);
    }
    return new String(c);
  }

  @Test
  void scratchEncode_latin1CharsOfAnyLength_givesTheIsoBytes() {
    SplittableRandom rnd = new SplittableRandom(7);
    OnHeapVerifiedTokenCache.Scratch scratch = new OnHeapVerifiedTokenCache.Scratch(16);
    for (int n : LENGTHS) {
      String s = randomLatin1(rnd, n);
      String header = "Bearer " + s + "tail";
      scratch.ensureCapacity(n);
      assertThat(scratch.encode(header, 7, 7 + n, 0)).as("length %d", n).isTrue();
      assertThat(Arrays.copyOf(scratch.bytes, n)).as("length %d", n).isEqualTo(latin1(s));
    }
  }

  @Test
  void scratchEncode_charAbove0xFfAnywhere_refuses() {
    SplittableRandom rnd = new SplittableRandom(8);
    OnHeapVerifiedTokenCache.Scratch scratch = new OnHeapVerifiedTokenCache.Scratch(16);
    for (int n : LENGTHS) {
      for (int at : new int[] {0, n / 2, n - 1}) {
        if (at < 0 || at >= n) {
          continue;
        }
        char[] c = randomLatin1(rnd, n).toCharArray();
        c[at] = (char) (0x100 + rnd.nextInt(0xFF00));
        scratch.ensureCapacity(n);
        assertThat(scratch.encode(new String(c), 0, n, 0)).as("length %d at %d", n, at).isFalse();
      }
    }
  }

  @Test
  void slotHash_prefixOfALongerArray_equalsTheHashOfTheExactArray() {
    SplittableRandom rnd = new SplittableRandom(9);
    for (int n : LENGTHS) {
      byte[] exact = latin1(randomLatin1(rnd, n));
      byte[] longer = Arrays.copyOf(exact, n + 40);
      Arrays.fill(longer, n, longer.length, (byte) 'z');
      assertThat(SlotHash.of(longer, n)).as("length %d", n).isEqualTo(SlotHash.of(exact));
    }
  }

  @Test
  void sameToken_anyOneCharDifferent_false() {
    byte[] stored = latin1(TOKEN);
    for (int i = 0; i < TOKEN.length(); i++) {
      char[] c = TOKEN.toCharArray();
      c[i] ^= 1;
      assertThat(OnHeapVerifiedTokenCache.sameToken(stored, new String(c), 0, c.length))
          .as("char %d", i)
          .isFalse();
    }
    assertThat(OnHeapVerifiedTokenCache.sameToken(stored, TOKEN, 0, TOKEN.length())).isTrue();
  }

  @Test
  void sameToken_charAbove0xFfWithTheStoredLowByte_false() {
    // '\u0162' has low byte 0x62 ('b'): a comparison of low bytes only would take it for 'b'.
    assertThat(OnHeapVerifiedTokenCache.sameToken(latin1("abc"), "a\u0162c", 0, 3)).isFalse();
  }

  @Test
  void slotHash_tokensDifferingOnlyBeforeTheWindow_shareASlotButNeverAnEntry() {
    // The documented cost of hashing only the tail: a shared slot, hence a miss, never a wrong hit.
    OnHeapVerifiedTokenCache cache = new OnHeapVerifiedTokenCache(10, Duration.ofMinutes(1));
    String tail = "x".repeat(OnHeapVerifiedTokenCache.HASH_WINDOW);
    cache.put(latin1("A" + tail), entry("a"));
    String other = "B" + tail;
    assertThat(SlotHash.of(latin1(other))).isEqualTo(SlotHash.of(latin1("A" + tail)));
    assertThat(cache.get(other, 0, other.length())).isNull();
  }
}
