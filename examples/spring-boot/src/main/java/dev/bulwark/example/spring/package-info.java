/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * The photo service as a Spring Boot 4 application with Bulwark behind Spring Security: {@link
 * dev.bulwark.example.spring.BulwarkAuthenticationManager} for the resource server, {@link
 * dev.bulwark.example.spring.BulwarkAuthorizationManager} for the routes.
 */
package dev.bulwark.example.spring;
