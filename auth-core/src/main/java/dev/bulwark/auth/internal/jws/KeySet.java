/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.internal.jws;

import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An issuer's validated verification keys at one moment. Immutable and thread-safe. A {@code kid}
 * is only ever a key into {@link #byKid}: it is never a path, a URL or a query.
 */
public final class KeySet {
  private static final KeySet EMPTY = new KeySet(List.of());

  private final List<VerificationKey> keys;
  private final Map<String, VerificationKey> byKid;
  private final Set<VerificationKey> identities;

  /** Keys must have distinct kids (checked by {@link KeyLoader}). */
  public KeySet(List<VerificationKey> keys) {
    this.keys = List.copyOf(keys);
    Map<String, VerificationKey> m = new HashMap<>();
    Set<VerificationKey> ids = Collections.newSetFromMap(new IdentityHashMap<>());
    for (VerificationKey k : this.keys) {
      if (k.kid() != null && m.put(k.kid(), k) != null) {
        throw new IllegalArgumentException("duplicate kid in key set");
      }
      ids.add(k);
    }
    this.byKid = m;
    this.identities = ids;
  }

  /** The set with no key: it verifies nothing. */
  public static KeySet empty() {
    return EMPTY;
  }

  /** The key with this kid, or {@code null}. */
  public VerificationKey byKid(String kid) {
    return byKid.get(kid);
  }

  /** Every key, in JWKS order. */
  public List<VerificationKey> keys() {
    return keys;
  }

  /** Whether this very key object (not an equal one) is in this set. */
  public boolean contains(VerificationKey key) {
    return identities.contains(key);
  }

  /** The number of keys. */
  public int size() {
    return keys.size();
  }
}
