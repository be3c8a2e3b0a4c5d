package org.lockwitness.kernel;

import org.lockwitness.kernel.probe.KernelCode;
import org.lockwitness.kernel.probe.Sleep;

/**
 * A condition variable ({@code struct cv}, {@code kern_condvar.c}): threads wait on it with a lock
 * held, which the wait drops once the thread is on the sleep queue and takes back after waking.
 *
 * <p>Design: the condition variable is the wait channel of its waiters on the machine's sleep
 * queues, so waiting is {@code _sleep} with the lock as interlock (Giant and sleepable locks are
 * handled as there), {@link #signal} is {@code wakeup_one} and {@link #broadcast} is {@code wakeup}.
 * The sleep queue itself is the waiter count that FreeBSD keeps in {@code cv_waiters}.
 *
 * <p>Thread-safety: safe for use by kernel threads of one machine; signal and broadcast should be
 * called with the lock that waiters pass held, or a wakeup may come before a waiter sleeps.
 */
@KernelCode
public final class Cv {

    private final String description;

    /**
     * {@code cv_init}.
     *
     * @param description the wait message of its waiters
     */
    public Cv(String description) {
        if (description == null || description.isEmpty()) {
            throw new IllegalArgumentException("a condition variable needs a description");
        }
        this.description = description;
    }

    /**
     * {@code cv_wait}: sleeps until signalled, dropping {@code lock} while asleep.
     *
     * @param lock a lock held by the caller; dropped once the thread is on the sleep queue and
     *             held again on return
     */
    public void wait(LockObject lock) {
        cvWait(lock, description, 0);
    }

    /**
     * {@code cv_timedwait}: like {@link #wait(LockObject)}, for at most {@code timo} ticks.
     *
     * @param lock a lock held by the caller
     * @param timo the timeout in ticks, at least 1
     * @return 0 when signalled, {@link Synch#EWOULDBLOCK} on timeout
     */
    public int timedWait(LockObject lock, int timo) {
        return cvWait(lock, description, Math.max(1, timo));
    }

    /** {@code _cv_wait}/{@code _cv_timedwait}: the sleep, with the interlock and the wait message. */
    @Sleep(interlock = 0, wmesg = 1, cv = true)
    private int cvWait(LockObject lock, String wmesg, int timo) {
        if (lock == null) {
            throw Machine.panic("_cv_wait: lock NULL");
        }
        return Synch.sleep(this, lock, 0, wmesg, timo);
    }

    /** @return its description ({@code cv_wmesg}), the wait message of its waiters */
    String description() {
        return description;
    }

    /** {@code cv_signal}: wakes the most urgent waiter, if any. */
    public void signal() {
        Synch.wakeupOne(this);
    }

    /** {@code cv_broadcast}: wakes every waiter. */
    public void broadcast() {
        Synch.wakeup(this);
    }
}
