package org.lockwitness.kernel;

/**
 * A grouptask ({@code struct grouptask}): a task attached to one queue of a {@link TaskqGroup}.
 * {@link #enqueue()} ({@code GROUPTASK_ENQUEUE}) takes only the queue's spin mutex, so a filter may
 * call it.
 *
 * <p>Thread-safety: attach before the first enqueue.
 */
public final class GroupTask {

    private final Task task;
    private volatile Taskqueue queue;

    /**
     * {@code GROUPTASK_INIT}.
     *
     * @param name the task's name
     * @param fn   what it runs
     */
    public GroupTask(String name, Runnable fn) {
        this.task = new Task(name, fn);
    }

    /**
     * {@code taskqgroup_attach_cpu}.
     *
     * @param group the group
     * @param cpu   the CPU whose queue runs the task
     */
    public void attach(TaskqGroup group, int cpu) {
        queue = group.queue(cpu);
    }

    /** {@code GROUPTASK_ENQUEUE}. */
    public void enqueue() {
        Taskqueue q = queue;
        if (q == null) {
            throw new IllegalStateException("grouptask " + task.name + " is not attached");
        }
        q.enqueue(task);
    }
}
