/**
 * The smpng-subsystems workload (seed 004): the FreeBSD Architecture Handbook's SMPng design —
 * proctree and process locks, SIGIO's {@code sigio_lock}, the softclock and Giant, the sysctl sx and
 * the MAC policy list's busy count and condition variable — with WITNESS's declared order chains.
 *
 * <p>Thread-safety: model code; it runs on the model's kernel threads.
 */
package org.lockwitness.samples.smpng;
