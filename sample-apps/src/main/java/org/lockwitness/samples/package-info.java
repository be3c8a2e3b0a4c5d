/**
 * The sample workloads' command line ({@code list}, {@code run}, {@code explore}, {@code demo}): how a
 * workload is chosen, run once or explored over many schedules, relaunched under the same agent in
 * its own JVM, and judged against the rules its buggy variant must produce.
 *
 * <p>The samples know the checker only through the model's {@code Checker} SPI: no witness or agent
 * class is used here.
 *
 * <p>Thread-safety: the command line runs on the main thread; the machines it builds run their own
 * kernel threads.
 */
package org.lockwitness.samples;
