package org.lockwitness.jcip;

import java.util.concurrent.CountDownLatch;

/**
 * Runs two actions on two threads that live at the same time (both are started before either is
 * joined, so no thread start or join orders them), the second starting its work only once the
 * first has finished its own: their lock orders never meet in a real deadlock.
 */
final class Overlapping {

    private Overlapping() {
    }

    static void run(Runnable first, Runnable second) throws InterruptedException {
        CountDownLatch firstDone = new CountDownLatch(1);
        Thread a = new Thread(() -> {
            try {
                first.run();
            } finally {
                firstDone.countDown();
            }
        }, "overlap-first");
        Thread b = new Thread(() -> {
            try {
                firstDone.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            second.run();
        }, "overlap-second");
        a.start();
        b.start();
        a.join();
        b.join();
    }
}
