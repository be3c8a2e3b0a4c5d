/**
 * Test classes run by the extension's ITs in forked JVMs, never by this module's own test run
 * (their names match no Surefire or Failsafe pattern), and the forked JVMs' main class.
 *
 * <p>Thread-safety: each runs in its own JVM.
 */
package org.lockwitness.junit5.cases;
