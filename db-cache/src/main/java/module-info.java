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
module dev.bulwark.dbcache {
  requires transitive java.sql;
  requires transitive dev.bulwark.auth;
  requires transitive dev.bulwark.policy;
  requires com.zaxxer.hikari;
  requires com.github.benmanes.caffeine;
  requires org.jctools.core;

  exports dev.bulwark.dbcache;
}
