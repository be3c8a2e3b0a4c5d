/**
 * The JUnit 5 extension ({@link org.lockwitness.junit5.LockwitnessExtension}): tells the agent
 * which test runs and fails the test during which a new finding appeared. It reaches the agent only
 * by reflection through the agent's API of JDK types ({@code AgentLink}), so it needs no agent at
 * compile time and does nothing, saying so once, without one.
 *
 * <p>Thread-safety: stateless but for the per-JVM link, which is immutable.
 */
package org.lockwitness.junit5;
