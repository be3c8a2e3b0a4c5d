package org.lockwitness.kernel;

/**
 * A taskqueue group ({@code struct taskqgroup}): one fast taskqueue per CPU, each served by a thread
 * bound to its CPU, as iflib's {@code if_io_tqg} and {@code if_config_tqg}.
 *
 * <p>Thread-safety: immutable after construction.
 */
public final class TaskqGroup {

    private final Taskqueue[] queues;

    /**
     * {@code taskqgroup_create} with its threads started.
     *
     * @param machine  the machine
     * @param name     the group's name
     * @param cpus     how many queues, one per CPU from 0
     * @param priority the threads' priority
     */
    public TaskqGroup(Machine machine, String name, int cpus, int priority) {
        if (cpus < 1 || cpus > machine.cpuCount()) {
            throw new IllegalArgumentException("a taskqgroup needs 1.." + machine.cpuCount() + " queues");
        }
        queues = new Taskqueue[cpus];
        for (int i = 0; i < cpus; i++) {
            queues[i] = new Taskqueue(machine, name + "_" + i, true);
            queues[i].startThreads(1, priority, i);
        }
    }

    Taskqueue queue(int cpu) {
        return queues[cpu % queues.length];
    }
}
