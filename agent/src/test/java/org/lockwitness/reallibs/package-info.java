/**
 * Drivers of real library code with documented lock-order deadlocks, run under the agent in forked
 * JVMs by {@code RealLibrariesIT}: log4j 1.2.13 (Bugzilla 41214) and commons-dbcp 1.2 with
 * commons-pool 1.2 (DBCP-270). Each takes both lock orders the way its bug report describes, in two
 * threads that are alive together but sequenced by a latch, so the program never deadlocks; the
 * libraries are test-scoped and never shaded.
 */
package org.lockwitness.reallibs;
