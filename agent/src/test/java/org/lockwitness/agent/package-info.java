/**
 * Tests of the agent's entry package: option parsing and rendering, the main class, the checker
 * SPI, and the integration tests that run test programs in forked JVMs under the built shaded jar
 * ({@code *IT}, run by failsafe; {@code Forked} starts them, each with its own directory and a
 * time limit on every wait).
 *
 * <p>Thread-safety: each test uses its own objects and its own directories; forked JVMs share
 * nothing with the test JVM but files.
 */
package org.lockwitness.agent;
