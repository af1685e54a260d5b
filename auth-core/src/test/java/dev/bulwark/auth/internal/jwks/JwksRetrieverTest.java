/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.auth.internal.jwks;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.bulwark.auth.testsupport.SelfSignedCertificate;
import dev.bulwark.auth.testsupport.StubHttpServer;
import dev.bulwark.auth.testsupport.TestKeys;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URL;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link JwksRetriever}: one GET against a real server on 127.0.0.1, and the short description each
 * kind of failure gets: the status and reason, the timeout, the size limit, a TLS or connect
 * failure; never the body of the response, never an exception's own message (the JDK's quote the
 * whole URI).
 */
@Timeout(value = 15, unit = TimeUnit.SECONDS)
class JwksRetrieverTest {
  private static final int TIMEOUT_MILLIS = 800;
  private static final int SIZE_LIMIT = 1024;
  private static final String BODY_MARKER = "body-marker-hunter2";

  private final JwksRetriever retriever = new JwksRetriever(TIMEOUT_MILLIS, SIZE_LIMIT);
  private StubHttpServer server;

  @BeforeEach
  void startServer() {
    server = StubHttpServer.start();
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  private URL url() throws IOException {
    return server.uri("/jwks.json?access_token=query-secret").toURL();
  }

  /** The description of the failure of a GET of {@code url}, failing the test if it succeeds. */
  private String failure(URL url) {
    Throwable e = catchThrowable(() -> retriever.retrieve(url));
    assertThat(e).as("the GET must fail").isNotNull();
    return retriever.describe(e);
  }

  @Test
  void ok_returnsTheBodyBytes() throws Exception {
    byte[] body = TestKeys.publicSet(TestKeys.RSA).toString().getBytes(UTF_8);
    server.serve(200, "application/json", body);
    assertThat(retriever.retrieve(url())).isEqualTo(body);
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 401, 403, 404, 429, 500, 502, 503, 504})
  void errorStatus_describedByCodeAndReason_withoutTheBody(int status) throws Exception {
    server.serve(status, "text/plain", BODY_MARKER.getBytes(UTF_8));
    // The JDK's server sends no reason phrase for some codes (429): the code alone then.
    assertThat(failure(url()))
        .matches("HTTP " + status + "( [A-Za-z -]+)?")
        .doesNotContain(BODY_MARKER)
        .doesNotContain("query-secret");
  }

  @Test
  void status500_describedAsHttp500WithItsReason() throws Exception {
    server.serve(500, "text/plain", BODY_MARKER.getBytes(UTF_8));
    assertThat(failure(url())).isEqualTo("HTTP 500 Internal Server Error");
  }

  @Test
  void redirect_describedByStatusAndThatItIsNotFollowed() throws Exception {
    server.redirect(server.uri("/elsewhere"));
    assertThat(failure(url())).startsWith("HTTP 302 ").endsWith(" (redirects are not followed)");
  }

  @Test
  void slowAnswer_describedAsReadTimeout() throws Exception {
    server.serveSlowly(TestKeys.publicSet(TestKeys.RSA), java.time.Duration.ofSeconds(10));
    assertThat(failure(url())).isEqualTo("read timed out after " + TIMEOUT_MILLIS + " ms");
  }

  @Test
  void serverDown_describedAsConnectFailure() throws Exception {
    URL url = url();
    server.goDown();
    assertThat(failure(url)).isEqualTo("could not connect (ConnectException)");
  }

  @Test
  void declaredLengthOverLimit_describedBySizeLimit() throws Exception {
    byte[] big = new byte[SIZE_LIMIT + 1];
    Arrays.fill(big, (byte) ' ');
    server.serve(200, "application/json", big);
    assertThat(failure(url()))
        .isEqualTo("response larger than the size limit of " + SIZE_LIMIT + " bytes");
  }

  @Test
  void chunkedBodyOverLimit_describedBySizeLimit() throws Exception {
    // No Content-Length: only counting the bytes read finds the excess.
    server.behave(
        (exchange, closed) -> {
          exchange.sendResponseHeaders(200, 0);
          try (OutputStream out = exchange.getResponseBody()) {
            for (int i = 0; i < 4; i++) {
              out.write(new byte[SIZE_LIMIT / 2]);
              out.flush();
            }
          }
        });
    assertThat(failure(url()))
        .isEqualTo("response larger than the size limit of " + SIZE_LIMIT + " bytes");
  }

  @Test
  void bodyExactlyAtLimit_isReturned() throws Exception {
    byte[] body = new byte[SIZE_LIMIT];
    Arrays.fill(body, (byte) ' ');
    server.serve(200, "application/json", body);
    assertThat(retriever.retrieve(url())).hasSize(SIZE_LIMIT);
  }

  @Test
  void httpsToAServerAnsweringPlainText_describedAsTlsFailure() throws Exception {
    // A plain HTTP answer where the TLS handshake expects a ServerHello.
    try (ServerSocket plain = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread answer =
          new Thread(
              () -> {
                try (Socket s = plain.accept()) {
                  s.getOutputStream().write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(UTF_8));
                  s.getOutputStream().flush();
                  s.getInputStream().read(new byte[4096]);
                } catch (IOException e) {
                  // the client gave up: nothing more to say
                }
              },
              "plain-text-server");
      answer.setDaemon(true);
      answer.start();
      URL url = new URL("https://127.0.0.1:" + plain.getLocalPort() + "/jwks.json");
      assertThat(failure(url)).startsWith("TLS ");
    }
  }

  @Test
  void httpsWithUntrustedCertificate_describedAsTlsHandshakeFailure() throws Exception {
    KeyPair keys = TestKeys.ATTACKER_RSA.toKeyPair();
    Certificate cert = SelfSignedCertificate.create(keys, "localhost", Instant.now());
    char[] password = "test-only".toCharArray();
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("server", keys.getPrivate(), password, new Certificate[] {cert});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(store, password);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(kmf.getKeyManagers(), null, null);
    HttpsServer https =
        HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    https.setHttpsConfigurator(new HttpsConfigurator(tls));
    https.createContext(
        "/",
        exchange -> {
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    https.start();
    try {
      URL url = new URL("https://127.0.0.1:" + https.getAddress().getPort() + "/jwks.json");
      assertThat(failure(url)).isEqualTo("TLS handshake failed (SSLHandshakeException)");
    } finally {
      https.stop(0);
    }
  }

  @Test
  void describe_otherIOException_namesItsTypeNotItsMessage() {
    IOException e =
        new IOException(
            "Server returned HTTP response code: 500 for URL: "
                + "https://id.example.com/jwks?access_token=query-secret");
    assertThat(retriever.describe(e)).isEqualTo("I/O error (IOException)");
  }

  @Test
  void statusDescription_reasonWithControlCharacters_isMadePrintable() {
    assertThat(JwksRetriever.statusDescription(500, "Oops\r\nX-Injected: 1"))
        .isEqualTo("HTTP 500 Oops??X-Injected: 1");
  }

  @Test
  void statusDescription_longReason_isCut() {
    assertThat(JwksRetriever.statusDescription(500, "x".repeat(1000)))
        .isEqualTo("HTTP 500 " + "x".repeat(64) + "...");
  }
}
