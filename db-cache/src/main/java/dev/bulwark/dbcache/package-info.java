/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * JDBC stores for Bulwark on H2 (embedded, the default) and PostgreSQL (production): API keys and
 * revocations for {@code AuthEngine}, entities and policies for {@code PolicyEngine}, and a decision
 * log. {@link dev.bulwark.dbcache.BulwarkSchema#migrate} creates the tables; {@link
 * dev.bulwark.dbcache.Database} holds the connection pools of the primary and its read replicas.
 */
package dev.bulwark.dbcache;
