/**
 * The rendezvous-preempt workload (seeds 000 and 001): FreeBSD r222254, a preemption inside an SMP
 * rendezvous handler when {@code rm_cleanIPI} runs in the gap of {@code critical_exit}. Packet-filter
 * hooks under an rmlock, netisr readers on every CPU and an administrator that adds hooks.
 *
 * <p>Thread-safety: model code; it runs on the model's kernel threads.
 */
package org.lockwitness.samples.rendezvous;
