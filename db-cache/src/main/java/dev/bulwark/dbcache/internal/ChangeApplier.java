/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.dbcache.internal;

/**
 * A store that caches what it reads and must hear of every change, its own instance's or another's:
 * the change feed calls it for each row of the change log, in version order, after the change has
 * committed. Implementations are thread-safe: the feed's thread calls them while requests read.
 */
public interface ChangeApplier {
  /**
   * Applies one change: drops (or reloads) the cache entries it makes stale. Changes of kinds the
   * store does not hold are ignored. Must not block on the database for long, nor throw.
   */
  void apply(ChangeLog.Change change);

  /**
   * Drops everything cached: the feed could not tell which changes it missed (a gap it cannot read,
   * or a log it could not resync from).
   */
  void invalidateAll();
}
