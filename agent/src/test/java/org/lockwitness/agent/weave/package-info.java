/**
 * Tests of the weave side: the prefilter's byte scan and the woven bytecode of model classes
 * (interrupt windows and probe advice), woven in the test JVM without installing the agent.
 *
 * <p>Thread-safety: each test weaves with its own witness and counters.
 */
package org.lockwitness.agent.weave;
