/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.example.http;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the {@link PhotoService} until the JVM is stopped. Settings come from arguments ({@code
 * --port 8080}) or, where an argument is absent, system properties ({@code
 * -Dbulwark.example.port=8080}):
 *
 * <ul>
 *   <li>{@code --host} / {@code bulwark.example.host}: the address to listen on, default {@value
 *       PhotoService#DEFAULT_HOST};
 *   <li>{@code --port} / {@code bulwark.example.port}: the port, default {@value
 *       PhotoService#DEFAULT_PORT}, 0 for any free one;
 *   <li>{@code --jdbc-url} / {@code bulwark.example.jdbcUrl}: the database, default an in-memory H2
 *       database;
 *   <li>{@code --signing-jwk} / {@code bulwark.example.signingJwk}: a file holding the private EC
 *       P-256 JWK the service's tokens are signed with (as {@code ./bulwark keygen --kty EC} writes
 *       one), so that a load generator in another process can mint tokens with the same key;
 *       default a fresh key known only to this JVM.
 * </ul>
 *
 * <p>It prints the address, the issuer and audience, and the demo API keys' ids, never a secret.
 */
public final class Main {
  private static final List<String> OPTIONS =
      List.of("--host", "--port", "--jdbc-url", "--signing-jwk");

  private Main() {}

  /**
   * Starts the service and blocks until the JVM stops.
   *
   * @param args the options above, each followed by its value
   * @throws Exception if the service cannot start, or an option is unknown or malformed
   */
  public static void main(String[] args) throws Exception {
    PhotoService.Builder b = PhotoService.builder();
    String host = setting(args, "--host", "bulwark.example.host");
    if (host != null) {
      b.host(host);
    }
    String port = setting(args, "--port", "bulwark.example.port");
    if (port != null) {
      try {
        b.port(Integer.parseInt(port));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("port must be a number, was \"" + port + "\"", e);
      }
    }
    String jdbcUrl = setting(args, "--jdbc-url", "bulwark.example.jdbcUrl");
    if (jdbcUrl != null) {
      b.jdbcUrl(jdbcUrl);
    }
    String jwkFile = setting(args, "--signing-jwk", "bulwark.example.signingJwk");
    if (jwkFile != null) {
      JWK jwk = JWK.parse(Files.readString(Path.of(jwkFile), StandardCharsets.UTF_8));
      if (!(jwk instanceof ECKey)) {
        throw new IllegalArgumentException(
            "signing-jwk must hold an EC P-256 private key, "
                + jwkFile
                + " holds a "
                + jwk.getKeyType());
      }
      b.signingKey((ECKey) jwk);
    }

    PhotoService service = b.start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  service.close();
                  stopped.countDown();
                },
                "photos-shutdown"));
    System.out.println("photo service listening on " + service.uri());
    System.out.println(
        "tokens: issuer " + TokenMint.ISSUER + ", audience " + TokenMint.AUDIENCE + ", ES256");
    for (String owner : List.of("alice", "bob")) {
      System.out.println(
          "demo API key of "
              + owner
              + ": id "
              + service.demoApiKey(owner).keyId()
              + " (the secret is available in-process only, PhotoService.demoApiKey)");
    }
    stopped.await();
  }

  /** The value of {@code option} in the arguments, else the system property, else null. */
  private static String setting(String[] args, String option, String property) {
    for (int i = 0; i < args.length; i++) {
      if (!OPTIONS.contains(args[i])) {
        throw new IllegalArgumentException(
            "unknown option " + args[i] + ", expected one of " + OPTIONS + " each with a value");
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(args[i] + " needs a value");
      }
      if (args[i].equals(option)) {
        return args[i + 1];
      }
      i++;
    }
    return System.getProperty(property);
  }
}
