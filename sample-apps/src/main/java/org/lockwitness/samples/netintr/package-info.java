/**
 * The mpsafe-netintr workload (seed 003): DragonFly's MPSAFE network interrupt with one LWKT
 * serializer per interface ({@code lwkt_serialize_handler_call}) and a non-MPSAFE handler sharing
 * the IRQ, checked with {@code @Requires}.
 *
 * <p>Thread-safety: model code; it runs on the model's kernel threads.
 */
package org.lockwitness.samples.netintr;
