package org.lockwitness.samples.smpng;

import java.util.ArrayList;
import java.util.List;
import org.lockwitness.kernel.Sx;

/**
 * The process tree: the sx "proctree" guards the tree's shape and "allproc" the list of all
 * processes, in WITNESS's declared order proctree, then allproc. The parent pointer shows SMPng's
 * "read with one, write with all": {@link #reparent} holds both the proctree sx and the child's
 * process lock; {@link #getppid} reads it under the process lock alone, {@link #inferior} under the
 * proctree sx alone.
 *
 * <p>Thread-safety: as above.
 */
final class ProcTree {

    private final Sx proctree = new Sx("proctree", 0);
    private final Sx allproc = new Sx("allproc", 0);
    private final List<Proc> procs = new ArrayList<>();
    private final Proc init;
    private int nextPid = 2;

    ProcTree() {
        init = new Proc(1, null);
        procs.add(init);
    }

    Proc init() {
        return init;
    }

    /** A process made at boot, before the machine runs and so without locks, as {@code init}'s first child. */
    Proc bootProc() {
        Proc p = new Proc(nextPid++, init);
        procs.add(p);
        return p;
    }

    /** {@code fork1}: link the child under the proctree sx, then onto allproc. */
    Proc fork(Proc parent) {
        proctree.xlock();
        allproc.xlock();
        Proc child = new Proc(nextPid++, parent);
        procs.add(child);
        allproc.xunlock();
        proctree.xunlock();
        return child;
    }

    /** {@code proc_reparent}: the parent pointer is written under both locks. */
    void reparent(Proc child, Proc parent) {
        proctree.xlock();
        child.lock();
        child.parent = parent;
        child.unlock();
        proctree.xunlock();
    }

    /** {@code getppid}: read under the process lock. */
    int getppid(Proc p) {
        p.lock();
        int ppid = p.parent == null ? 0 : p.parent.pid;
        p.unlock();
        return ppid;
    }

    /** {@code inferior}: walk the parent pointers under the proctree sx. */
    boolean inferior(Proc p, Proc ancestor) {
        proctree.slock();
        Proc q = p;
        while (q != null && q != ancestor) {
            q = q.parent;
        }
        proctree.sunlock();
        return q == ancestor;
    }

    /** {@code pfind}: look a process up on allproc. */
    Proc pfind(int pid) {
        allproc.slock();
        Proc found = null;
        for (Proc p : procs) {
            if (p.pid == pid) {
                found = p;
            }
        }
        allproc.sunlock();
        return found;
    }
}
