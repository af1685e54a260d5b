/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.internal.jwks;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.sun.net.httpserver.HttpServer;
import dev.bulwark.auth.internal.Refusal;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URL;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Attack tests for {@link RemoteKeySource} from the security review. */
class RemoteKeySourceReviewTest {

  @Test
  void current_serverTricklesBodyPastDeadline_atMostOneFetchInFlight() throws Exception {
    AtomicInteger requests = new AtomicInteger();
    ExecutorService handlers = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "trickling-jwks-server");
      t.setDaemon(true);
      return t;
    });
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(handlers);
    server.createContext("/jwks", exchange -> {
      requests.incrementAndGet();
      exchange.sendResponseHeaders(200, 100_000);
      try (OutputStream out = exchange.getResponseBody()) {
        for (int i = 0; i < 100_000; i++) {
          out.write(' ');
          out.flush();
          Thread.sleep(10); // each read returns well within the read timeout; the body never ends
        }
      } catch (InterruptedException | java.io.IOException e) {
        // the test is over
      }
    });
    server.start();
    try {
      URL url = new URL("http://127.0.0.1:" + server.getAddress().getPort() + "/jwks");
      RemoteKeySource source = new RemoteKeySource(url, Duration.ofSeconds(10),
          Duration.ofSeconds(1), Duration.ofMillis(100), Duration.ofHours(1),
          Duration.ofMillis(500), 256 * 1024);
      long end = System.nanoTime() + Duration.ofMillis(3_500).toNanos();
      while (System.nanoTime() < end) {
        try {
          source.current();
        } catch (Refusal expected) {
          // KEYS_UNAVAILABLE: the fetch never completes
        }
        Thread.sleep(50);
      }
      // Each abandoned fetch is still reading when the next call comes (deadline 1 s): without the
      // single in-flight rule, every call after a deadline would open another connection.
      assertThat(requests.get()).isEqualTo(1);
    } finally {
      server.stop(0);
      handlers.shutdownNow();
    }
  }

  private static JWK ecKey(String kid) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return new ECKey.Builder(Curve.P_256, (ECPublicKey) g.generateKeyPair().getPublic())
        .keyID(kid).build();
  }

  @Test
  void convert_olderFetchConvertedAfterNewerOne_newerSetStaysPublished() throws Exception {
    // Port 9 refuses connections: current() falls back to the published set.
    RemoteKeySource source = new RemoteKeySource(new URL("http://127.0.0.1:9/jwks"),
        Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofHours(1),
        Duration.ofMillis(200), 65536);
    JWK rotatedOut = ecKey("old");
    JWK fresh = ecKey("new");
    var older = new RemoteKeySource.SequencedJwkSet(List.of(rotatedOut, fresh), 1);
    var newer = new RemoteKeySource.SequencedJwkSet(List.of(fresh), 2);
    long now = System.currentTimeMillis();

    source.convert(newer, now + 10);
    source.convert(older, now); // the thread that fetched first resumes late

    assertThat(source.current().byKid("old")).isNull();
  }
}
