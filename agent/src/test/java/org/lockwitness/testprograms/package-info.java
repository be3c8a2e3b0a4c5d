/**
 * Programs that the integration tests run in forked JVMs, with or without the agent: small uses of
 * the kernel model (ABBA, model locks, context rules, a rendezvous, a stream of new reversals) and one
 * that does not touch it.
 * Lines marked {@code // SITE:name} are the sites the tests expect in reports.
 *
 * <p>Thread-safety: each program runs alone in its JVM; their kernel threads run on the model's
 * machine, which schedules them.
 */
package org.lockwitness.testprograms;
