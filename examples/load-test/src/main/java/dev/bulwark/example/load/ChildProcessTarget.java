/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.example.load;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import dev.bulwark.example.http.Main;
import dev.bulwark.example.http.TokenMint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The photo service in a JVM of its own, started from this JVM's class path with {@link Main}, on a
 * free loopback port. Closer to a real deployment than {@link InProcessTarget}: the server has its
 * own heap, collector and JIT, and its CPU time is read apart from the generator's (from the
 * operating system, {@link ProcessHandle.Info#totalCpuDuration()}), so the report can give CPU per
 * request of each. The signing keys are made here and handed over in files readable by the owner
 * only ({@code --signing-jwk}, {@code --rsa-signing-jwk}), and the demo API keys come back the same
 * way ({@code --api-keys-file}); the files are deleted on {@link #close()}.
 */
final class ChildProcessTarget implements Target {
  /** How long the server may take to start: 2 minutes. */
  static final Duration START_TIMEOUT = Duration.ofMinutes(2);

  private static final String LISTENING = "photo service listening on ";

  private final Process process;
  private final Path dir;
  private final String host;
  private final int port;
  private final TokenMint mint;
  private final Map<String, String> apiKeys;
  private final Thread reaper;

  private ChildProcessTarget(
      Process process,
      Path dir,
      URI uri,
      TokenMint mint,
      Map<String, String> apiKeys,
      Thread reaper) {
    this.process = process;
    this.dir = dir;
    this.host = uri.getHost();
    this.port = uri.getPort();
    this.mint = mint;
    this.apiKeys = apiKeys;
    this.reaper = reaper;
  }

  /**
   * Starts the server and waits until it listens and has written its API keys.
   *
   * @param jvmArgs the server JVM's options, e.g. {@code -Xmx1g}
   * @param serverArgs more options of the server's {@code Main}, e.g. {@code --token-cache-off-heap
   *     268435456}
   * @return the target
   * @throws IOException if the process cannot start, fails, or does not listen in time
   * @throws InterruptedException if interrupted while waiting
   */
  static ChildProcessTarget start(List<String> jvmArgs, List<String> serverArgs)
      throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("bulwark-load-");
    ECKey ec;
    try {
      ec =
          new ECKeyGenerator(Curve.P_256)
              .keyID(TokenMint.DEFAULT_KEY_ID)
              .keyUse(KeyUse.SIGNATURE)
              .algorithm(JWSAlgorithm.ES256)
              .generate();
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot generate an EC P-256 key", e);
    }
    RSAKey rsa = TokenMint.generateRsaKey();
    Path ecFile = ownerOnly(dir.resolve("signing-key.json"), ec.toJSONString());
    Path rsaFile = ownerOnly(dir.resolve("rsa-signing-key.json"), rsa.toJSONString());
    Path keysFile = dir.resolve("api-keys.txt");
    Path log = dir.resolve("server.log");

    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // The off-heap token cache reads memory through Agrona, which needs this export; it is
    // harmless when the cache is on the heap.
    cmd.add("--add-exports");
    cmd.add("java.base/jdk.internal.misc=ALL-UNNAMED");
    cmd.addAll(jvmArgs);
    cmd.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            Main.class.getName(),
            "--port",
            "0",
            "--signing-jwk",
            ecFile.toString(),
            "--rsa-signing-jwk",
            rsaFile.toString(),
            "--api-keys-file",
            keysFile.toString()));
    cmd.addAll(serverArgs);
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.PIPE)
            .start();
    // Should this JVM stop before close(), the server stops with it.
    Thread reaper = new Thread(p::destroy, "load-server-reaper");
    Runtime.getRuntime().addShutdownHook(reaper);
    try {
      URI uri = awaitListening(p, log);
      Map<String, String> keys = awaitApiKeys(p, keysFile, log);
      return new ChildProcessTarget(p, dir, uri, TokenMint.of(ec, rsa), keys, reaper);
    } catch (IOException | InterruptedException | RuntimeException e) {
      stop(p);
      Runtime.getRuntime().removeShutdownHook(reaper);
      deleteAll(dir);
      throw e;
    }
  }

  private static URI awaitListening(Process p, Path log) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
        if (line.startsWith(LISTENING)) {
          return URI.create(line.substring(LISTENING.length()).trim());
        }
      }
      if (!p.isAlive()) {
        throw new IOException("the server exited with " + p.exitValue() + ": " + tail(log));
      }
      Thread.sleep(50);
    }
    throw new IOException("the server did not listen within " + START_TIMEOUT + ": " + tail(log));
  }

  private static Map<String, String> awaitApiKeys(Process p, Path file, Path log)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(file)) {
        Map<String, String> keys = new HashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          int space = line.indexOf(' ');
          if (space > 0) {
            keys.put(line.substring(0, space), line.substring(space + 1));
          }
        }
        if (keys.containsKey("alice") && keys.containsKey("bob")) {
          return Map.copyOf(keys);
        }
      }
      if (!p.isAlive()) {
        throw new IOException("the server exited with " + p.exitValue() + ": " + tail(log));
      }
      Thread.sleep(50);
    }
    throw new IOException("the server wrote no API keys within " + START_TIMEOUT);
  }

  private static Path ownerOnly(Path file, String content) throws IOException {
    Files.createFile(file);
    if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }
    return Files.writeString(file, content, StandardCharsets.UTF_8);
  }

  /** The last lines of the server's log, for an error message (the log holds no secret). */
  private static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
  }

  @Override
  public String host() {
    return host;
  }

  @Override
  public int port() {
    return port;
  }

  @Override
  public TokenMint tokenMint() {
    return mint;
  }

  @Override
  public String apiKey(String owner) {
    String key = apiKeys.get(owner);
    if (key == null) {
      throw new IllegalArgumentException("owner must be alice or bob, was " + owner);
    }
    return key;
  }

  @Override
  public long serverCpuNanos() {
    return process.toHandle().info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
  }

  @Override
  public String layout() {
    return "child-process";
  }

  @Override
  public void close() {
    try {
      stop(process);
    } finally {
      Runtime.getRuntime().removeShutdownHook(reaper);
      deleteAll(dir);
    }
  }

  /** Asks the server to stop (its shutdown hook closes the service), then forces it. */
  private static void stop(Process p) {
    p.destroy();
    try {
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static void deleteAll(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
        Files.deleteIfExists(f);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }

  @Override
  public String toString() {
    return "ChildProcessTarget{pid=" + process.pid() + ", " + host + ":" + port + "}";
  }
}
