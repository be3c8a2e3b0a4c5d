package org.lockwitness.agent.runtime.jlock;

import org.lockwitness.witness.Witness;

/**
 * The hooks that replace {@code Thread.start()} and {@code Thread.join} calls in woven application
 * classes: they tell the witness the happens-before of starts and joins (Goodlock's rule, for the
 * start/join cycle filter), and a join with a lock held is the Java form of
 * {@code SLEEP_WITH_LOCKS_HELD}, as the other blocking waits of {@link JavaWaits}. Public because
 * woven classes in any package call it; not an API for anyone else.
 *
 * <p>Design: a start is reported before the thread starts, so that the child's clock is in place
 * before the child can take a lock; only a thread not yet started is reported, so a start that the
 * JDK refuses ({@code IllegalThreadStateException}) for a thread already started records nothing.
 * A join is reported after it returns, and only when the joined thread has ended (a timed join may
 * return early). Calls through a subclass's static type ({@code MyThread.join()}) are not woven, nor
 * {@code join(Duration)} (JDK 19) and thread builders or executors: their threads look concurrent with
 * everything, so a cycle among them is never filtered by start/join.
 *
 * <p>Thread-safety: each hook acts for the calling thread; the witness is thread-safe.
 */
public final class JavaThreads {

    private static final Witness W = JavaLockRuntime.witness();
    private static final String JOIN = "Thread.join";

    private JavaThreads() {
    }

    /**
     * {@code Thread.start()}.
     *
     * @param t the receiver
     * @param site the site id
     */
    public static void start(Thread t, int site) {
        if (t.getState() == Thread.State.NEW) {
            JThread jt = JThread.get();
            if (!jt.busy) {
                jt.busy = true;
                try {
                    W.threadStart(jt.handle(W), t.getId());
                } catch (Throwable e) {
                    W.fault(e, "java thread start");
                } finally {
                    jt.busy = false;
                }
            }
        }
        t.start();
    }

    /**
     * {@code Thread.join()}.
     *
     * @param t the receiver
     * @param site the site id
     * @throws InterruptedException as the original
     */
    public static void join(Thread t, int site) throws InterruptedException {
        JavaWaits.blockingWait(JOIN, site);
        t.join();
        joined(t);
    }

    /**
     * {@code Thread.join(long)}.
     *
     * @param t the receiver
     * @param millis the timeout
     * @param site the site id
     * @throws InterruptedException as the original
     */
    public static void join(Thread t, long millis, int site) throws InterruptedException {
        JavaWaits.blockingWait(JOIN, site);
        t.join(millis);
        joined(t);
    }

    /**
     * {@code Thread.join(long, int)}.
     *
     * @param t the receiver
     * @param millis the timeout
     * @param nanos the extra nanoseconds
     * @param site the site id
     * @throws InterruptedException as the original
     */
    public static void join(Thread t, long millis, int nanos, int site) throws InterruptedException {
        JavaWaits.blockingWait(JOIN, site);
        t.join(millis, nanos);
        joined(t);
    }

    private static void joined(Thread t) {
        if (t.isAlive()) {
            return;
        }
        JThread jt = JThread.get();
        if (jt.busy) {
            return;
        }
        jt.busy = true;
        try {
            W.threadJoin(jt.handle(W), t.getId());
        } catch (Throwable e) {
            W.fault(e, "java thread join");
        } finally {
            jt.busy = false;
        }
    }
}
