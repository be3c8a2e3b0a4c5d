package org.lockwitness.samples.smpng;

import org.lockwitness.kernel.Sx;

/**
 * The sysctl MIB, serialized by the global sx "sysctl lock"; a handler for {@code kern.proc.pid}
 * reads a process under its process lock inside it.
 *
 * <p>Thread-safety: the tree is guarded by the sx.
 */
final class Sysctl {

    private final Sx lock = new Sx("sysctl lock", 0);
    private final ProcTree tree;

    Sysctl(ProcTree tree) {
        this.tree = tree;
    }

    /** {@code sysctl_kern_proc} for one pid. @return its signal count, or -1 when there is none */
    int kernProc(int pid) {
        lock.slock();
        Proc p = tree.pfind(pid);
        int signals = -1;
        if (p != null) {
            p.lock();
            signals = p.signals;
            p.unlock();
        }
        lock.sunlock();
        return signals;
    }
}
