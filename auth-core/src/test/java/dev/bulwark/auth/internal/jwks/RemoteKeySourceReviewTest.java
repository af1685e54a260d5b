/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.internal.jwks;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.bulwark.auth.internal.Refusal;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URL;
import java.time.Duration;
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
          Thread.sleep(50); // each read returns within the read timeout; the body never ends
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
          Duration.ofMillis(150), 256 * 1024);
      long end = System.nanoTime() + Duration.ofMillis(2_000).toNanos();
      while (System.nanoTime() < end) {
        try {
          source.current();
        } catch (Refusal expected) {
          // KEYS_UNAVAILABLE: the fetch never completes
        }
        Thread.sleep(50);
      }
      assertThat(requests.get()).isEqualTo(1);
    } finally {
      server.stop(0);
      handlers.shutdownNow();
    }
  }
}
