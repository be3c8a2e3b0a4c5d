/**
 * The kernel model's test fixtures: scenario programs shared by the model's unit tests and the
 * agent's forked-JVM tests, published as the {@code tests} jar of {@code kernel-model}.
 *
 * <p>Thread-safety: each scenario spawns kernel threads on a machine the caller owns.
 */
package org.lockwitness.scenarios;
