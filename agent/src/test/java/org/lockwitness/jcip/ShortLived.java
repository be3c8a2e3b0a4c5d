package org.lockwitness.jcip;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Many short-lived threads, each taking a monitor and a {@code ReentrantLock} (always in that
 * order), in rounds; after each round the agent's sweep runs at once (by reflection: the agent's
 * run-time classes are on the class path only under the agent), so that the thread handles the
 * witness keeps peak at about one round's threads when those of ended threads are dropped, and at
 * all of them when they leak.
 */
final class ShortLived {

    static final int ROUNDS = 20;
    static final int PER_ROUND = 50;
    private static final Object MONITOR = new Object();
    private static final ReentrantLock LOCK = new ReentrantLock();

    private ShortLived() {
    }

    static void run(ThreadFactory threads) throws Exception {
        Method sweep = Class.forName("org.lockwitness.agent.runtime.jlock.JavaLockRuntime").getMethod("sweep");
        for (int r = 0; r < ROUNDS; r++) {
            List<Thread> round = new ArrayList<>();
            CountDownLatch all = new CountDownLatch(PER_ROUND);
            for (int i = 0; i < PER_ROUND; i++) {
                Thread t = threads.newThread(() -> work(all));
                t.start();
                round.add(t);
            }
            for (Thread t : round) {
                t.join();
            }
            sweep.invoke(null);
        }
        System.out.println("short-lived threads: " + ROUNDS * PER_ROUND);
    }

    /** Takes both locks, then waits, holding none, until every thread of the round has taken them. */
    private static void work(CountDownLatch all) {
        synchronized (MONITOR) {
            LOCK.lock();
            LOCK.unlock();
        }
        all.countDown();
        try {
            all.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
