package org.lockwitness.kernel;

import java.util.ArrayList;
import java.util.List;
import org.lockwitness.kernel.probe.NoWindows;

/**
 * A CPU's run queue: by priority, FIFO within a priority, with preempted threads put back at the
 * head of their priority ({@code SRQ_PREEMPTED}). Guarded by the sched lock; its size is volatile so
 * an idle CPU may poll it ({@code sched_runnable}).
 */
@NoWindows
final class RunQueue {

    private final List<KThread> threads = new ArrayList<>();
    private volatile int size;
    private long seq;

    void add(KThread td, boolean head) {
        int i = 0;
        int n = threads.size();
        while (i < n) {
            KThread o = threads.get(i);
            if (o.priority > td.priority || (head && o.priority == td.priority)) {
                break;
            }
            i++;
        }
        td.runqSeq = seq++;
        threads.add(i, td);
        size = threads.size();
    }

    boolean remove(KThread td) {
        boolean removed = threads.remove(td);
        size = threads.size();
        return removed;
    }

    KThread poll() {
        if (threads.isEmpty()) {
            return null;
        }
        KThread td = threads.remove(0);
        size = threads.size();
        return td;
    }

    int size() {
        return size;
    }
}
