/**
 * Unit tests of the Java-lock run-time side's pure logic: the allocation-site table.
 *
 * <p>Thread-safety: each test makes its own table.
 */
package org.lockwitness.agent.runtime.jlock;
