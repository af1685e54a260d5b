/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.jmh;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import dev.bulwark.auth.AuthEngine;
import dev.bulwark.auth.AuthResult;
import dev.bulwark.auth.Issuer;
import dev.bulwark.auth.store.InMemoryRevocationStore;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH state, shared by the benchmark threads ({@code Scope.Benchmark}; each thread keeps its own
 * cursor), for cached authentication over a large token population: {@code entries} distinct HS256
 * access tokens, each verified once in the setup, then authenticated in a random order over the
 * whole population, so every call is a cache hit on an entry that is almost never in the CPU
 * caches. {@code cache} picks the on-heap (Caffeine, the default) or the off-heap verified-token
 * cache.
 *
 * <p>GC: the hits of the on-heap cache allocate (almost) nothing, so few collections happen in the
 * measurement ({@code gc.time}, {@code gc.collector.ms}); what its live set costs shows in {@code
 * gc.fullGc.filled.ms} against {@code gc.fullGc.empty.ms}, one full GC timed in the setup with the
 * cache filled and empty (a full GC, or a concurrent mark, walks every cached object).
 *
 * <p>The figure that matters is {@code cache.heap.MiB} from {@link CacheMemoryProfiler}: the Java
 * heap in use after full GCs with the cache filled, minus the same with the engine built and its
 * cache empty (the tokens' header strings are held in both). Run with {@code -prof gc -prof
 * dev.bulwark.jmh.CacheMemoryProfiler}; the setup also prints the figure.
 *
 * <p>Tokens carry the claims of {@link JwtFixture}'s ({@code iss}, {@code sub}, {@code aud}, {@code
 * iat}, {@code exp} a day ahead, {@code jti}, {@code scope}) and its header; they are minted here
 * with one {@link Mac} rather than through nimbus so that a million take seconds.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// 6 GiB: the on-heap cache at 1,000,000 tokens holds about 2 GiB live. The Agrona flag is what the
// off-heap cache needs; the fixed heap size keeps the two caches' GC work comparable.
@Fork(
    value = 1,
    jvmArgsAppend = {
      "-Xms6g",
      "-Xmx6g",
      "--add-exports",
      "java.base/jdk.internal.misc=ALL-UNNAMED"
    })
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
public class CachedAuthMemory {

  /** Set by the setup, read by {@link CacheMemoryProfiler} in the same JVM. */
  static volatile long cacheHeapBytes = Long.MIN_VALUE;

  static volatile int cacheEntries;

  /** Collector time of one full GC with the engine's cache empty and filled, in ms. */
  static volatile long fullGcEmptyMillis = -1;

  static volatile long fullGcFilledMillis = -1;

  @Param({"onheap", "offheap"})
  public String cache;

  @Param({"100000", "1000000"})
  public int entries;

  private AuthEngine engine;
  String[] headers;
  int[] order;

  /** Mints the tokens, measures the heap with the cache empty, fills it, measures again. */
  @Setup(Level.Trial)
  public void setUp() throws Exception {
    byte[] secret = new byte[32];
    new SplittableRandom(1).nextBytes(secret);
    headers = mint(secret, entries);
    order = new int[entries];
    for (int i = 0; i < entries; i++) {
      order[i] = i;
    }
    SplittableRandom random = new SplittableRandom(2);
    for (int i = entries - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    OctetSequenceKey jwk =
        new OctetSequenceKey.Builder(secret)
            .keyID("hs256-1")
            .keyUse(KeyUse.SIGNATURE)
            .algorithm(JWSAlgorithm.HS256)
            .build();
    AuthEngine.Builder b =
        AuthEngine.builder()
            .issuer(
                Issuer.builder(JwtFixture.ISSUER)
                    .jwks(new JWKSet(jwk))
                    .audiences(JwtFixture.AUDIENCE)
                    .algorithms("HS256")
                    .build())
            .revocations(new InMemoryRevocationStore())
            .tokenCacheMaximumSize(entries)
            .tokenCacheTtl(Duration.ofMinutes(30)); // longer than the run: no entry expires
    if (cache.equals("offheap")) {
      // Room for every token's chunk (about 400 bytes each, in 448-byte chunks) with spare pages.
      b.tokenCacheOffHeap(Math.max(64L << 20, entries * 640L));
    } else if (!cache.equals("onheap")) {
      throw new IllegalArgumentException("cache must be onheap or offheap, was " + cache);
    }
    engine = b.build();
    long empty = usedHeapAfterGc();
    fullGcEmptyMillis = fullGcMillis();
    for (int i = 0; i < entries; i++) {
      AuthResult r = engine.authenticate(headers[i]);
      if (!r.isAuthenticated()) {
        throw new IllegalStateException("token " + i + " refused: " + r);
      }
    }
    long filled = usedHeapAfterGc();
    fullGcFilledMillis = fullGcMillis();
    cacheHeapBytes = filled - empty;
    cacheEntries = entries;
    System.out.printf(
        "%n[CachedAuthMemory] cache=%s entries=%d tokenLength=%d heapEmpty=%.1f MiB"
            + " heapFilled=%.1f MiB cacheHeap=%.1f MiB (%.1f bytes/entry) fullGc empty=%d ms"
            + " filled=%d ms%n",
        cache,
        entries,
        headers[0].length() - 7,
        empty / 1048576.0,
        filled / 1048576.0,
        cacheHeapBytes / 1048576.0,
        (double) cacheHeapBytes / entries,
        fullGcEmptyMillis,
        fullGcFilledMillis);
  }

  /** Each benchmark thread walks the shared random order from its own starting point. */
  @State(Scope.Thread)
  public static class Cursor {
    int next = -1;
  }

  /** One cached authentication of the next token in the random order. */
  @Benchmark
  public AuthResult hit(Cursor c) {
    int i = c.next;
    if (i < 0) {
      i = (int) (Thread.currentThread().getId() * 7919 % order.length);
    }
    c.next = i + 1 == order.length ? 0 : i + 1;
    return engine.authenticate(headers[order[i]]);
  }

  /** The collectors' time for one full GC (System.gc()), which marks the whole live heap. */
  static long fullGcMillis() {
    long before = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      before += Math.max(0, gc.getCollectionTime());
    }
    System.gc();
    long after = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      after += Math.max(0, gc.getCollectionTime());
    }
    return after - before;
  }

  static long usedHeapAfterGc() throws InterruptedException {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(100);
      used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return used;
  }

  /** {@code n} "Bearer" headers with distinct HS256 tokens like {@link JwtFixture#mint}'s. */
  static String[] mint(byte[] secret, int n) throws Exception {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret, "HmacSHA256"));
    String header =
        b64.encodeToString(
            "{\"kid\":\"hs256-1\",\"typ\":\"JWT\",\"alg\":\"HS256\"}"
                .getBytes(StandardCharsets.UTF_8));
    long now = System.currentTimeMillis() / 1000;
    String[] out = new String[n];
    for (int i = 0; i < n; i++) {
      String claims =
          "{\"iss\":\""
              + JwtFixture.ISSUER
              + "\",\"sub\":\"user-"
              + i
              + "\",\"aud\":\""
              + JwtFixture.AUDIENCE
              + "\",\"iat\":"
              + now
              + ",\"exp\":"
              + (now + 86_400)
              + ",\"jti\":\""
              + java.util.UUID.randomUUID()
              + "\",\"scope\":\"orders:read orders:write\"}";
      String signingInput =
          header + "." + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
      byte[] sig = mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
      out[i] = "Bearer " + signingInput + "." + b64.encodeToString(sig);
    }
    return out;
  }
}
