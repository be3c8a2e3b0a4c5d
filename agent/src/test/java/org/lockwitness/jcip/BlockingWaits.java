package org.lockwitness.jcip;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Every blocking wait the agent hooks, each once with a lock held (a monitor for some, a
 * {@code ReentrantLock} for the others: any lock counts) and once with nothing held. None of them
 * blocks: the futures are done, the latch is at zero, the barrier has one party, the semaphore has
 * permits and the park finds its permit.
 */
public final class BlockingWaits {

    private final Object monitor = new Object();
    private final ReentrantLock lock = new ReentrantLock();
    private final FutureTask<String> task = new FutureTask<>(() -> "task");
    private final CountDownLatch latch = new CountDownLatch(0);
    private final CyclicBarrier barrier = new CyclicBarrier(1);
    private final Semaphore permits = new Semaphore(2);

    public static void main(String[] args) throws Exception {
        BlockingWaits w = new BlockingWaits();
        w.task.run();
        synchronized (w.monitor) {
            w.futuresAndLatch();
        }
        w.lock.lock();
        try {
            w.barrierSemaphorePark();
        } finally {
            w.lock.unlock();
        }
        w.futuresAndLatch();
        w.barrierSemaphorePark();
        System.out.println("done");
    }

    private void futuresAndLatch() throws Exception {
        Future<String> future = task;
        CompletableFuture<String> done = CompletableFuture.completedFuture("done");
        future.get(); // SITE:futureGet
        task.get(1, TimeUnit.SECONDS); // SITE:futureTaskTimedGet
        done.get(); // SITE:completableGet
        latch.await(); // SITE:latchAwait
        latch.await(1, TimeUnit.MILLISECONDS); // SITE:latchTimedAwait
    }

    private void barrierSemaphorePark() throws Exception {
        barrier.await(1, TimeUnit.SECONDS); // SITE:barrierAwait
        permits.acquire(); // SITE:semaphoreAcquire
        permits.release();
        LockSupport.unpark(Thread.currentThread());
        LockSupport.park(this); // SITE:park
        LockSupport.parkNanos(1_000L); // SITE:parkNanos
    }
}
