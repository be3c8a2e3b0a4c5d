package org.lockwitness.jcip;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A real two-thread deadlock, for the watchdog: each thread takes its first lock, both meet at a
 * latch, then each blocks on the other's. With {@code monitors} the threads are daemons and stay
 * blocked when {@code main} returns; with {@code locks} they block in {@code lockInterruptibly}
 * and {@code main} interrupts them. Either way {@code main} first gives the watchdog three seconds.
 */
public final class RealDeadlock {

    private final Object left = new Object();
    private final Object right = new Object();
    private final ReentrantLock first = new ReentrantLock();
    private final ReentrantLock second = new ReentrantLock();
    private final CountDownLatch bothHold = new CountDownLatch(2);
    private final CountDownLatch bothInterrupted = new CountDownLatch(2);

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
            b.interrupt();
            a.join();
            b.join();
        }
        System.out.println("main returns");
    }

    private void run(boolean monitors, boolean ab) {
        try {
            if (monitors && ab) {
                synchronized (left) {
                    meet();
                    synchronized (right) {
                        System.out.println("never");
                    }
                }
            } else if (monitors) {
                synchronized (right) {
                    meet();
                    synchronized (left) {
                        System.out.println("never");
                    }
                }
            } else if (ab) {
                first.lockInterruptibly();
                try {
                    meet();
                    try {
                        second.lockInterruptibly();
                        second.unlock();
                    } catch (InterruptedException e) {
                        interrupted();
                    }
                } finally {
                    first.unlock();
                }
            } else {
                second.lockInterruptibly();
                try {
                    meet();
                    try {
                        first.lockInterruptibly();
                        first.unlock();
                    } catch (InterruptedException e) {
                        interrupted();
                    }
                } finally {
                    second.unlock();
                }
            }
        } catch (InterruptedException e) {
            System.out.println("interrupted " + Thread.currentThread().getName());
        }
    }

    /**
     * Interrupted out of the deadlock: keeps this thread's own lock until the other thread was
     * interrupted too. Released at once, it would let the other thread take it before main's second
     * interrupt arrived, and that thread would never be interrupted.
     */
    private void interrupted() throws InterruptedException {
        System.out.println("interrupted " + Thread.currentThread().getName());
        bothInterrupted.countDown();
        bothInterrupted.await();
    }

    private void meet() throws InterruptedException {
        bothHold.countDown();
        bothHold.await();
    }
}
