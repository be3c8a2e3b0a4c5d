/**
 * Unit tests of the Java-lock rewrite: what a woven class calls, read back from its bytecode, and
 * that it passes the JVM's verifier.
 *
 * <p>Thread-safety: each test weaves for itself.
 */
package org.lockwitness.agent.weave.jlock;
