/**
 * The iflib-queues workload (seed 000): FreeBSD iflib's flexible NIC queues ({@code iflib.c},
 * {@code iflib_msix_init}, {@code mp_ring}, the TX watchdog and the admin task) on a simulated
 * ixgbe NIC, with the ctx sx, the state mutex and the per-queue callout mutexes.
 *
 * <p>Thread-safety: model code; it runs on the model's kernel threads.
 */
package org.lockwitness.samples.iflib;
