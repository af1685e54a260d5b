/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.internal.cache;

import dev.bulwark.auth.Issuer;
import dev.bulwark.auth.internal.jws.VerificationKey;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Maps (issuer, key) pairs to small ids and back, for {@link OffHeapVerifiedTokenCache}, whose
 * off-heap records name a pair by id; thread-safe: lookups are lock-free, new ids are handed out
 * under a lock (only a put after a verification with a key never seen makes one). Ids are never
 * reused: the ring keeps the last {@code capacity} pairs, and an entry whose pair has been pushed
 * out of the ring misses (a verification re-caches it under a fresh id). The number of pairs is
 * that of the issuers' keys over time, so the ring's size bounds the heap, not the number of
 * tokens.
 */
final class PairRegistry {
  /** Pairs kept by default. */
  static final int DEFAULT_CAPACITY = 4096;

  /** An (issuer, key) pair an entry refers to by id. Immutable. */
  static final class Pair {
    final int id;
    final Issuer issuer;
    final VerificationKey key;

    Pair(int id, Issuer issuer, VerificationKey key) {
      this.id = id;
      this.issuer = issuer;
      this.key = key;
    }
  }

  private final AtomicReferenceArray<Pair> ring;
  private final int mask;
  private final Map<IdentityPair, Pair> byKey = new HashMap<>();
  private int nextId = 1;
  private volatile Pair last;

  /** A registry of the last {@code capacity} pairs; {@code capacity} is a power of two. */
  PairRegistry(int capacity) {
    this.ring = new AtomicReferenceArray<>(capacity);
    this.mask = capacity - 1;
  }

  /** The pair with this id, or null if it was never handed out or has been pushed out. */
  Pair lookup(int id) {
    Pair p = ring.get(id & mask);
    return p != null && p.id == id ? p : null;
  }

  /** The id of this pair (compared by identity), handing out a new one if it has none. */
  int idOf(Issuer issuer, VerificationKey key) {
    Pair p = last;
    if (p != null && p.issuer == issuer && p.key == key && lookup(p.id) == p) {
      return p.id;
    }
    synchronized (this) {
      IdentityPair k = new IdentityPair(issuer, key);
      p = byKey.get(k);
      if (p == null || lookup(p.id) != p) {
        p = new Pair(nextId++ & Integer.MAX_VALUE, issuer, key);
        Pair old = ring.getAndSet(p.id & mask, p);
        if (old != null) {
          byKey.remove(new IdentityPair(old.issuer, old.key));
        }
        byKey.put(k, p);
      }
      last = p;
      return p.id;
    }
  }

  /** A map key comparing both parts by identity, as {@code KeySet#contains} does for keys. */
  private static final class IdentityPair {
    final Object issuer;
    final Object key;

    IdentityPair(Object issuer, Object key) {
      this.issuer = issuer;
      this.key = key;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof IdentityPair
          && ((IdentityPair) o).issuer == issuer
          && ((IdentityPair) o).key == key;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(issuer) * 31 + System.identityHashCode(key);
    }
  }
}
