/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * A pure-Java engine for the Cedar policy language: parse policies, entities and schemas, and
 * decide requests in-process with Cedar's semantics.
 */
package dev.bulwark.policy;
