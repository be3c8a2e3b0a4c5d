package org.lockwitness.kernel;

/**
 * A task for a {@link Taskqueue} ({@code struct task}): a function and its pending count. Enqueueing
 * a pending task only counts.
 *
 * <p>Thread-safety: its state is guarded by the taskqueue's mutex.
 */
public final class Task {

    final String name;
    final Runnable fn;
    int pending;
    boolean draining;

    /**
     * {@code TASK_INIT}.
     *
     * @param name the task's name
     * @param fn   what it runs
     */
    public Task(String name, Runnable fn) {
        this.name = name;
        this.fn = fn;
    }

    /** @return the task's name */
    public String name() {
        return name;
    }
}
