/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth;

import dev.bulwark.auth.store.ApiKeyRecord;
import java.util.Objects;

/**
 * A freshly generated API key, immutable and thread-safe: the plaintext, shown to its owner once,
 * and the record that was stored. {@link #toString()} masks the plaintext; only {@link
 * #plaintext()} reveals it.
 */
public final class GeneratedApiKey {
  private final String plaintext;
  private final ApiKeyRecord record;

  GeneratedApiKey(String plaintext, ApiKeyRecord record) {
    this.plaintext = Objects.requireNonNull(plaintext, "plaintext");
    this.record = Objects.requireNonNull(record, "record");
  }

  /** The full key, {@code <prefix>_<keyId>_<secret>}: hand it to the owner once, never store it. */
  public String plaintext() {
    return plaintext;
  }

  /** The key id, safe to log and display. */
  public String keyId() {
    return record.keyId();
  }

  /** What was stored: the owner, scopes, expiry and the digest of the secret. */
  public ApiKeyRecord record() {
    return record;
  }

  @Override
  public String toString() {
    return "GeneratedApiKey{keyId=" + record.keyId() + ", plaintext=<masked>}";
  }
}
