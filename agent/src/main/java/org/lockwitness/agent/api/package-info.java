/**
 * The agent's API for test frameworks: {@link org.lockwitness.agent.api.LockwitnessApi}, static
 * methods of JDK types only, found by reflection on the system class loader, never exposing the
 * agent's shaded libraries; and {@link org.lockwitness.agent.api.TestRegistry}, the running tests
 * behind it, which also names the test of each new finding for the witness.
 *
 * <p>Like the run-time side, this package never touches Byte Buddy, ASM or the weave package.
 *
 * <p>Thread-safety: everything here is thread-safe; see {@code TestRegistry} for the design.
 */
package org.lockwitness.agent.api;
