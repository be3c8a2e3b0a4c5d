/**
 * Tests of the run-time side: that the classes woven code calls, as built into the shaded jar,
 * never reach Byte Buddy, ASM or the weave package (a constant-pool scan of the jar, and an
 * isolated class loader that cannot see them).
 *
 * <p>Thread-safety: each test opens the jar and builds its class loader for itself.
 */
package org.lockwitness.agent.runtime;
