/** Unit tests of the Java-lock run-time side's own data structures, without an agent. */
package org.lockwitness.agent.runtime.jlock;
