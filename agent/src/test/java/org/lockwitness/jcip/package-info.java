/**
 * Test drivers for the Java locks of ordinary code, after the programs of "Java Concurrency in
 * Practice" (Goetz et al., chapter 10), written anew: each runs its two lock orders in threads
 * that are alive together but take their turns one after another, so that a potential deadlock is
 * reported without the program deadlocking.
 * Run in forked JVMs by {@code JavaLocksIT}; lines the tests look up carry {@code // SITE:marker}.
 */
package org.lockwitness.jcip;
