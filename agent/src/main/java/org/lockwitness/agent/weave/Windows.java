package org.lockwitness.agent.weave;

/**
 * Where interrupt windows go ({@code windows=}). Immutable.
 */
public enum Windows {
    /** Before every source line and every {@code @Shared} field access of {@code @KernelCode}. */
    LINES,
    /** Only the model's own primitive-boundary windows. */
    PROBES,
    /** No window at all: the model's own are removed too. */
    OFF
}
