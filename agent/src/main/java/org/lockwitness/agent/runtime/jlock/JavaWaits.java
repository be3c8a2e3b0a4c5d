package org.lockwitness.agent.runtime.jlock;

import java.util.Date;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import org.lockwitness.witness.Witness;

/**
 * The hooks that replace {@code Object.wait} and {@code Condition.await*} calls in woven
 * application classes: waiting while holding a lock other than the one the wait releases is the
 * Java form of {@code SLEEP_WITH_LOCKS_HELD} (FreeBSD's {@code WITNESS_WARN} in {@code _sleep}).
 * Public because woven classes in any package call it; not an API for anyone else.
 *
 * <p>Design: {@code Object.wait} releases its receiver's monitor, which is the interlock. A
 * {@code Condition} does not say which lock it belongs to, so the newest
 * {@code java.util.concurrent} lock the thread holds stands for it: the wait is reported exactly
 * when another lock is held too, though the lock named as released may be the wrong one when the
 * condition belongs to an outer lock. A thread that holds nothing pays one {@code ThreadLocal}
 * read.
 *
 * <p>Thread-safety: each hook acts for the calling thread.
 */
public final class JavaWaits {

    private static final Witness W = JavaLockRuntime.witness();
    private static final String OBJECT_WAIT = "Object.wait";
    private static final String CONDITION_AWAIT = "Condition.await";

    private JavaWaits() {
    }

    /**
     * {@code Object.wait()}: waiting with another lock held is {@code SLEEP_WITH_LOCKS_HELD}.
     *
     * @param o the receiver
     * @param site the site id
     * @throws InterruptedException as the original
     */
    public static void wait(Object o, int site) throws InterruptedException {
        waiting(o, site);
        o.wait();
    }

    /**
     * {@code Object.wait(long)}.
     *
     * @param o the receiver
     * @param millis the timeout
     * @param site the site id
     * @throws InterruptedException as the original
     */
    public static void wait(Object o, long millis, int site) throws InterruptedException {
        waiting(o, site);
        o.wait(millis);
    }

    /**
     * {@code Object.wait(long, int)}.
     *
     * @param o the receiver
     * @param millis the timeout
     * @param nanos the extra nanoseconds
     * @param site the site id
     * @throws InterruptedException as the original
     */
    public static void wait(Object o, long millis, int nanos, int site) throws InterruptedException {
        waiting(o, site);
        o.wait(millis, nanos);
    }

    /**
     * {@code Condition.await()}: waiting with a lock other than the condition's held is
     * {@code SLEEP_WITH_LOCKS_HELD}.
     *
     * @param c the receiver
     * @param site the site id
     * @throws InterruptedException as the original
     */
    public static void await(Condition c, int site) throws InterruptedException {
        awaiting(site);
        c.await();
    }

    /**
     * {@code Condition.awaitUninterruptibly()}.
     *
     * @param c the receiver
     * @param site the site id
     */
    public static void awaitUninterruptibly(Condition c, int site) {
        awaiting(site);
        c.awaitUninterruptibly();
    }

    /**
     * {@code Condition.awaitNanos(long)}.
     *
     * @param c the receiver
     * @param nanos the timeout
     * @param site the site id
     * @return as the original
     * @throws InterruptedException as the original
     */
    public static long awaitNanos(Condition c, long nanos, int site) throws InterruptedException {
        awaiting(site);
        return c.awaitNanos(nanos);
    }

    /**
     * {@code Condition.await(long, TimeUnit)}.
     *
     * @param c the receiver
     * @param time the timeout
     * @param unit its unit
     * @param site the site id
     * @return as the original
     * @throws InterruptedException as the original
     */
    public static boolean await(Condition c, long time, TimeUnit unit, int site) throws InterruptedException {
        awaiting(site);
        return c.await(time, unit);
    }

    /**
     * {@code Condition.awaitUntil(Date)}.
     *
     * @param c the receiver
     * @param deadline the deadline
     * @param site the site id
     * @return as the original
     * @throws InterruptedException as the original
     */
    public static boolean awaitUntil(Condition c, Date deadline, int site) throws InterruptedException {
        awaiting(site);
        return c.awaitUntil(deadline);
    }

    /**
     * A blocking wait that releases no lock ({@code Thread.join} and the like): with any lock held,
     * it is {@code SLEEP_WITH_LOCKS_HELD}, reported under {@code what}.
     *
     * @param what what the thread waits in, e.g. {@code "Thread.join"}
     * @param site the site id
     */
    static void blockingWait(String what, int site) {
        JThread jt = JThread.get();
        if (jt.busy || jt.depth() == 0) {
            return;
        }
        jt.busy = true;
        try {
            W.sleep(jt.handle(W), what, 0L, site);
        } catch (Throwable e) {
            W.fault(e, "java blocking wait");
        } finally {
            jt.busy = false;
        }
    }

    private static void waiting(Object o, int site) {
        JThread jt = JThread.get();
        if (jt.busy || jt.depth() == 0) {
            return;
        }
        jt.busy = true;
        try {
            W.sleep(jt.handle(W), OBJECT_WAIT, JavaLocks.instance(o), site);
        } catch (Throwable e) {
            W.fault(e, "java wait");
        } finally {
            jt.busy = false;
        }
    }

    /** The condition's lock is not known here: the newest {@code java.util.concurrent} lock held stands for it. */
    private static void awaiting(int site) {
        JThread jt = JThread.get();
        if (jt.busy || jt.depth() == 0) {
            return;
        }
        jt.busy = true;
        try {
            int i = jt.newestJuc();
            W.sleep(jt.handle(W), CONDITION_AWAIT, i < 0 ? 0L : jt.instances[i], site);
        } catch (Throwable e) {
            W.fault(e, "java await");
        } finally {
            jt.busy = false;
        }
    }
}
