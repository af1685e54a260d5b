/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.example.http;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
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
 *       default a fresh key known only to this JVM;
 *   <li>{@code --rsa-signing-jwk} / {@code bulwark.example.rsaSigningJwk}: a file holding a private
 *       RSA JWK (at least 2048 bits, a kid other than the EC key's) whose RS256 tokens the service
 *       accepts too; default none, ES256 only;
 *   <li>{@code --api-keys-file} / {@code bulwark.example.apiKeysFile}: a file to create, readable
 *       by its owner only, holding one line per demo API key ({@code alice bk_photos_...}), so that
 *       a load generator in another process can use them; it must not exist yet. Default none: the
 *       keys are then available in-process only ({@link PhotoService#demoApiKey}).
 *   <li>{@code --token-cache-off-heap} / {@code bulwark.example.tokenCacheOffHeap}: bytes of direct
 *       memory for an off-heap verified-token cache ({@code AuthEngine.Builder.tokenCacheOffHeap};
 *       the JVM then needs {@code --add-exports java.base/jdk.internal.misc=ALL-UNNAMED}); default
 *       the on-heap cache.
 * </ul>
 *
 * <p>It prints the address, the issuer and audience, and the demo API keys' ids, never a secret.
 */
public final class Main {
  private static final List<String> OPTIONS =
      List.of(
          "--host",
          "--port",
          "--jdbc-url",
          "--signing-jwk",
          "--rsa-signing-jwk",
          "--api-keys-file",
          "--token-cache-off-heap");

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
    String rsaJwkFile = setting(args, "--rsa-signing-jwk", "bulwark.example.rsaSigningJwk");
    if (rsaJwkFile != null) {
      JWK jwk = JWK.parse(Files.readString(Path.of(rsaJwkFile), StandardCharsets.UTF_8));
      if (!(jwk instanceof RSAKey)) {
        throw new IllegalArgumentException(
            "rsa-signing-jwk must hold an RSA private key, "
                + rsaJwkFile
                + " holds a "
                + jwk.getKeyType());
      }
      b.rsaSigningKey((RSAKey) jwk);
    }

    String offHeap = setting(args, "--token-cache-off-heap", "bulwark.example.tokenCacheOffHeap");
    if (offHeap != null) {
      try {
        b.tokenCacheOffHeap(Long.parseLong(offHeap));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "token-cache-off-heap must be a number of bytes, was \"" + offHeap + "\"", e);
      }
    }

    String apiKeysFile = setting(args, "--api-keys-file", "bulwark.example.apiKeysFile");

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
        "tokens: issuer "
            + TokenMint.ISSUER
            + ", audience "
            + TokenMint.AUDIENCE
            + ", "
            + String.join(" ", service.tokenMint().algorithms()));
    for (String owner : List.of("alice", "bob")) {
      System.out.println(
          "demo API key of "
              + owner
              + ": id "
              + service.demoApiKey(owner).keyId()
              + (apiKeysFile == null
                  ? " (the secret is available in-process only, PhotoService.demoApiKey)"
                  : ", written to " + apiKeysFile));
    }
    if (apiKeysFile != null) {
      writeApiKeys(service, Path.of(apiKeysFile));
    }
    stopped.await();
  }

  /**
   * Creates {@code file}, readable and writable by its owner only where the file system has POSIX
   * permissions, with one line per demo key: the owner, a space, the key. Refuses a file that
   * exists (or a link in its place), so that a key never lands in a file another user prepared.
   */
  static void writeApiKeys(PhotoService service, Path file) throws IOException {
    StringBuilder lines = new StringBuilder();
    for (String owner : List.of("alice", "bob")) {
      lines.append(owner).append(' ').append(service.demoApiKey(owner).plaintext()).append('\n');
    }
    FileAttribute<?>[] ownerOnly =
        file.getFileSystem().supportedFileAttributeViews().contains("posix")
            ? new FileAttribute<?>[] {
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
            }
            : new FileAttribute<?>[0];
    // CREATE_NEW creates the file with its permissions in one step, and fails on anything there.
    try (SeekableByteChannel out =
        Files.newByteChannel(
            file, EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), ownerOnly)) {
      ByteBuffer bytes = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
      while (bytes.hasRemaining()) {
        out.write(bytes);
      }
    }
  }

  /** The value of {@code option} in the arguments, else the system property, else null. */
  static String setting(String[] args, String option, String property) {
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
