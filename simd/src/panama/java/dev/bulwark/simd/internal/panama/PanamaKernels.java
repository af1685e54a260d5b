/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.simd.internal.panama;

import dev.bulwark.simd.internal.HashKey;
import dev.bulwark.simd.internal.ScalarBase64;
import dev.bulwark.simd.internal.ScalarHash;
import dev.bulwark.simd.internal.ScalarKernels;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.charset.StandardCharsets;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.Vector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API kernels: stateless and thread-safe; loaded by name by {@code KernelsProvider} only
 * when {@code jdk.incubator.vector} is readable and C2 is on. Only this package may refer to the
 * incubator API.
 *
 * <p>Each kernel computes exactly what its scalar twin defines and hands what its blocks leave over
 * to the scalar code: the hash runs the sixteen 32-bit lanes of {@link ScalarHash} as one 512-bit
 * or two 256-bit vectors of ints, finishes with the overlapping last stripe, and calls {@link
 * ScalarHash#merge} (inputs under 64 bytes are all scalar); the comparison OR-accumulates XORs of
 * 32-byte blocks; base64url decoding maps, checks and packs 64 characters into 48 bytes per step
 * with two or three byte permutations (see {@link #decodeBase64Url}), or, without 512-bit vectors,
 * 32 characters per step with compares and blends.
 *
 * <p>Only API that exists in JDK 17 and JDK 25 is named (array loads and stores, reinterpretation,
 * lanewise operations, compares, blends, rearranges, {@code selectFrom}, reductions): the class is
 * compiled once against whichever JDK runs the build and must link on both. {@code selectFrom}
 * throws for an out-of-range index on JDK 17 and wraps it on later JDKs; {@code SELECT_WRAPS} tells
 * which, and the code masks the indexes where it must. The one later method used, {@code
 * ByteVector.selectFrom(Vector, Vector)} (JDK 24), is reached through a constant method handle
 * found at class initialization, and only when it exists.
 */
public final class PanamaKernels extends ScalarKernels {

  private static final VectorSpecies<Byte> B256 = ByteVector.SPECIES_256;
  private static final VectorSpecies<Integer> I256 = IntVector.SPECIES_256;
  private static final VectorSpecies<Byte> B512 = ByteVector.SPECIES_512;
  private static final VectorSpecies<Integer> I512 = IntVector.SPECIES_512;

  /** Whether 512-bit vectors are native (AVX-512): one vector holds all 16 hash lanes. */
  private static final boolean WIDE = LongVector.SPECIES_PREFERRED.vectorBitSize() >= 512;

  private static final VectorSpecies<Byte> B128 = ByteVector.SPECIES_128;

  /** Gathers the three meaningful bytes of each packed 32-bit group, in output order (256-bit). */
  private static final VectorShuffle<Byte> PACK_24_OF_32;

  /**
   * Per group of four code points ({@code c >>> 2}, masked to six bits), what to add to a character
   * of the group to get its sextet value. Groups without alphabet characters get 0. (The lookup
   * without {@code selectFrom(Vector, Vector)}.)
   */
  private static final byte[] B64_OFFSETS = new byte[64];

  /** Sextet value to character: the base64url alphabet. */
  private static final byte[] B64_ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
          .getBytes(StandardCharsets.US_ASCII);

  /**
   * Sextet value of each code point 0..127, 0x80 for one outside the base64url alphabet: the two
   * 64-byte tables of the decoder's lookup.
   */
  private static final byte[] B64_VALUES = new byte[128];

  /** Gathers the three meaningful bytes of each 32-bit group, in output order, into bytes 0..47. */
  private static final byte[] B64_PACK = new byte[64];

  /**
   * {@code ByteVector.selectFrom(Vector, Vector)} (JDK 24 and later; one two-table permutation,
   * {@code vpermi2b}), or {@code null} before JDK 24. It cannot be named in code compiled against
   * JDK 17's API; a constant method handle called with {@code invokeExact} is inlined by C2 like
   * the call itself.
   */
  private static final MethodHandle SELECT_TWO = selectTwoHandle();

  /** Shortest input, in characters, that the {@link #SELECT_TWO} decoder takes. */
  private static final int SELECT_TWO_MIN_LENGTH = 1024;

  /** Lanes 0..47 of a 512-bit byte vector: the meaningful bytes of a decoded block. */
  private static final VectorMask<Byte> FIRST_48 = B512.indexInRange(0, 48);

  /**
   * Whether {@code selectFrom} wraps out-of-range indexes (JDK 22 and later) instead of checking
   * them and throwing (JDK 17): then the six-bit masks before each lookup, which cost an
   * instruction per block, are left out.
   */
  private static final boolean SELECT_WRAPS = selectWraps();

  static {
    java.util.Arrays.fill(B64_VALUES, (byte) 0x80);
    for (int v = 0; v < 64; v++) {
      int c = B64_ALPHABET[v];
      B64_VALUES[c] = (byte) v;
      B64_OFFSETS[c >>> 2] = (byte) (v - c);
    }
    for (int k = 0; k < 16; k++) {
      B64_PACK[3 * k] = (byte) (4 * k + 2);
      B64_PACK[3 * k + 1] = (byte) (4 * k + 1);
      B64_PACK[3 * k + 2] = (byte) (4 * k);
    }
    for (int k = 48; k < 64; k++) {
      B64_PACK[k] = (byte) k;
    }
    int[] order = new int[32];
    for (int k = 0; k < 8; k++) {
      order[3 * k] = 4 * k + 2;
      order[3 * k + 1] = 4 * k + 1;
      order[3 * k + 2] = 4 * k;
    }
    PACK_24_OF_32 = VectorShuffle.fromArray(B256, order, 0);
  }

  private static boolean selectWraps() {
    if (!WIDE) {
      return false;
    }
    try {
      return ByteVector.broadcast(B512, (byte) 65)
              .selectFrom(ByteVector.zero(B512).addIndex(1))
              .lane(0)
          == 1;
    } catch (IndexOutOfBoundsException e) {
      return false;
    }
  }

  private static MethodHandle selectTwoHandle() {
    try {
      return MethodHandles.publicLookup()
          .findVirtual(
              ByteVector.class,
              "selectFrom",
              MethodType.methodType(ByteVector.class, Vector.class, Vector.class));
    } catch (NoSuchMethodException | IllegalAccessException e) {
      return null;
    }
  }

  /** {@code in.selectFrom(lo, hi)}: each lane of {@code in}, modulo 128, indexes lo then hi. */
  private static ByteVector selectTwo(ByteVector in, ByteVector lo, ByteVector hi) {
    try {
      return (ByteVector) SELECT_TWO.invokeExact(in, (Vector<Byte>) lo, (Vector<Byte>) hi);
    } catch (Throwable e) {
      throw new AssertionError("ByteVector.selectFrom(Vector, Vector) failed", e);
    }
  }

  /** Whether base64url decoding uses {@link #SELECT_TWO}; false only for the tests' second path. */
  private final boolean selectTwo;

  private final String name;

  /**
   * Creates the kernels.
   *
   * @throws UnsupportedOperationException if the CPU's vectors are narrower than 256 bits, where
   *     these kernels would be slower than the scalar ones
   */
  public PanamaKernels() {
    this(true);
  }

  /**
   * Creates the kernels, with {@code selectTwoVectors} false to decode base64url with the JDK 17
   * form of the lookup even where {@code ByteVector.selectFrom(Vector, Vector)} exists (tests
   * compare both forms with the scalar code).
   *
   * @throws UnsupportedOperationException if the CPU's vectors are narrower than 256 bits
   */
  public PanamaKernels(boolean selectTwoVectors) {
    int bits = ByteVector.SPECIES_PREFERRED.vectorBitSize();
    if (bits < 256) {
      throw new UnsupportedOperationException(
          "the CPU's preferred vector size is " + bits + " bits; the Vector API kernels need 256");
    }
    selectTwo = selectTwoVectors && SELECT_TWO != null;
    name =
        "panama, "
            + bits
            + "-bit"
            + (selectTwo && bits >= 512 ? ", base64url lookup with selectFrom(v1, v2)" : "");
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public long hash(HashKey key, byte[] a, int off, int len) {
    if (len < HashKey.STRIPE_BYTES) {
      return ScalarHash.hash(key, a, off, len);
    }
    return WIDE ? hash512(key, a, off, len) : hash256(key, a, off, len);
  }

  private static long hash512(HashKey key, byte[] a, int off, int len) {
    IntVector acc = IntVector.fromArray(I512, key.init, 0);
    IntVector k = IntVector.fromArray(I512, key.lane, 0);
    IntVector step = IntVector.fromArray(I512, key.step, 0);
    final int last = off + len - HashKey.STRIPE_BYTES;
    int p = off;
    for (; p <= last; p += HashKey.STRIPE_BYTES) {
      IntVector w = ByteVector.fromArray(B512, a, p).reinterpretAsInts();
      IntVector x = w.lanewise(VectorOperators.XOR, k);
      acc = acc.add(w).add(x.and(0xFFFF).mul(x.lanewise(VectorOperators.LSHR, 16)));
      k = k.add(step);
    }
    if (p < off + len) {
      // The overlapping last stripe; k is already the key of stripe len / 64.
      IntVector w = ByteVector.fromArray(B512, a, last).reinterpretAsInts();
      IntVector x = w.lanewise(VectorOperators.XOR, k);
      acc = acc.add(w).add(x.and(0xFFFF).mul(x.lanewise(VectorOperators.LSHR, 16)));
    }
    LongVector pairs = acc.reinterpretAsLongs();
    return ScalarHash.merge(
        key,
        len,
        pairs.lane(0),
        pairs.lane(1),
        pairs.lane(2),
        pairs.lane(3),
        pairs.lane(4),
        pairs.lane(5),
        pairs.lane(6),
        pairs.lane(7));
  }

  private static long hash256(HashKey key, byte[] a, int off, int len) {
    IntVector acc0 = IntVector.fromArray(I256, key.init, 0);
    IntVector acc1 = IntVector.fromArray(I256, key.init, 8);
    IntVector k0 = IntVector.fromArray(I256, key.lane, 0);
    IntVector k1 = IntVector.fromArray(I256, key.lane, 8);
    IntVector step0 = IntVector.fromArray(I256, key.step, 0);
    IntVector step1 = IntVector.fromArray(I256, key.step, 8);
    final int last = off + len - HashKey.STRIPE_BYTES;
    int p = off;
    for (; p <= last; p += HashKey.STRIPE_BYTES) {
      IntVector w0 = ByteVector.fromArray(B256, a, p).reinterpretAsInts();
      IntVector w1 = ByteVector.fromArray(B256, a, p + 32).reinterpretAsInts();
      IntVector x0 = w0.lanewise(VectorOperators.XOR, k0);
      IntVector x1 = w1.lanewise(VectorOperators.XOR, k1);
      acc0 = acc0.add(w0).add(x0.and(0xFFFF).mul(x0.lanewise(VectorOperators.LSHR, 16)));
      acc1 = acc1.add(w1).add(x1.and(0xFFFF).mul(x1.lanewise(VectorOperators.LSHR, 16)));
      k0 = k0.add(step0);
      k1 = k1.add(step1);
    }
    if (p < off + len) {
      IntVector w0 = ByteVector.fromArray(B256, a, last).reinterpretAsInts();
      IntVector w1 = ByteVector.fromArray(B256, a, last + 32).reinterpretAsInts();
      IntVector x0 = w0.lanewise(VectorOperators.XOR, k0);
      IntVector x1 = w1.lanewise(VectorOperators.XOR, k1);
      acc0 = acc0.add(w0).add(x0.and(0xFFFF).mul(x0.lanewise(VectorOperators.LSHR, 16)));
      acc1 = acc1.add(w1).add(x1.and(0xFFFF).mul(x1.lanewise(VectorOperators.LSHR, 16)));
    }
    LongVector pairs0 = acc0.reinterpretAsLongs();
    LongVector pairs1 = acc1.reinterpretAsLongs();
    return ScalarHash.merge(
        key,
        len,
        pairs0.lane(0),
        pairs0.lane(1),
        pairs0.lane(2),
        pairs0.lane(3),
        pairs1.lane(0),
        pairs1.lane(1),
        pairs1.lane(2),
        pairs1.lane(3));
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

  /**
   * Strict base64url decoding, 64 characters per step on AVX-512.
   *
   * <p>Per block, from JDK 24 and for inputs of at least 1,024 characters: one two-table
   * permutation ({@code selectFrom(v1, v2)}, {@code vpermi2b}) maps each character below 128 to its
   * sextet value or to 0x80 when it is not in the alphabet; the sign bits of the values and of the
   * input are OR-accumulated and checked once at the end. Before JDK 24, and for shorter inputs:
   * the sextet value of each character is the character plus the offset of its group of four code
   * points ({@code c >>> 2}), one 64-entry byte permutation; no group holds characters of two
   * alphabet ranges. Invalid characters get some value too, so a second permutation maps each value
   * back to its character, and any difference from the input marks the input bad (OR-accumulated,
   * checked once at the end). Shifts then pack the four sextets of each 32-bit group into 24 bits,
   * and a further permutation gathers the 48 output bytes. When the length is not a multiple of 64,
   * the last block is the last 64 characters of whole quads, overlapping the previous block (it
   * rewrites the same bytes); a final partial quad goes to the scalar code, which applies the
   * trailing-bits rule.
   *
   * <p>Why not the JDK's technique: its AVX-512 intrinsic merges the sextets with {@code
   * vpmaddubsw} and {@code vpmaddwd} and maps with a two-table {@code vpermi2b}; the Vector API has
   * no multiply-add of adjacent lanes (packing takes four shifts and two logic operations instead
   * of two instructions), and JDK 17's has no two-table permutation.
   */
  @Override
  public int decodeBase64Url(byte[] src, int off, int len, byte[] dst, int dstOff) {
    if ((len & 3) == 1) {
      return ScalarBase64.MALFORMED;
    }
    if (!WIDE) {
      return decode256(src, off, len, dst, dstOff);
    }
    // NOTE: the two-table path was measured faster from 1 KiB (about 0.9x the time) but 1.3x
    // slower at 64 and 256 characters on JDK 25, where its fixed cost per call dominates.
    if (selectTwo && len >= SELECT_TWO_MIN_LENGTH) {
      return decode512SelectTwo(src, off, len, dst, dstOff);
    }
    return decode512Offsets(src, off, len, dst, dstOff);
  }

  /**
   * The 512-bit decoder from JDK 24: one two-table permutation per block for the lookup and the
   * alphabet check (see {@link #decodeBase64Url}).
   */
  private static int decode512SelectTwo(byte[] src, int off, int len, byte[] dst, int dstOff) {
    int i = off;
    int dp = dstOff;
    final int quadsEnd = off + (len & ~3);
    if (len >= 64) {
      ByteVector lo = ByteVector.fromArray(B512, B64_VALUES, 0);
      ByteVector hi = ByteVector.fromArray(B512, B64_VALUES, 64);
      ByteVector pack = ByteVector.fromArray(B512, B64_PACK, 0);
      ByteVector bad = ByteVector.zero(B512);
      final int outLen = ScalarBase64.decodedLength(len);
      // NOTE: a block stores 64 bytes of which 48 are meant, so the counted loop below runs
      // only the blocks whose whole store fits the output range (48 * k + 64 <= outLen); the
      // rest, at most 85 characters, are blocks ending at quadsEnd and overlapping the previous
      // one, of which only the 48 meant bytes are stored. The 16 extra bytes of the counted
      // blocks fall where a later block or the scalar tail writes. Nothing outside
      // [dstOff, dstOff + outLen) is ever written.
      final int blocksEnd = off + 64 * Math.min((quadsEnd - off) >>> 6, (outLen - 16) / 48);
      // A counted loop: C2 compiles it without per-block bounds checks (the decoder took
      // about 1.5x as long with the single loop the JDK 17 path keeps).
      for (; i < blocksEnd; i += 64, dp += 48) {
        ByteVector in = ByteVector.fromArray(B512, src, i);
        ByteVector value = selectTwo(in, lo, hi);
        // A character outside the alphabet maps to 0x80, one of 128..255 has the bit
        // itself; only the sign bits of bad count.
        bad = bad.or(value).or(in);
        packSextets(value, pack).intoArray(dst, dp);
      }
      final int lastBlock = quadsEnd - 64;
      while (i < quadsEnd) {
        if (i > lastBlock) {
          dp -= (i - lastBlock) / 4 * 3;
          i = lastBlock;
        }
        ByteVector in = ByteVector.fromArray(B512, src, i);
        ByteVector value = selectTwo(in, lo, hi);
        bad = bad.or(value).or(in);
        // JDK 24 and later compile a masked store to one instruction (JDK 17 runs it lane
        // by lane, about 0.8 us, which is why its path stores 32 + 16 bytes instead).
        packSextets(value, pack).intoArray(dst, dp, FIRST_48);
        i += 64;
        dp += 48;
      }
      if (bad.compare(VectorOperators.LT, (byte) 0).anyTrue()) {
        return ScalarBase64.MALFORMED;
      }
    }
    int end = ScalarBase64.decode(src, i, off + len, dst, dp);
    return end < 0 ? ScalarBase64.MALFORMED : end - dstOff;
  }

  /**
   * The 512-bit decoder before JDK 24: two 64-entry permutations per block for the lookup and the
   * alphabet check (see {@link #decodeBase64Url}). It keeps one loop with an overlapping last
   * block: split into a counted loop and a tail like the JDK 24 path, it allocated 288 bytes per
   * call on JDK 17 (boxed vectors) and was no faster.
   */
  private static int decode512Offsets(byte[] src, int off, int len, byte[] dst, int dstOff) {
    int i = off;
    int dp = dstOff;
    final int quadsEnd = off + (len & ~3);
    if (len >= 64) {
      ByteVector offsets = ByteVector.fromArray(B512, B64_OFFSETS, 0);
      ByteVector alphabet = ByteVector.fromArray(B512, B64_ALPHABET, 0);
      ByteVector pack = ByteVector.fromArray(B512, B64_PACK, 0);
      ByteVector bad = ByteVector.zero(B512);
      // NOTE: a block stores 64 bytes of which 48 are meant only while the output range has 64
      // bytes left, else 32 + 16; the 16 extra bytes always fall where a later block or the
      // scalar tail writes. Nothing outside [dstOff, dstOff + decodedLength) is ever written.
      final int outEnd = dstOff + ScalarBase64.decodedLength(len);
      final int lastBlock = quadsEnd - 64;
      while (true) {
        ByteVector in = ByteVector.fromArray(B512, src, i);
        ByteVector group =
            in.reinterpretAsInts().lanewise(VectorOperators.LSHR, 2).reinterpretAsBytes();
        if (!SELECT_WRAPS) {
          // JDK 17 throws for an index outside 0..63 instead of wrapping it.
          group = group.and((byte) 0x3F);
        }
        ByteVector value = in.add(group.selectFrom(offsets));
        if (!SELECT_WRAPS) {
          value = value.and((byte) 0x3F);
        }
        bad = bad.or(value.selectFrom(alphabet).lanewise(VectorOperators.XOR, in));
        // Bytes a, b, c, d of each int become a << 18 | b << 12 | c << 6 | d: first a << 6 | b
        // and c << 6 | d in the two shorts, then the two 12-bit halves. Byte 3 of each int
        // is left with junk that the pack drops. (For bad input, value and so the output
        // are junk too; the call then returns MALFORMED.)
        ShortVector pairs = value.reinterpretAsShorts();
        pairs =
            pairs
                .lanewise(VectorOperators.LSHL, 6)
                .and((short) 0x0FC0)
                .or(pairs.lanewise(VectorOperators.LSHR, 8));
        IntVector quads = pairs.reinterpretAsInts();
        quads =
            quads.lanewise(VectorOperators.LSHL, 12).or(quads.lanewise(VectorOperators.LSHR, 16));
        ByteVector packed = pack.selectFrom(quads.reinterpretAsBytes());
        if (dp + 64 <= outEnd) {
          packed.intoArray(dst, dp);
        } else {
          packed.reinterpretShape(B256, 0).reinterpretAsBytes().intoArray(dst, dp);
          packed.reinterpretShape(B128, 2).reinterpretAsBytes().intoArray(dst, dp + 32);
        }
        if (i == lastBlock) {
          break;
        }
        i += 64;
        dp += 48;
        if (i > lastBlock) {
          dp -= (i - lastBlock) / 4 * 3;
          i = lastBlock;
        }
      }
      if (bad.compare(VectorOperators.NE, (byte) 0).anyTrue()) {
        return ScalarBase64.MALFORMED;
      }
      i = quadsEnd;
      dp += 48;
    }
    int end = ScalarBase64.decode(src, i, off + len, dst, dp);
    return end < 0 ? ScalarBase64.MALFORMED : end - dstOff;
  }

  /**
   * Packs 64 sextets into 48 bytes (bytes 48..63 of the result are junk). Bytes a, b, c, d of each
   * int become a << 18 | b << 12 | c << 6 | d: first a << 6 | b and c << 6 | d in the two shorts,
   * then the two 12-bit halves; byte 3 of each int is left with junk that the permutation drops.
   * (For bad input the values and so the output are junk too; the decoder then returns MALFORMED.)
   */
  private static ByteVector packSextets(ByteVector value, ByteVector pack) {
    ShortVector pairs = value.reinterpretAsShorts();
    pairs =
        pairs
            .lanewise(VectorOperators.LSHL, 6)
            .and((short) 0x0FC0)
            .or(pairs.lanewise(VectorOperators.LSHR, 8));
    IntVector quads = pairs.reinterpretAsInts();
    quads = quads.lanewise(VectorOperators.LSHL, 12).or(quads.lanewise(VectorOperators.LSHR, 16));
    return pack.selectFrom(quads.reinterpretAsBytes());
  }

  /**
   * Decodes with 256-bit vectors (AVX2 machines): 32 characters per step, mapped and checked with
   * range compares and blends.
   */
  private static int decode256(byte[] src, int off, int len, byte[] dst, int dstOff) {
    int i = off;
    int dp = dstOff;
    final int quadsEnd = off + (len & ~3);
    // NOTE: each block stores 32 bytes of which 24 are meant; the next block or the scalar tail
    // overwrites the other 8, so blocks run only while the output range itself has 32 bytes
    // left: nothing outside [dstOff, dstOff + decodedLength) is ever written.
    final int outEnd = dstOff + ScalarBase64.decodedLength(len);
    while (i + 32 <= quadsEnd && dp + 32 <= outEnd) {
      ByteVector in = ByteVector.fromArray(B256, src, i);
      VectorMask<Byte> upper =
          in.compare(VectorOperators.GE, (byte) 'A')
              .and(in.compare(VectorOperators.LE, (byte) 'Z'));
      VectorMask<Byte> lower =
          in.compare(VectorOperators.GE, (byte) 'a')
              .and(in.compare(VectorOperators.LE, (byte) 'z'));
      VectorMask<Byte> digit =
          in.compare(VectorOperators.GE, (byte) '0')
              .and(in.compare(VectorOperators.LE, (byte) '9'));
      VectorMask<Byte> dash = in.compare(VectorOperators.EQ, (byte) '-');
      VectorMask<Byte> underscore = in.compare(VectorOperators.EQ, (byte) '_');
      if (!upper.or(lower).or(digit).or(dash).or(underscore).allTrue()) {
        return ScalarBase64.MALFORMED;
      }
      ByteVector shift =
          ByteVector.zero(B256)
              .blend((byte) -'A', upper)
              .blend((byte) (26 - 'a'), lower)
              .blend((byte) (52 - '0'), digit)
              .blend((byte) (62 - '-'), dash)
              .blend((byte) (63 - '_'), underscore);
      IntVector quads = in.add(shift).reinterpretAsInts();
      // Each int holds sextets a, b, c, d in its bytes 0..3; build a<<18 | b<<12 | c<<6 | d.
      IntVector bits =
          quads
              .lanewise(VectorOperators.LSHL, 18)
              .and(0xFC0000)
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
