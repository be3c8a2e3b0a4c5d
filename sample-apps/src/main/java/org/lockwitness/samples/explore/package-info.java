/**
 * Exploration strategies for DETERMINISTIC machines: probabilistic concurrency testing (PCT) over
 * CPUs, a sweep of interrupt delays, and the bounded delay of interrupt delivery they share. Each is
 * a pure function of its seed and the scheduling points it is shown, so a seed replays exactly.
 *
 * <p>Thread-safety: a strategy is used by one machine, from its baton holder only.
 */
package org.lockwitness.samples.explore;
