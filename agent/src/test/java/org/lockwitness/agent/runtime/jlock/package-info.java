/**
 * Unit tests of the Java-lock run-time side's own data structures, without an agent: the
 * allocation-site table, the stamp holds, the read/write lock instances.
 *
 * <p>Thread-safety: each test makes its own structures.
 */
package org.lockwitness.agent.runtime.jlock;
