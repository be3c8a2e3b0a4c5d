package org.lockwitness.kernel;

import org.lockwitness.kernel.probe.KernelCode;

/**
 * A callout ({@code struct callout}): run a function once, a number of ticks from now, on the
 * softclock thread. Not MPSAFE callouts run under Giant; a callout initialized with a mutex
 * ({@code callout_init_mtx}) runs with that mutex held, and {@link #stop()} called with the mutex
 * held guarantees the function will not run.
 *
 * <p>Thread-safety: for kernel threads of one machine; state is guarded by the spin mutex "callout".
 */
@KernelCode
public final class Callout {

    /** {@code CALLOUT_RETURNUNLOCKED}: the function releases the callout's mutex itself. */
    public static final int CALLOUT_RETURNUNLOCKED = 0x0010;

    private final Machine machine;
    private final boolean mpsafe;
    private final Mtx mtx;
    private final int flags;
    Runnable func;
    Clock.Timer timer;
    boolean pending;
    boolean draining;
    int generation;

    /**
     * {@code callout_init}.
     *
     * @param machine the machine
     * @param mpsafe  false to run the function under Giant
     */
    public Callout(Machine machine, boolean mpsafe) {
        this(machine, mpsafe, null, 0);
    }

    /**
     * {@code callout_init_mtx}.
     *
     * @param machine the machine
     * @param mtx     the mutex the function runs under
     * @param flags   {@link #CALLOUT_RETURNUNLOCKED} or 0
     */
    public Callout(Machine machine, Mtx mtx, int flags) {
        this(machine, true, mtx, flags);
    }

    private Callout(Machine machine, boolean mpsafe, Mtx mtx, int flags) {
        this.machine = machine;
        this.mpsafe = mpsafe;
        this.mtx = mtx;
        this.flags = flags;
    }

    /**
     * {@code callout_reset}: (re)arms the callout on the running CPU.
     *
     * @param ticks how many ticks from now
     * @param f     the function
     */
    public void reset(int ticks, Runnable f) {
        Machine.window();
        KThread td = KThread.curthread();
        Softclock sc = machine.softclock();
        sc.lock.lockSpin();
        cancelTimer();
        int g = ++generation;
        func = f;
        pending = true;
        timer = machine.clock.add(ticks, td.cpu.id, () -> sc.expire(this, g));
        sc.lock.unlockSpin();
    }

    /**
     * {@code callout_stop}.
     *
     * @return true when a pending call was cancelled
     */
    public boolean stop() {
        Machine.window();
        Softclock sc = machine.softclock();
        sc.lock.lockSpin();
        boolean was = pending;
        pending = false;
        generation++;
        cancelTimer();
        sc.lock.unlockSpin();
        return was;
    }

    /**
     * {@code callout_drain}: stops the callout and waits for a running call to finish. May sleep.
     *
     * @return true when a pending call was cancelled
     */
    public boolean drain() {
        boolean was = stop();
        Softclock sc = machine.softclock();
        sc.lock.lockSpin();
        while (sc.running == this) {
            draining = true;
            Synch.msleepSpin(this, sc.lock, "codrain", 0);
        }
        sc.lock.unlockSpin();
        return was;
    }

    /** @return whether a call is pending ({@code callout_pending}) */
    public boolean pending() {
        return pending;
    }

    private void cancelTimer() {
        if (timer != null) {
            machine.clock.cancel(timer);
            timer = null;
        }
    }

    /** Runs the function as the softclock does: under the callout's mutex, or Giant, or nothing. */
    void runHandler(Machine m, Runnable f, int g) {
        if (mtx != null) {
            lockMtx();
            Softclock sc = m.softclock();
            sc.lock.lockSpin();
            boolean cancelled = generation != g;
            sc.lock.unlockSpin();
            if (cancelled) {
                unlockMtx();
                return;
            }
            f.run();
            if ((flags & CALLOUT_RETURNUNLOCKED) == 0) {
                unlockMtx();
            }
        } else if (!mpsafe) {
            m.giant.lock();
            f.run();
            m.giant.unlock();
        } else {
            f.run();
        }
    }

    private void lockMtx() {
        if (mtx.lockClass().isSpin()) {
            mtx.lockSpin();
        } else {
            mtx.lock();
        }
    }

    private void unlockMtx() {
        if (mtx.lockClass().isSpin()) {
            mtx.unlockSpin();
        } else {
            mtx.unlock();
        }
    }
}
