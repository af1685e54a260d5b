/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.metrics;

/**
 * The names of the meters Bulwark's binders register, in Micrometer's dotted form (a Prometheus
 * registry writes {@code bulwark.auth.attempts} as {@code bulwark_auth_attempts_total}). Constants
 * only; the binders and the README's table of meters use these names.
 */
public final class MeterNames {
  /** The prefix of every meter Bulwark registers. */
  public static final String PREFIX = "bulwark.";

  // auth-core: AuthEngineMetrics

  /**
   * Authentication attempts; tags {@code result} (success, failure), {@code method} (jwt, api_key,
   * none), {@code reason} (a failure reason in lower case, or none).
   */
  public static final String AUTH_ATTEMPTS = PREFIX + "auth.attempts";

  /** How long an authentication took; a timer with a percentile histogram, tag {@code result}. */
  public static final String AUTH_DURATION = PREFIX + "auth.duration";

  /** Lookups of bearer JWTs in the verified-token cache; tag {@code result} (hit, miss). */
  public static final String AUTH_TOKEN_CACHE_GETS = PREFIX + "auth.token.cache.gets";

  /** Entries the verified-token cache dropped for its bound or TTL. */
  public static final String AUTH_TOKEN_CACHE_EVICTIONS = PREFIX + "auth.token.cache.evictions";

  /** Entries the verified-token cache holds now. */
  public static final String AUTH_TOKEN_CACHE_SIZE = PREFIX + "auth.token.cache.size";

  /** Keys an issuer's key set holds now; tag {@code issuer}. */
  public static final String AUTH_KEYSET_KEYS = PREFIX + "auth.keyset.keys";

  /** Whether an issuer's keys can verify tokens now (1) or not (0); tag {@code issuer}. */
  public static final String AUTH_KEYSET_AVAILABLE = PREFIX + "auth.keyset.available";

  /** JWKS fetches that failed in a row since the last good one; tag {@code issuer}. */
  public static final String AUTH_KEYSET_CONSECUTIVE_FAILURES =
      PREFIX + "auth.keyset.consecutive.failures";

  /**
   * JWKS fetches finished (JWKS URLs only); tags {@code issuer}, {@code result} (success, failure).
   */
  public static final String AUTH_KEYSET_FETCHES = PREFIX + "auth.keyset.fetches";

  /** Seconds since the last good JWKS fetch (JWKS URLs only); tag {@code issuer}. */
  public static final String AUTH_KEYSET_AGE = PREFIX + "auth.keyset.age";

  // policy-engine: PolicyEngineMetrics

  /**
   * Authorization decisions; tag {@code decision} (allow, deny, error for a request not decided).
   */
  public static final String POLICY_DECISIONS = PREFIX + "policy.decisions";

  /** Decisions in which a policy raised an error and was skipped. */
  public static final String POLICY_DECISIONS_WITH_ERRORS = PREFIX + "policy.decisions.with.errors";

  /** How long a decision took; a timer with a percentile histogram, tag {@code decision}. */
  public static final String POLICY_DURATION = PREFIX + "policy.duration";

  // db-cache: DbCacheMetrics

  /**
   * Lookups in a store's query cache answered by a cached "absent" (an unknown key id, a token
   * never revoked); tag {@code store}. The cache's hits, misses, loads, evictions and size are
   * Caffeine's own meters ({@code cache.gets}, {@code cache.load}, {@code cache.evictions}, {@code
   * cache.size}, ...) with tags {@code cache} ({@code bulwark.api_keys}, ...) and {@code store}.
   */
  public static final String DB_CACHE_NEGATIVE_HITS = PREFIX + "db.cache.negative.hits";

  /**
   * The queries a store's cache made to load entries: a function timer (count and total time), tag
   * {@code store}; a failed query counts with the time it took to fail.
   */
  public static final String DB_QUERY = PREFIX + "db.query";

  /** 1 for the circuit breaker's current state, 0 for the others; tag {@code state}. */
  public static final String DB_CIRCUIT_BREAKER_STATE = PREFIX + "db.circuit.breaker.state";

  /** Times the circuit breaker in front of the primary opened. */
  public static final String DB_CIRCUIT_BREAKER_OPENS = PREFIX + "db.circuit.breaker.opens";

  /** The change-log version the change feed has applied. */
  public static final String DB_CHANGES_APPLIED_VERSION = PREFIX + "db.changes.applied.version";

  /** Times the change feed lost its connection and connected again. */
  public static final String DB_CHANGES_RECONNECTS = PREFIX + "db.changes.reconnects";

  /** PostgreSQL notifications that woke the change feed. */
  public static final String DB_CHANGES_NOTIFICATIONS = PREFIX + "db.changes.notifications";

  /**
   * How long each applied change took from its writer to this instance (writer's clock to this
   * one's): a function timer, so count, total and mean.
   */
  public static final String DB_CHANGES_LAG = PREFIX + "db.changes.lag";

  /** The lag of the last change applied, in seconds. */
  public static final String DB_CHANGES_LAST_LAG = PREFIX + "db.changes.last.lag";

  /**
   * Seconds since the change feed last read the log to its end: about the poll interval while the
   * feed works, growing while it cannot reach the database.
   */
  public static final String DB_CHANGES_SINCE_CAUGHT_UP = PREFIX + "db.changes.since.caught.up";

  /** Decision events waiting in the decision log's queue. */
  public static final String DECISION_LOG_QUEUED = PREFIX + "decision.log.queued";

  /** Decision events by what became of them; tag {@code outcome} (written, dropped, rejected). */
  public static final String DECISION_LOG_EVENTS = PREFIX + "decision.log.events";

  /** Batches the decision log failed to write (and retried). */
  public static final String DECISION_LOG_WRITE_FAILURES = PREFIX + "decision.log.write.failures";

  // memory: MemoryMetrics

  /** Share of acquisitions a buffer pool served from a free list; tag {@code pool}. */
  public static final String MEMORY_POOL_HIT_RATIO = PREFIX + "memory.pool.hit.ratio";

  /** Share of a buffer pool's reserved memory holding no requested byte; tag {@code pool}. */
  public static final String MEMORY_POOL_FRAGMENTATION_RATIO =
      PREFIX + "memory.pool.fragmentation.ratio";

  /** Acquisitions from a buffer pool; tags {@code pool}, {@code result} (hit, miss). */
  public static final String MEMORY_POOL_ACQUISITIONS = PREFIX + "memory.pool.acquisitions";

  /** Off-heap bytes a buffer pool holds; tag {@code pool}. */
  public static final String MEMORY_POOL_RESERVED = PREFIX + "memory.pool.reserved";

  /** Bytes of the blocks acquired now; tag {@code pool}. */
  public static final String MEMORY_POOL_IN_USE = PREFIX + "memory.pool.in.use";

  /** The highest bytes in use seen; tag {@code pool}. */
  public static final String MEMORY_POOL_PEAK = PREFIX + "memory.pool.peak";

  /** The hard limit on a buffer pool's reserved bytes; tag {@code pool}. */
  public static final String MEMORY_POOL_CAPACITY = PREFIX + "memory.pool.capacity";

  // simd: KernelMetrics

  /**
   * Always 1; tag {@code implementation} names the kernels in use (scalar, or panama and width).
   */
  public static final String SIMD_KERNELS = PREFIX + "simd.kernels";

  private MeterNames() {}
}
