/**
 * Tests of the JUnit 5 extension: its fail policy in-process, and the extension itself in forked
 * JVMs with and without the agent ({@code LockwitnessExtensionIT}).
 *
 * <p>Thread-safety: each forked run has a directory of its own.
 */
package org.lockwitness.junit5;
