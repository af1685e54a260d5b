/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.internal.jwks;

import dev.bulwark.auth.internal.Refusal;
import dev.bulwark.auth.internal.jws.KeySet;
import java.util.Optional;

/** Where one issuer's verification keys come from. Implementations are thread-safe. */
public interface KeySource {

  /**
   * The keys to verify with now.
   *
   * @throws Refusal {@code KEYS_UNAVAILABLE} when there are no keys to trust (a remote set that
   *     cannot be fetched and whose last good copy is older than the outage tolerance)
   */
  KeySet current() throws Refusal;

  /**
   * Called when a token names a kid that {@code seen} lacks: may fetch the set again, subject to
   * rate limiting, and returns the keys to retry with (possibly {@code seen} itself).
   */
  KeySet refreshForUnknownKid(KeySet seen) throws Refusal;

  /** The source's state now: cheap (a read of a few volatile fields), never fetches. */
  KeySourceHealth health();

  /**
   * Makes sure keys are held now, fetching them if need be (bounded by the fetch timeouts).
   *
   * @return empty when at least one key is held, else why not (no secret in it)
   */
  Optional<String> prefetch();
}
