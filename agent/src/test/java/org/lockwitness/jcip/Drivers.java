package org.lockwitness.jcip;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs actions one after another, each on a thread of its own, so that their lock orders never
 * overlap and the program never deadlocks; yet the threads overlap in time (all are started
 * before the first action runs and joined after the last), so that no start/join happens-before
 * orders them and the start/join cycle filter lets their reversals fail. The turns are handed on
 * through an atomic counter, which is no lock.
 */
final class Drivers {

    private Drivers() {
    }

    static void inTurn(Runnable... actions) throws InterruptedException {
        AtomicInteger turn = new AtomicInteger();
        Thread[] threads = new Thread[actions.length];
        for (int i = 0; i < actions.length; i++) {
            int mine = i;
            Runnable a = actions[i];
            threads[i] = new Thread(() -> {
                while (turn.get() != mine) {
                    Thread.yield();
                }
                try {
                    a.run();
                } finally {
                    turn.set(mine + 1);
                }
            }, "driver-" + i);
        }
        for (Thread t : threads) {
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
    }
}
