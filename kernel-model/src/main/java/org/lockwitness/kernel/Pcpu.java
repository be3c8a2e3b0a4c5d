package org.lockwitness.kernel;

import java.util.function.IntFunction;
import org.lockwitness.kernel.probe.KernelCode;
import org.lockwitness.kernel.probe.PcpuAccess;

/**
 * Per-CPU data ({@code PCPU_GET}/{@code DPCPU}): one element per CPU. Reading the running CPU's
 * element is safe only while the thread cannot migrate — pinned, bound, or in a critical section;
 * the access carries a probe so the checker can tell (PCPU_UNPINNED).
 *
 * @param <T> the element type
 *
 * <p>Thread-safety: each element belongs to its CPU; the array itself is immutable.
 */
@KernelCode
public final class Pcpu<T> {

    private final String name;
    private final Object[] elements;

    /**
     * @param machine the machine whose CPUs own the elements
     * @param name    the data's name
     * @param init    makes the element of each CPU
     */
    public Pcpu(Machine machine, String name, IntFunction<T> init) {
        this.name = name;
        this.elements = new Object[machine.cpuCount()];
        for (int i = 0; i < elements.length; i++) {
            elements[i] = init.apply(i);
        }
    }

    /** @return the data's name */
    public String name() {
        return name;
    }

    /**
     * {@code PCPU_GET}: the running CPU's element.
     *
     * @return the element
     */
    @PcpuAccess
    @SuppressWarnings("unchecked")
    public T get() {
        Machine.window();
        return (T) elements[KThread.curthread().cpu.id];
    }
}
