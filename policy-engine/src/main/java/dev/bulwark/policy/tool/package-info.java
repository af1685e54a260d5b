/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * The {@code bulwark policy} command line: run Cedar's conformance tests, decide one request,
 * check a policy file. The entry point is {@link dev.bulwark.policy.tool.PolicyTool}.
 */
package dev.bulwark.policy.tool;
