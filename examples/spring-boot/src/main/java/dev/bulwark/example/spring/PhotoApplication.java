/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.example.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The photo-sharing service of {@code examples/http-service} as a Spring Boot application: Spring
 * Security's resource server authenticates each request through Bulwark's {@code AuthEngine}
 * ({@link BulwarkAuthenticationManager}), {@link BulwarkAuthorizationManager} decides {@code GET}
 * and {@code PUT /photos/{id}} with Bulwark's {@code PolicyEngine}, and {@code
 * /actuator/prometheus} carries Bulwark's meters beside Spring's.
 *
 * <p>Run it with {@code ./mvnw -q -pl examples/spring-boot -am package exec:java -DskipTests
 * -Dbulwark.exec.skipHttpService=true} (the property keeps the photo service, whose Cedar files
 * this module reads, from starting first); it listens on port 8080. Not for production as it
 * stands: its identity provider is the demo {@code TokenMint}, whose tokens only the tests mint,
 * and its stores are in memory (see {@link BulwarkBeans} for what to swap in).
 */
@SpringBootApplication
public class PhotoApplication {
  /**
   * Starts the application.
   *
   * @param args Spring Boot's arguments ({@code --server.port=0}, ...)
   */
  public static void main(String[] args) {
    SpringApplication.run(PhotoApplication.class, args);
  }
}
