package org.lockwitness.agent.runtime.jlock;

import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.lockwitness.witness.Witness;

/**
 * The hooks that replace blocking waits in woven application classes: {@code Future.get},
 * {@code CountDownLatch.await}, {@code CyclicBarrier.await}, {@code Semaphore.acquire} and
 * {@code LockSupport.park*}. Such a wait releases no lock, so waiting in one with any instrumented
 * lock held is the Java form of {@code SLEEP_WITH_LOCKS_HELD} (FreeBSD's {@code WITNESS_WARN} in
 * {@code _sleep}, with no interlock): the thread that would complete the future, count the latch
 * down or unpark this one may need a lock this one holds. Reported as {@link JavaWaits} reports
 * {@code Object.wait}, the wait message naming the call. Public because woven classes in any
 * package call it; not an API for anyone else.
 *
 * <p>Design: the report comes before the call, whether or not the call would block (a future
 * already done, a latch at zero, a permit free): the rule is about what the code may do, as
 * FreeBSD's is. A thread that holds nothing pays one {@code ThreadLocal} read; nothing is
 * allocated. Whatever the checker throws is a {@code CHECKER_FAULT}; the original call then runs
 * as written and its exceptions are the host's own.
 *
 * <p>Thread-safety: each hook acts for the calling thread.
 */
public final class JavaBlocking {

    private static final Witness W = JavaLockRuntime.witness();
    static final String FUTURE_GET = "Future.get";
    static final String LATCH_AWAIT = "CountDownLatch.await";
    static final String BARRIER_AWAIT = "CyclicBarrier.await";
    static final String SEMAPHORE_ACQUIRE = "Semaphore.acquire";
    static final String PARK = "LockSupport.park";

    private JavaBlocking() {
    }

    /**
     * {@code Future.get()}.
     *
     * @param f the receiver
     * @param site the site id
     * @return as the original
     * @throws InterruptedException as the original
     * @throws ExecutionException as the original
     */
    public static Object get(Future<?> f, int site) throws InterruptedException, ExecutionException {
        blocking(FUTURE_GET, site);
        return f.get();
    }

    /**
     * {@code Future.get(long, TimeUnit)}.
     *
     * @param f the receiver
     * @param time the timeout
     * @param unit its unit
     * @param site the site id
     * @return as the original
     * @throws InterruptedException as the original
     * @throws ExecutionException as the original
     * @throws TimeoutException as the original
     */
    public static Object get(Future<?> f, long time, TimeUnit unit, int site)
            throws InterruptedException, ExecutionException, TimeoutException {
        blocking(FUTURE_GET, site);
        return f.get(time, unit);
    }

    /**
     * {@code CountDownLatch.await()}.
     *
     * @param latch the receiver
     * @param site the site id
     * @throws InterruptedException as the original
     */
    public static void await(CountDownLatch latch, int site) throws InterruptedException {
        blocking(LATCH_AWAIT, site);
        latch.await();
    }

    /**
     * {@code CountDownLatch.await(long, TimeUnit)}.
     *
     * @param latch the receiver
     * @param time the timeout
     * @param unit its unit
     * @param site the site id
     * @return as the original
     * @throws InterruptedException as the original
     */
    public static boolean await(CountDownLatch latch, long time, TimeUnit unit, int site)
            throws InterruptedException {
        blocking(LATCH_AWAIT, site);
        return latch.await(time, unit);
    }

    /**
     * {@code CyclicBarrier.await()}.
     *
     * @param barrier the receiver
     * @param site the site id
     * @return as the original
     * @throws InterruptedException as the original
     * @throws BrokenBarrierException as the original
     */
    public static int await(CyclicBarrier barrier, int site) throws InterruptedException, BrokenBarrierException {
        blocking(BARRIER_AWAIT, site);
        return barrier.await();
    }

    /**
     * {@code CyclicBarrier.await(long, TimeUnit)}.
     *
     * @param barrier the receiver
     * @param time the timeout
     * @param unit its unit
     * @param site the site id
     * @return as the original
     * @throws InterruptedException as the original
     * @throws BrokenBarrierException as the original
     * @throws TimeoutException as the original
     */
    public static int await(CyclicBarrier barrier, long time, TimeUnit unit, int site)
            throws InterruptedException, BrokenBarrierException, TimeoutException {
        blocking(BARRIER_AWAIT, site);
        return barrier.await(time, unit);
    }

    /**
     * {@code Semaphore.acquire()}.
     *
     * @param s the receiver
     * @param site the site id
     * @throws InterruptedException as the original
     */
    public static void acquire(Semaphore s, int site) throws InterruptedException {
        blocking(SEMAPHORE_ACQUIRE, site);
        s.acquire();
    }

    /**
     * {@code Semaphore.acquire(int)}.
     *
     * @param s the receiver
     * @param permits the permits
     * @param site the site id
     * @throws InterruptedException as the original
     */
    public static void acquire(Semaphore s, int permits, int site) throws InterruptedException {
        blocking(SEMAPHORE_ACQUIRE, site);
        s.acquire(permits);
    }

    /**
     * {@code Semaphore.acquireUninterruptibly()}.
     *
     * @param s the receiver
     * @param site the site id
     */
    public static void acquireUninterruptibly(Semaphore s, int site) {
        blocking(SEMAPHORE_ACQUIRE, site);
        s.acquireUninterruptibly();
    }

    /**
     * {@code Semaphore.acquireUninterruptibly(int)}.
     *
     * @param s the receiver
     * @param permits the permits
     * @param site the site id
     */
    public static void acquireUninterruptibly(Semaphore s, int permits, int site) {
        blocking(SEMAPHORE_ACQUIRE, site);
        s.acquireUninterruptibly(permits);
    }

    /**
     * {@code LockSupport.park()}.
     *
     * @param site the site id
     */
    public static void park(int site) {
        blocking(PARK, site);
        LockSupport.park();
    }

    /**
     * {@code LockSupport.park(Object)}.
     *
     * @param blocker the blocker
     * @param site the site id
     */
    public static void park(Object blocker, int site) {
        blocking(PARK, site);
        LockSupport.park(blocker);
    }

    /**
     * {@code LockSupport.parkNanos(long)}.
     *
     * @param nanos the timeout
     * @param site the site id
     */
    public static void parkNanos(long nanos, int site) {
        blocking(PARK, site);
        LockSupport.parkNanos(nanos);
    }

    /**
     * {@code LockSupport.parkNanos(Object, long)}.
     *
     * @param blocker the blocker
     * @param nanos the timeout
     * @param site the site id
     */
    public static void parkNanos(Object blocker, long nanos, int site) {
        blocking(PARK, site);
        LockSupport.parkNanos(blocker, nanos);
    }

    /**
     * {@code LockSupport.parkUntil(long)}.
     *
     * @param deadline the deadline, in epoch milliseconds
     * @param site the site id
     */
    public static void parkUntil(long deadline, int site) {
        blocking(PARK, site);
        LockSupport.parkUntil(deadline);
    }

    /**
     * {@code LockSupport.parkUntil(Object, long)}.
     *
     * @param blocker the blocker
     * @param deadline the deadline, in epoch milliseconds
     * @param site the site id
     */
    public static void parkUntil(Object blocker, long deadline, int site) {
        blocking(PARK, site);
        LockSupport.parkUntil(blocker, deadline);
    }

    /** A wait that releases nothing: any lock held is reported (no interlock). */
    private static void blocking(String wmesg, int site) {
        JThread jt = JThread.get();
        if (jt.busy || jt.depth() == 0) {
            return;
        }
        jt.busy = true;
        try {
            W.sleep(jt.handle(W), wmesg, 0L, site);
        } catch (Throwable e) {
            W.fault(e, "java blocking wait");
        } finally {
            jt.busy = false;
        }
    }
}
