package org.lockwitness.jcip;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A real two-thread deadlock, for the watchdog: each thread takes its first lock, both meet at a
 * latch, then each blocks on the other's. With {@code monitors} the threads are daemons and stay
 * blocked when {@code main} returns; with {@code locks} they block in {@code lockInterruptibly}
 * and {@code main} interrupts the first, whose release of its lock lets the second go on (only
 * one is interrupted: interrupting both races the second's wake-up against its interrupt).
 * Either way {@code main} first gives the watchdog three seconds.
 */
public final class RealDeadlock {

    private final Object left = new Object();
    private final Object right = new Object();
    private final ReentrantLock first = new ReentrantLock();
    private final ReentrantLock second = new ReentrantLock();
    private final CountDownLatch bothHold = new CountDownLatch(2);

    public static void main(String[] args) throws InterruptedException {
        RealDeadlock d = new RealDeadlock();
        boolean monitors = args[0].equals("monitors");
        Thread a = new Thread(() -> d.run(monitors, true), "dl-a");
        Thread b = new Thread(() -> d.run(monitors, false), "dl-b");
        a.setDaemon(true);
        b.setDaemon(true);
        a.start();
        b.start();
        Thread.sleep(3000);
        if (!monitors) {
            a.interrupt();
            a.join();
            b.join();
        }
        System.out.println("main returns");
    }

    private void run(boolean monitors, boolean ab) {
        try {
            if (monitors && ab) {
                synchronized (left) { // SITE:holdsLeft
                    meet();
                    synchronized (right) { // SITE:waitsRight
                        System.out.println("never");
                    }
                }
            } else if (monitors) {
                synchronized (right) { // SITE:holdsRight
                    meet();
                    synchronized (left) { // SITE:waitsLeft
                        System.out.println("never");
                    }
                }
            } else if (ab) {
                first.lockInterruptibly(); // SITE:holdsFirst
                try {
                    meet();
                    second.lockInterruptibly(); // SITE:waitsSecond
                    second.unlock();
                } finally {
                    first.unlock();
                }
            } else {
                second.lockInterruptibly(); // SITE:holdsSecond
                try {
                    meet();
                    first.lockInterruptibly(); // SITE:waitsFirst
                    System.out.println("went on " + Thread.currentThread().getName());
                    first.unlock();
                } finally {
                    second.unlock();
                }
            }
        } catch (InterruptedException e) {
            System.out.println("interrupted " + Thread.currentThread().getName());
        }
    }

    private void meet() throws InterruptedException {
        bothHold.countDown();
        bothHold.await();
    }
}
