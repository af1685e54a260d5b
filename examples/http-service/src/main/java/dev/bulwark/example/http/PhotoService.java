/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.example.http;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import dev.bulwark.auth.ApiKeys;
import dev.bulwark.auth.AuthEngine;
import dev.bulwark.auth.GeneratedApiKey;
import dev.bulwark.auth.Issuer;
import dev.bulwark.dbcache.BulwarkSchema;
import dev.bulwark.dbcache.ChangeFeed;
import dev.bulwark.dbcache.Database;
import dev.bulwark.dbcache.JdbcApiKeyStore;
import dev.bulwark.dbcache.JdbcEntityStore;
import dev.bulwark.dbcache.JdbcPolicyStore;
import dev.bulwark.dbcache.JdbcRevocationStore;
import dev.bulwark.metrics.AuthEngineMetrics;
import dev.bulwark.metrics.DbCacheMetrics;
import dev.bulwark.metrics.KernelMetrics;
import dev.bulwark.metrics.PolicyEngineMetrics;
import dev.bulwark.policy.Entity;
import dev.bulwark.policy.PolicyEngine;
import dev.bulwark.policy.PolicyParseException;
import dev.bulwark.policy.PolicySet;
import dev.bulwark.policy.PrincipalMapper;
import dev.bulwark.policy.Schema;
import dev.bulwark.servlet.BulwarkFilter;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.DispatcherType;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A small photo-sharing service on Jetty 12, with Bulwark in front of its photos. Thread-safe; one
 * instance runs one server until {@link #close()}.
 *
 * <p>Routes:
 *
 * <ul>
 *   <li>{@code GET /photos/{id}}: the photo ({@code Action::"view"}), behind {@link BulwarkFilter};
 *   <li>{@code PUT /photos/{id}}: sets its title from a {@code text/plain} body ({@code
 *       Action::"edit"}), behind the filter;
 *   <li>{@code GET /me}: who the caller is, behind a {@link BulwarkFilter} that authenticates only
 *       (no Cedar decision);
 *   <li>{@code GET /public}: a fixed answer without authentication, a load test's baseline;
 *   <li>{@code GET /health}: the database and the key sets as JSON, 200 or 503, no authentication;
 *   <li>{@code GET /metrics}: the meters in Prometheus's text format, no authentication.
 * </ul>
 *
 * <p>At start the service migrates Bulwark's tables into its database (an in-memory H2 database of
 * its own unless {@link Builder#jdbcUrl} says otherwise), writes the photo-sharing entities and
 * policies from its resources ({@code photos.cedarschema}, {@code photos.cedar}, {@code
 * photos.entities.jsonl}), activates the policies, and generates two demo API keys ({@link
 * #demoApiKey}): alice's, which may read and write, and bob's, read only. Callers present either a
 * JWT of the {@link TokenMint} (issuer {@value TokenMint#ISSUER}, audience {@value
 * TokenMint#AUDIENCE}, ES256, or RS256 too when {@link Builder#rsaSigningKey} was given) or an API
 * key.
 */
public final class PhotoService implements AutoCloseable {
  /** The port {@link Builder#port} defaults to: {@value}. */
  public static final int DEFAULT_PORT = 8080;

  /** The address {@link Builder#host} defaults to, loopback only: {@value}. */
  public static final String DEFAULT_HOST = "127.0.0.1";

  /** The prefix of the service's API keys: {@value}. */
  public static final String API_KEY_PREFIX = "bk_photos";

  /** How long the demo API keys live: 90 days. */
  public static final Duration DEMO_API_KEY_TTL = Duration.ofDays(90);

  // How long revokeApiKey waits for the change feed to apply the revocation to the caches.
  private static final Duration REVOCATION_WAIT = Duration.ofSeconds(5);

  private static final String RESOURCES = "/dev/bulwark/example/http/";

  private final Database db;
  private final ChangeFeed feed;
  private final JdbcRevocationStore revocations;
  private final ApiKeys apiKeys;
  private final TokenMint mint;
  private final Map<String, GeneratedApiKey> demoKeys;
  private final PrometheusMeterRegistry registry;
  private final JvmGcMetrics gcMetrics;
  private final Server server;
  private final ServerConnector connector;

  private PhotoService(
      Database db,
      ChangeFeed feed,
      JdbcRevocationStore revocations,
      ApiKeys apiKeys,
      TokenMint mint,
      Map<String, GeneratedApiKey> demoKeys,
      PrometheusMeterRegistry registry,
      JvmGcMetrics gcMetrics,
      Server server,
      ServerConnector connector) {
    this.db = db;
    this.feed = feed;
    this.revocations = revocations;
    this.apiKeys = apiKeys;
    this.mint = mint;
    this.demoKeys = demoKeys;
    this.registry = registry;
    this.gcMetrics = gcMetrics;
    this.server = server;
    this.connector = connector;
  }

  /**
   * Returns a builder with every setting at its default.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The port the server listens on (the one chosen when {@link Builder#port} was 0).
   *
   * @return the port
   */
  public int port() {
    return connector.getLocalPort();
  }

  /**
   * The service's base URI, e.g. {@code http://127.0.0.1:8080/}.
   *
   * @return the URI
   */
  public URI uri() {
    String host = connector.getHost() == null ? "localhost" : connector.getHost();
    return URI.create("http://" + host + ":" + port() + "/");
  }

  /**
   * The stand-in identity provider whose tokens the service accepts; a load generator in the same
   * JVM mints its tokens with it.
   *
   * @return the mint
   */
  public TokenMint tokenMint() {
    return mint;
  }

  /**
   * A demo API key generated at start: {@code "alice"}'s may read and write photos, {@code "bob"}'s
   * only read. Its {@code plaintext()} is the credential, to send as {@code Authorization: ApiKey
   * <plaintext>}; keep it out of logs.
   *
   * @param owner {@code "alice"} or {@code "bob"}
   * @return the key
   * @throws IllegalArgumentException for another owner
   */
  public GeneratedApiKey demoApiKey(String owner) {
    GeneratedApiKey key = demoKeys.get(owner);
    if (key == null) {
      throw new IllegalArgumentException(
          "owner must be one of " + demoKeys.keySet() + ", was " + owner);
    }
    return key;
  }

  /**
   * Generates a new API key, stored (as a digest) in the service's database.
   *
   * @param owner the subject the key authenticates as
   * @param scopes its scopes, e.g. {@code photos:read}
   * @param ttl how long it lives
   * @return the key; its plaintext is shown only here
   * @throws IllegalArgumentException if the owner is blank or the ttl not positive
   */
  public GeneratedApiKey createApiKey(String owner, Set<String> scopes, Duration ttl) {
    return apiKeys.generate(owner, scopes, ttl);
  }

  /**
   * Revokes an API key by id and waits until this instance's caches have the revocation: when it
   * returns, the key is refused.
   *
   * @param keyId the key's id ({@link GeneratedApiKey#keyId()})
   * @throws InterruptedException if interrupted while waiting
   * @throws IllegalStateException if the change feed has not applied the revocation within 5
   *     seconds
   */
  public void revokeApiKey(String keyId) throws InterruptedException {
    long version = revocations.revokeApiKeyVersioned(keyId);
    if (!feed.awaitVersion(version, REVOCATION_WAIT)) {
      throw new IllegalStateException(
          "the change feed did not apply revocation version " + version + " in " + REVOCATION_WAIT);
    }
  }

  /**
   * The registry {@code /metrics} writes; bind more meters to it at any time.
   *
   * @return the registry
   */
  public PrometheusMeterRegistry meterRegistry() {
    return registry;
  }

  /**
   * Binds more meters (Bulwark's binders from {@code bulwark-metrics}, for example) to the registry
   * that {@code /metrics} writes.
   *
   * @param binders the binders
   */
  public void bindMeters(Collection<? extends MeterBinder> binders) {
    for (MeterBinder b : binders) {
      b.bindTo(registry);
    }
  }

  /** Stops the server, then the change feed, the meters and the database's pools. */
  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      // Stopping goes on: the feed and the pools are closed whatever Jetty's failure was.
      System.getLogger(PhotoService.class.getName())
          .log(System.Logger.Level.WARNING, "Jetty did not stop cleanly", e);
    } finally {
      feed.close();
      gcMetrics.close();
      registry.close();
      db.close();
    }
  }

  @Override
  public String toString() {
    return "PhotoService{" + uri() + ", " + mint + "}";
  }

  static String resource(String name) throws IOException {
    try (InputStream in = PhotoService.class.getResourceAsStream(RESOURCES + name)) {
      if (in == null) {
        throw new IOException("resource " + RESOURCES + name + " is missing from the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Reads the seed entities, one Cedar entity JSON object a line, each checked by the schema. */
  static List<Entity> seedEntities(Schema schema) throws IOException, PolicyParseException {
    List<Entity> entities = new ArrayList<>();
    for (String line : resource("photos.entities.jsonl").split("\n", -1)) {
      if (!line.isBlank()) {
        entities.add(Entity.fromJson(line, schema));
      }
    }
    return entities;
  }

  /** Builds a {@link PhotoService}; not thread-safe. */
  public static final class Builder {
    private String host = DEFAULT_HOST;
    private int port = DEFAULT_PORT;
    private String jdbcUrl;
    private ECKey signingKey;
    private RSAKey rsaSigningKey;
    private long tokenCacheOffHeapBytes;
    private final List<MeterBinder> binders = new ArrayList<>();

    private Builder() {}

    /**
     * The address to listen on; default {@value PhotoService#DEFAULT_HOST}.
     *
     * @param host a host name or address ({@code 0.0.0.0} for every interface)
     * @return this builder
     * @throws IllegalArgumentException if blank
     */
    public Builder host(String host) {
      Objects.requireNonNull(host, "host");
      if (host.isBlank()) {
        throw new IllegalArgumentException("host must not be blank, was \"" + host + "\"");
      }
      this.host = host;
      return this;
    }

    /**
     * The port to listen on, 0 for any free one; default {@value PhotoService#DEFAULT_PORT}.
     *
     * @param port the port
     * @return this builder
     * @throws IllegalArgumentException if not between 0 and 65535
     */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * The database's JDBC URL (H2 or PostgreSQL); default a new in-memory H2 database.
     *
     * @param jdbcUrl the URL
     * @return this builder
     */
    public Builder jdbcUrl(String jdbcUrl) {
      this.jdbcUrl = Objects.requireNonNull(jdbcUrl, "jdbcUrl");
      return this;
    }

    /**
     * The private EC P-256 key the {@link TokenMint} signs with; default a fresh one.
     *
     * @param signingKey the key
     * @return this builder
     */
    public Builder signingKey(ECKey signingKey) {
      this.signingKey = Objects.requireNonNull(signingKey, "signingKey");
      return this;
    }

    /**
     * A private RSA key (at least {@value TokenMint#RSA_KEY_BITS} bits, a key id other than the EC
     * key's) the {@link TokenMint} also signs RS256 tokens with, which the service then accepts
     * beside ES256; default none, ES256 only.
     *
     * @param rsaSigningKey the key ({@link TokenMint#generateRsaKey()} makes one)
     * @return this builder
     */
    public Builder rsaSigningKey(RSAKey rsaSigningKey) {
      this.rsaSigningKey = Objects.requireNonNull(rsaSigningKey, "rsaSigningKey");
      return this;
    }

    /**
     * Bytes of direct memory for an off-heap verified-token cache instead of the on-heap default
     * ({@code AuthEngine.Builder.tokenCacheOffHeap}); its chunks then show on {@code /metrics} as
     * the {@code auth.token.cache} pool. The JVM needs {@code --add-exports
     * java.base/jdk.internal.misc=ALL-UNNAMED}.
     *
     * @param bytes the capacity, 16384 to 2^40
     * @return this builder
     * @throws IllegalArgumentException if {@code bytes} is out of that range
     */
    public Builder tokenCacheOffHeap(long bytes) {
      if (bytes < 16_384 || bytes > (1L << 40)) {
        throw new IllegalArgumentException(
            "tokenCacheOffHeap must be between 16384 and " + (1L << 40) + " bytes, was " + bytes);
      }
      this.tokenCacheOffHeapBytes = bytes;
      return this;
    }

    /**
     * More meters for {@code /metrics}, bound at start beside the JVM's and Jetty's.
     *
     * @param binders the binders
     * @return this builder
     */
    public Builder meterBinders(Collection<? extends MeterBinder> binders) {
      this.binders.addAll(binders);
      return this;
    }

    /**
     * Builds the service and starts it.
     *
     * @return the running service
     * @throws Exception if the database, the seed data or Jetty fails; whatever was opened is
     *     closed
     * @throws IllegalArgumentException if the RSA key is weak, public or has the EC key's kid
     */
    public PhotoService start() throws Exception {
      TokenMint mint = signingKey == null ? TokenMint.generate() : TokenMint.of(signingKey);
      if (rsaSigningKey != null) {
        mint = TokenMint.of(mint.ecKey(), rsaSigningKey);
      }
      String url =
          jdbcUrl != null
              ? jdbcUrl
              : "jdbc:h2:mem:photos-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
      Database db = Database.builder().jdbcUrl(url).build();
      ChangeFeed feed = null;
      PrometheusMeterRegistry registry = null;
      JvmGcMetrics gc = null;
      Server server = null;
      try {
        BulwarkSchema.migrate(db.primary());
        PhotoTitles titles = new PhotoTitles(db.primary());
        titles.migrate();

        Schema schema = Schema.parse(resource("photos.cedarschema"));
        JdbcApiKeyStore keys = JdbcApiKeyStore.builder(db).build();
        JdbcRevocationStore revocations = JdbcRevocationStore.builder(db).build();
        JdbcEntityStore entities = JdbcEntityStore.builder(db).schema(schema).build();
        JdbcPolicyStore policyStore = JdbcPolicyStore.of(db);

        // The seed: the photos' owners, sharing and visibility for Cedar, their titles for the
        // service, and the policies, activated as the set in force.
        List<Entity> seed = seedEntities(schema);
        entities.putAll(seed);
        for (Entity e : seed) {
          if (e.uid().type().equals("Photo")) {
            titles.put(e.uid().id(), "A photo called " + e.uid().id());
          }
        }
        PolicySet policies = PolicySet.parse(resource("photos.cedar"));
        List<String> problems =
            schema.validate(policies).errors().stream().map(Object::toString).toList();
        if (!problems.isEmpty()) {
          throw new IllegalStateException("photos.cedar does not validate: " + problems);
        }
        policyStore.saveAndActivate(policies, "photo-sharing policies of the example service");

        ApiKeys apiKeys = ApiKeys.builder().prefix(API_KEY_PREFIX).store(keys).build();
        AuthEngine.Builder authBuilder =
            AuthEngine.builder()
                .issuer(
                    Issuer.builder(TokenMint.ISSUER)
                        .jwks(mint.publicKeys())
                        .audiences(TokenMint.AUDIENCE)
                        .algorithms(mint.algorithms().toArray(String[]::new))
                        .build())
                .apiKeys(apiKeys)
                .revocations(revocations)
                .realm("photos");
        if (tokenCacheOffHeapBytes > 0) {
          authBuilder.tokenCacheOffHeap(tokenCacheOffHeapBytes);
        }
        AuthEngine auth = authBuilder.build();
        PolicyEngine engine =
            PolicyEngine.builder()
                .policies(PolicySet.empty())
                .schema(schema)
                .validatePolicies(true)
                .entities(entities)
                .build();
        JdbcPolicyStore.Binding binding = policyStore.bind(engine);
        if (binding.lastFailure().isPresent()) {
          throw new IllegalStateException(
              "the policies are not in force: " + binding.lastFailure().get());
        }
        feed = ChangeFeed.builder(db).start();

        Map<String, GeneratedApiKey> demoKeys = new LinkedHashMap<>();
        demoKeys.put(
            "alice",
            apiKeys.generate("alice", Set.of("photos:read", "photos:write"), DEMO_API_KEY_TTL));
        demoKeys.put("bob", apiKeys.generate("bob", Set.of("photos:read"), DEMO_API_KEY_TTL));

        // The caller as a User: the token's groups and roles, and its scopes (or an API key's),
        // its parents.
        PrincipalMapper mapper =
            PrincipalMapper.builder("User")
                .parents("groups", "UserGroup")
                .rolesAs("Role")
                .scopesAs("Scope")
                .schema(schema)
                .build();
        BulwarkFilter filter =
            BulwarkFilter.builder()
                .authEngine(auth)
                .policyEngine(engine)
                .principalMapper(mapper)
                .routes(new PhotoRoutes(schema))
                .build();

        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("photos");
        server = new Server(threads);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);

        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gc = new JvmGcMetrics();
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new JettyMeters(threads).bindTo(registry);
        // Bulwark's own meters: the engines, the stores' caches, the pools and the change feed.
        new AuthEngineMetrics(auth).bindTo(registry);
        new PolicyEngineMetrics(engine).bindTo(registry);
        DbCacheMetrics.builder()
            .apiKeys(keys)
            .revocations(revocations)
            .entities(entities)
            .database(db)
            .changeFeed(feed)
            .build()
            .bindTo(registry);
        new KernelMetrics().bindTo(registry);
        for (MeterBinder b : binders) {
          b.bindTo(registry);
        }

        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addFilter(
            new FilterHolder(filter), PhotoRoutes.PREFIX + "*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new PhotoServlet(titles)), PhotoRoutes.PREFIX + "*");
        // Who the caller is needs no decision: every authenticated caller may ask.
        context.addFilter(
            new FilterHolder(BulwarkFilter.builder().authEngine(auth).authenticationOnly().build()),
            "/me",
            EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new MeServlet()), "/me");
        context.addServlet(new ServletHolder(new PublicServlet()), "/public");
        context.addServlet(new ServletHolder(new HealthServlet(db, auth)), "/health");
        context.addServlet(new ServletHolder(new MetricsServlet(registry)), "/metrics");
        server.setHandler(context);
        server.start();
        return new PhotoService(
            db,
            feed,
            revocations,
            apiKeys,
            mint,
            Map.copyOf(demoKeys),
            registry,
            gc,
            server,
            connector);
      } catch (Exception | Error e) {
        if (server != null) {
          try {
            server.stop();
          } catch (Exception suppressed) {
            e.addSuppressed(suppressed);
          }
        }
        if (feed != null) {
          feed.close();
        }
        if (gc != null) {
          gc.close();
        }
        if (registry != null) {
          registry.close();
        }
        db.close();
        throw e;
      }
    }
  }
}
