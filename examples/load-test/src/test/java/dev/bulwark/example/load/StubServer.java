/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.example.load;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An HTTP/1.1 server on a loopback port for the generator's tests: answers every request at once
 * with a fixed status and body, except that it stalls before answering the request of a given
 * number (counted from 0 over all connections). A thread per connection.
 */
final class StubServer implements AutoCloseable {
  private final ServerSocket socket;
  private final int status;
  private final long stallAt;
  private final long stallMillis;
  private final AtomicLong served = new AtomicLong();

  StubServer(int status, long stallAt, long stallMillis) throws IOException {
    this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.status = status;
    this.stallAt = stallAt;
    this.stallMillis = stallMillis;
    Thread acceptor = new Thread(this::accept, "stub-acceptor");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return socket.getLocalPort();
  }

  private void accept() {
    while (!socket.isClosed()) {
      try {
        Socket s = socket.accept();
        Thread t = new Thread(() -> serve(s), "stub-connection");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket s) {
    byte[] response =
        ("HTTP/1.1 " + status + " X\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok")
            .getBytes(StandardCharsets.US_ASCII);
    try (s;
        InputStream in = new BufferedInputStream(s.getInputStream());
        OutputStream out = s.getOutputStream()) {
      int state = 0;
      int c;
      // Requests without a body: each ends at its blank line.
      while ((c = in.read()) >= 0) {
        state =
            switch (state) {
              case 0, 2 -> c == '\r' ? state + 1 : 0;
              case 1 -> c == '\n' ? 2 : 0;
              case 3 -> c == '\n' ? 4 : 0;
              default -> 0;
            };
        if (state == 4) {
          state = 0;
          if (served.getAndIncrement() == stallAt) {
            Thread.sleep(stallMillis);
          }
          out.write(response);
          out.flush();
        }
      }
    } catch (IOException | InterruptedException e) {
      // The test closed the connection.
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
