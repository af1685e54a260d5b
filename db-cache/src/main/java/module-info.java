/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Bulwark's JDBC stores: API keys, revocations, Cedar entities and policies on H2 (the embedded
 * default) or PostgreSQL, behind a Caffeine query cache, with a change log that carries each change
 * to every instance. The API is {@code dev.bulwark.dbcache}; {@code dev.bulwark.dbcache.internal}
 * is not exported.
 */
// The PostgreSQL driver and resilience4j have only an Automatic-Module-Name. The driver is optional
// (requires static): the change feed uses its LISTEN API when the database is PostgreSQL. The
// circuit breaker's event API lives in resilience4j-core.
@SuppressWarnings("requires-automatic")
module dev.bulwark.dbcache {
  requires transitive java.sql;
  requires transitive dev.bulwark.auth;
  requires transitive dev.bulwark.policy;
  requires com.zaxxer.hikari;
  // Transitive: the stores hand out a read-only Caffeine Cache view of their statistics.
  requires transitive com.github.benmanes.caffeine;
  requires org.jctools.core;
  requires io.github.resilience4j.circuitbreaker;
  requires io.github.resilience4j.core;
  requires static org.postgresql.jdbc;

  exports dev.bulwark.dbcache;
}
