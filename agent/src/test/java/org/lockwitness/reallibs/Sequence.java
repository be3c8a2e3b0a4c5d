package org.lockwitness.reallibs;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs two actions on two threads that are started together and joined together, the second
 * beginning only after the first has finished (a latch, not a join): both lock orders happen,
 * never at once, and neither thread's start or end orders it before the other.
 */
final class Sequence {

    private Sequence() {
    }

    static void firstThen(String firstName, Action first, String secondName, Action second)
            throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        Thread a = new Thread(() -> {
            try {
                first.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            } finally {
                done.countDown();
            }
        }, firstName);
        Thread b = new Thread(() -> {
            try {
                if (!done.await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException(firstName + " did not finish");
                }
                second.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, secondName);
        b.start();
        a.start();
        a.join();
        b.join();
    }

    /** An action that may throw. */
    interface Action {
        void run() throws Exception;
    }
}
