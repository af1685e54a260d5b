/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.example.load;

import dev.bulwark.example.http.PhotoService;
import dev.bulwark.example.http.TokenMint;

/**
 * The photo service in this JVM, on a free loopback port. The server's CPU time cannot be told
 * apart from the generator's here (one process), so {@link #serverCpuNanos()} is -1; the tests and
 * a quick look use it, the measured run {@link ChildProcessTarget}.
 */
final class InProcessTarget implements Target {
  private final PhotoService service;

  private InProcessTarget(PhotoService service) {
    this.service = service;
  }

  /**
   * Starts the service with an RSA key beside its EC key, so that RS256 tokens are accepted.
   *
   * @return the target
   * @throws Exception if the service cannot start
   */
  static InProcessTarget start() throws Exception {
    return new InProcessTarget(
        PhotoService.builder().port(0).rsaSigningKey(TokenMint.generateRsaKey()).start());
  }

  @Override
  public String host() {
    return PhotoService.DEFAULT_HOST;
  }

  @Override
  public int port() {
    return service.port();
  }

  @Override
  public TokenMint tokenMint() {
    return service.tokenMint();
  }

  @Override
  public String apiKey(String owner) {
    return service.demoApiKey(owner).plaintext();
  }

  @Override
  public long serverCpuNanos() {
    return -1;
  }

  @Override
  public String layout() {
    return "in-process";
  }

  @Override
  public void close() {
    service.close();
  }
}
