/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy.internal.validate;

import dev.bulwark.policy.ValidationIssue;

/**
 * One finding, with its position as offsets into the policy text; the public {@link
 * ValidationIssue} is made from it with line, column and snippet.
 *
 * @param policyId the policy concerned
 * @param kind the kind
 * @param error true for an error, false for a warning
 * @param message what is wrong
 * @param hint how to fix it, or null
 * @param source the policy text (the whole file), or null
 * @param start the start offset in {@code source}, or -1
 * @param end the end offset in {@code source}, exclusive, or -1
 */
public record Diag(
    String policyId,
    ValidationIssue.Kind kind,
    boolean error,
    String message,
    String hint,
    String source,
    int start,
    int end) {}
