/**
 * Tests of the API for test frameworks: that it shows only JDK types, and how a test registry
 * attributes findings on a test's thread, its children and foreign threads.
 *
 * <p>Thread-safety: each test builds its own registry and threads and joins them.
 */
package org.lockwitness.agent.api;
