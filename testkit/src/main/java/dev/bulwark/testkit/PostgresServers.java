/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.testkit;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The PostgreSQL primary and streaming replica that database tests run against, with a fresh
 * database on them for each test class. A JUnit extension, registered in a static field:
 *
 * <pre>{@code
 * @RegisterExtension static final PostgresServers PG = new PostgresServers();
 *
 * try (Connection c = PG.connectPrimary()) { ... }
 * }</pre>
 *
 * <p>Where the servers are comes from one setting: the system property {@value #PROPERTY} or, when
 * that is not set, the environment variable {@value #ENV}; an empty value counts as not set. Its
 * value is the primary's JDBC URL, then {@value #REPLICA_SEPARATOR} and the replica's:
 *
 * <pre>
 * jdbc:postgresql://127.0.0.1:55432/postgres?user=bulwark&amp;password=bulwark;replica=jdbc:postgresql://127.0.0.1:55433/postgres?user=bulwark&amp;password=bulwark
 * </pre>
 *
 * which is what {@code .ci/postgres.sh env} prints for the servers {@code .ci/postgres.sh start}
 * runs. Each URL names a database the user may connect to and carries the credentials as its {@code
 * user} and {@code password} parameters; the user needs the right to create databases.
 *
 * <p>Before the class's tests, where the setting is missing or either server cannot be reached, the
 * tests are skipped with a message saying how to start the servers, or fail when the environment
 * variable {@code CI} is {@code true}, so that a CI run can never skip them silently. Otherwise a
 * database named {@value #DATABASE_PREFIX} and 16 random hex digits is created on the primary, and
 * the tests start once the replica has it. After the class's tests it is dropped, and a primary the
 * tests left stopped is started and a replica they left paused is resumed.
 *
 * <p>The faults ({@link #stopPrimary()}, {@link #pauseReplica()}, ...) run {@code .ci/postgres.sh}
 * from the repository's root (the system property {@value #REPO_DIR_PROPERTY}, which the build
 * sets), so they act on the servers that script runs, whatever the setting names. They act on every
 * test using those servers: tests that inject faults must not run at the same time as other
 * database tests. One instance serves one test class, whose tests may call it from any thread; the
 * faults are meant to be called from one test at a time.
 */
public final class PostgresServers implements BeforeAllCallback, AfterAllCallback {
  /** The system property naming the servers; wins over {@value #ENV}. */
  public static final String PROPERTY = "bulwark.pg";

  /** The environment variable naming the servers, read when {@value #PROPERTY} is not set. */
  public static final String ENV = "BULWARK_PG";

  /** What separates the primary's URL from the replica's in the setting. */
  public static final String REPLICA_SEPARATOR = ";replica=";

  /** The system property naming the repository's root, where {@value #SCRIPT} lies. */
  public static final String REPO_DIR_PROPERTY = "bulwark.repo.dir";

  /** The script that runs the servers, relative to the repository's root. */
  public static final String SCRIPT = ".ci/postgres.sh";

  /** The start of each test class's database name. */
  public static final String DATABASE_PREFIX = "bulwark_test_";

  /** How long a connection attempt may take, in seconds, before the server counts as down. */
  public static final int CONNECT_TIMEOUT_SECONDS = 5;

  /** How long the replica may take to replay what the primary wrote. */
  public static final Duration REPLICA_TIMEOUT = Duration.ofSeconds(30);

  /** How long one run of {@value #SCRIPT} may take. */
  public static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(120);

  private static final String JDBC_PREFIX = "jdbc:postgresql://";

  /** Whether the skip message was printed; once per test JVM is enough. */
  private static volatile boolean warned;

  private volatile Setting setting;
  private volatile String database;
  private volatile boolean primaryStopped;
  private volatile boolean replicaPaused;

  /** Registered as an extension; connects to nothing until the class's tests start. */
  public PostgresServers() {}

  /** The primary's and the replica's JDBC URL, as the setting gives them. */
  record Setting(String primaryUrl, String replicaUrl) {}

  /**
   * Connects to both servers and creates the class's database.
   *
   * @throws org.opentest4j.TestAbortedException if the setting is missing or a server cannot be
   *     reached (the class's tests are skipped)
   * @throws IllegalStateException if so and {@code CI=true}; if the replica is not one, or does not
   *     replay the new database within {@link #REPLICA_TIMEOUT}
   * @throws IllegalArgumentException if the setting is malformed
   */
  @Override
  public void beforeAll(ExtensionContext context) throws SQLException {
    Setting s = parse(resolve(System.getProperty(PROPERTY), System.getenv(ENV)));
    if (s == null) {
      throw unavailable("neither the system property " + PROPERTY + " nor " + ENV + " is set");
    }
    reachable(s.primaryUrl(), "primary");
    reachable(s.replicaUrl(), "replica");
    try (Connection replica = connect(s.replicaUrl());
        Statement st = replica.createStatement();
        ResultSet rs = st.executeQuery("SELECT pg_is_in_recovery()")) {
      rs.next();
      if (!rs.getBoolean(1)) {
        throw new IllegalStateException(
            "the replica named by "
                + PROPERTY
                + "/"
                + ENV
                + " is not in recovery, so not a replica: "
                + redact(s.replicaUrl()));
      }
    }
    setting = s;
    byte[] random = new byte[8];
    new SecureRandom().nextBytes(random);
    String name = DATABASE_PREFIX + HexFormat.of().formatHex(random);
    try (Connection primary = connect(s.primaryUrl());
        Statement st = primary.createStatement()) {
      // The name is the prefix and hex digits: nothing to quote.
      st.execute("CREATE DATABASE " + name);
    }
    database = name;
    awaitOnReplica(
        "SELECT count(*) FROM pg_database WHERE datname = '" + name + "'",
        s.replicaUrl(),
        "the replica to replay the creation of database " + name);
  }

  /**
   * Puts back a primary left stopped and a replica left paused, then drops the class's database.
   *
   * @throws SQLException if the database cannot be dropped
   * @throws IllegalStateException if {@value #SCRIPT} fails
   */
  @Override
  public void afterAll(ExtensionContext context) throws SQLException {
    if (primaryStopped) {
      startPrimary();
    }
    if (replicaPaused) {
      resumeReplica();
    }
    String name = database;
    Setting s = setting;
    if (name != null && s != null) {
      database = null;
      try (Connection primary = connect(s.primaryUrl());
          Statement st = primary.createStatement()) {
        // FORCE ends the sessions still open on it (a test's connection left open).
        st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      }
    }
  }

  /**
   * The name of this class's database.
   *
   * @throws IllegalStateException if called outside the class's tests
   */
  public String database() {
    String name = database;
    if (name == null) {
      throw new IllegalStateException("no database: PostgresServers is used outside its tests");
    }
    return name;
  }

  /**
   * The JDBC URL of this class's database on the primary, with the setting's parameters
   * (credentials included).
   *
   * @throws IllegalStateException if called outside the class's tests
   */
  public String primaryUrl() {
    return withDatabase(setting().primaryUrl(), database());
  }

  /**
   * The JDBC URL of this class's database on the replica, with the setting's parameters
   * (credentials included).
   *
   * @throws IllegalStateException if called outside the class's tests
   */
  public String replicaUrl() {
    return withDatabase(setting().replicaUrl(), database());
  }

  /**
   * The user the setting's primary URL connects as, or null if it names none.
   *
   * @throws IllegalStateException if called outside the class's tests
   */
  public String user() {
    return parameter(setting().primaryUrl(), "user");
  }

  /**
   * The password the setting's primary URL gives, or null if it gives none.
   *
   * @throws IllegalStateException if called outside the class's tests
   */
  public String password() {
    return parameter(setting().primaryUrl(), "password");
  }

  /**
   * A new connection to this class's database on the primary; the caller closes it.
   *
   * @throws SQLException if the primary cannot be reached (for example while stopped)
   * @throws IllegalStateException if called outside the class's tests
   */
  public Connection connectPrimary() throws SQLException {
    return connect(primaryUrl());
  }

  /**
   * A new connection to this class's database on the replica (read-only); the caller closes it.
   *
   * @throws SQLException if the replica cannot be reached
   * @throws IllegalStateException if called outside the class's tests
   */
  public Connection connectReplica() throws SQLException {
    return connect(replicaUrl());
  }

  /**
   * Waits until the replica has replayed all that the primary had written when this was called.
   *
   * @throws SQLException if a server cannot be reached
   * @throws IllegalStateException if the replica does not catch up within {@link #REPLICA_TIMEOUT}
   *     (for example while paused)
   */
  public void awaitReplica() throws SQLException {
    String lsn;
    try (Connection primary = connectPrimary();
        Statement st = primary.createStatement();
        ResultSet rs = st.executeQuery("SELECT pg_current_wal_lsn()::text")) {
      rs.next();
      lsn = rs.getString(1);
    }
    awaitOnReplica(
        "SELECT count(*) FROM pg_last_wal_replay_lsn() AS r WHERE r >= '" + lsn + "'::pg_lsn",
        replicaUrl(),
        "the replica to replay the primary's WAL up to " + lsn);
  }

  /**
   * Stops the primary server (fast shutdown: open connections are cut); it stays down until {@link
   * #startPrimary()}, or the end of the class's tests.
   *
   * @throws IllegalStateException if {@value #SCRIPT} fails
   */
  public void stopPrimary() {
    primaryStopped = true;
    runScript("stop-primary");
  }

  /**
   * Starts the primary server again, and returns once it accepts connections and the replica
   * streams from it (unless the replica's replay is paused: it then reconnects once resumed).
   *
   * @throws IllegalStateException if {@value #SCRIPT} fails
   */
  public void startPrimary() {
    runScript("start-primary");
    primaryStopped = false;
  }

  /**
   * Pauses WAL replay on the replica and returns once it is paused: the replica stays up and
   * answers, but sees nothing the primary writes from now on until {@link #resumeReplica()}.
   *
   * @throws IllegalStateException if {@value #SCRIPT} fails
   */
  public void pauseReplica() {
    replicaPaused = true;
    runScript("pause-replica");
  }

  /**
   * Resumes WAL replay on the replica; it then catches up on its own ({@link #awaitReplica()} waits
   * for that).
   *
   * @throws IllegalStateException if {@value #SCRIPT} fails
   */
  public void resumeReplica() {
    runScript("resume-replica");
    replicaPaused = false;
  }

  private Setting setting() {
    Setting s = setting;
    if (s == null) {
      throw new IllegalStateException("no servers: PostgresServers is used outside its tests");
    }
    return s;
  }

  /** The setting's value: the property if not empty, else the environment variable if not. */
  static String resolve(String property, String env) {
    if (property != null && !property.isBlank()) {
      return property.strip();
    }
    if (env != null && !env.isBlank()) {
      return env.strip();
    }
    return null;
  }

  /**
   * The two URLs of a setting's value, or null for none.
   *
   * @throws IllegalArgumentException if the value is not two PostgreSQL JDBC URLs joined by {@value
   *     #REPLICA_SEPARATOR}
   */
  static Setting parse(String value) {
    if (value == null) {
      return null;
    }
    int at = value.indexOf(REPLICA_SEPARATOR);
    String primary = at < 0 ? value : value.substring(0, at);
    String replica = at < 0 ? "" : value.substring(at + REPLICA_SEPARATOR.length());
    if (at < 0
        || !primary.startsWith(JDBC_PREFIX)
        || !replica.startsWith(JDBC_PREFIX)
        || replica.contains(REPLICA_SEPARATOR)) {
      throw new IllegalArgumentException(
          PROPERTY
              + "/"
              + ENV
              + " must be the primary's JDBC URL, then "
              + REPLICA_SEPARATOR
              + " and the replica's (both "
              + JDBC_PREFIX
              + "...; .ci/postgres.sh env prints it), was "
              + redact(value));
    }
    return new Setting(primary, replica);
  }

  /** The URL with its database replaced by {@code database}, its parameters kept. */
  static String withDatabase(String url, String database) {
    int hostsEnd = JDBC_PREFIX.length();
    while (hostsEnd < url.length() && url.charAt(hostsEnd) != '/' && url.charAt(hostsEnd) != '?') {
      hostsEnd++;
    }
    int query = url.indexOf('?', hostsEnd);
    return url.substring(0, hostsEnd) + "/" + database + (query < 0 ? "" : url.substring(query));
  }

  /** The decoded value of parameter {@code name} in the URL's query, or null. */
  static String parameter(String url, String name) {
    int query = url.indexOf('?');
    if (query < 0) {
      return null;
    }
    for (String pair : url.substring(query + 1).split("&", -1)) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      if (key.equals(name)) {
        return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  /** The text with every password parameter's value masked, for messages. */
  static String redact(String text) {
    return text.replaceAll("(?i)(password=)[^&;]*", "$1<masked>");
  }

  private static Connection connect(String url) throws SQLException {
    // Defaults only: a parameter of the URL wins. A server that is down refuses at once; these
    // bound the wait for one that does not answer.
    Properties defaults = new Properties();
    defaults.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
    defaults.setProperty("loginTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
    return DriverManager.getConnection(url, defaults);
  }

  /** Skips the class's tests (fails them under CI=true) if the server at {@code url} is down. */
  private static void reachable(String url, String which) {
    try (Connection c = connect(url)) {
      if (!c.isValid(CONNECT_TIMEOUT_SECONDS)) {
        throw unavailable("the " + which + " at " + redact(url) + " does not answer");
      }
    } catch (SQLException e) {
      throw unavailable(
          "cannot connect to the " + which + " at " + redact(url) + ": " + e.getMessage());
    }
  }

  /** Polls {@code countQuery} on the replica until it counts 1, up to {@link #REPLICA_TIMEOUT}. */
  private static void awaitOnReplica(String countQuery, String replicaUrl, String what)
      throws SQLException {
    long deadline = System.nanoTime() + REPLICA_TIMEOUT.toNanos();
    try (Connection replica = connect(replicaUrl);
        PreparedStatement st = replica.prepareStatement(countQuery)) {
      while (true) {
        try (ResultSet rs = st.executeQuery()) {
          rs.next();
          if (rs.getLong(1) == 1) {
            return;
          }
        }
        if (System.nanoTime() - deadline > 0) {
          throw new IllegalStateException(
              "timed out after "
                  + REPLICA_TIMEOUT.toSeconds()
                  + "s waiting for "
                  + what
                  + "; is its replay paused? (.ci/postgres.sh status, .ci/postgres.sh"
                  + " resume-replica)");
        }
        sleep(20);
      }
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for PostgreSQL", e);
    }
  }

  /** Runs {@value #SCRIPT} with {@code command}; its output goes into the message if it fails. */
  private static void runScript(String command) {
    Path script = script();
    Path output = null;
    try {
      output = Files.createTempFile("bulwark-pg-", ".log");
      // Output to a file, not a pipe: the servers the script starts could otherwise hold the pipe
      // open, and reading it would wait for them to exit.
      Process p =
          new ProcessBuilder(script.toString(), command)
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .start();
      if (!p.waitFor(SCRIPT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(
            script + " " + command + " did not finish within " + SCRIPT_TIMEOUT.toSeconds() + "s");
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException(
            script
                + " "
                + command
                + " failed (exit "
                + p.exitValue()
                + "): "
                + Files.readString(output, StandardCharsets.UTF_8).strip());
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + script + " " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + script + " " + command, e);
    } finally {
      if (output != null) {
        try {
          Files.deleteIfExists(output);
        } catch (IOException e) {
          // A temporary file left behind is harmless; the script's outcome matters more.
        }
      }
    }
  }

  /** {@value #SCRIPT} under the repository's root, or under the working folder or one above. */
  private static Path script() {
    String dir = System.getProperty(REPO_DIR_PROPERTY);
    Path start = (dir == null || dir.isBlank() ? Paths.get("") : Paths.get(dir)).toAbsolutePath();
    for (Path d = start; d != null; d = d.getParent()) {
      Path s = d.resolve(SCRIPT);
      if (Files.isRegularFile(s)) {
        return s;
      }
    }
    throw new IllegalStateException(
        SCRIPT
            + " not found in "
            + start
            + " or a folder above it; run the tests with -D"
            + REPO_DIR_PROPERTY
            + "=<the repository's root>");
  }

  /** Fails under {@code CI=true}; otherwise prints the message once and aborts the test. */
  private static RuntimeException unavailable(String reason) {
    // The driver's messages end with a full stop of their own.
    String why = reason.endsWith(".") ? reason.substring(0, reason.length() - 1) : reason;
    String message =
        "PostgreSQL servers not available: "
            + why
            + ". Start them with .ci/postgres.sh start and name them with export "
            + ENV
            + "=$(.ci/postgres.sh env) (or -D"
            + PROPERTY
            + "=<what it prints>).";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new IllegalStateException(message + " CI=true: missing servers are a failure.");
    }
    if (!warned) {
      warned = true;
      System.err.println("[bulwark] tests skipped: " + message);
    }
    return Assumptions.abort(message);
  }
}
