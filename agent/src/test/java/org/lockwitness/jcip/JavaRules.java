package org.lockwitness.jcip;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.concurrent.locks.StampedLock;

/** One program per rule of Java locks, chosen by the first argument. */
public final class JavaRules {

    private final ReentrantLock owned = new ReentrantLock();
    private final Object outer = new Object();
    private final Object inner = new Object();
    private final ReentrantLock guard = new ReentrantLock();
    private final Condition ready = guard.newCondition();
    private final ReentrantReadWriteLock rwA = new ReentrantReadWriteLock();
    private final ReentrantReadWriteLock rwB = new ReentrantReadWriteLock();
    private final StampedLock stamps = new StampedLock();

    public static void main(String[] args) throws Exception {
        JavaRules r = new JavaRules();
        switch (args[0]) {
            case "notOwned" -> r.notOwned();
            case "heldAtExit" -> Drivers.inTurn(() -> r.owned.lock());
            case "wait" -> r.waitWithAnotherHeld();
            case "await" -> r.awaitWithAnotherHeld();
            case "exceptions" -> r.exceptionPaths();
            case "stamped" -> r.stampedTwice();
            case "rw" -> Drivers.inTurn(() -> r.writeBoth(r.rwA, r.rwB), () -> r.writeBoth(r.rwB, r.rwA));
            default -> throw new IllegalArgumentException(args[0]);
        }
        System.out.println("done " + args[0]);
    }

    private void notOwned() throws InterruptedException {
        Drivers.inTurn(() -> owned.lock());
        try {
            owned.unlock(); // SITE:notOwned
        } catch (IllegalMonitorStateException expected) {
            System.out.println("the JDK refused the unlock");
        }
    }

    private void waitWithAnotherHeld() throws InterruptedException {
        synchronized (outer) {
            synchronized (inner) {
                inner.wait(1); // SITE:wait
            }
        }
        synchronized (inner) {
            inner.wait(1);
        }
    }

    private void awaitWithAnotherHeld() throws InterruptedException {
        synchronized (outer) {
            guard.lock();
            try {
                ready.await(1, TimeUnit.MILLISECONDS); // SITE:await
            } finally {
                guard.unlock();
            }
        }
        guard.lock();
        try {
            ready.awaitNanos(1000);
        } finally {
            guard.unlock();
        }
    }

    /** A synchronized method and a synchronized block that throw must leave nothing held behind. */
    private void exceptionPaths() {
        try {
            boom();
        } catch (IllegalStateException expected) {
            System.out.println("boom");
        }
        try {
            synchronized (outer) {
                throw new IllegalStateException("in a block");
            }
        } catch (IllegalStateException expected) {
            System.out.println("block");
        }
        synchronized (inner) {
            touch();
            synchronized (outer) {
                touch();
            }
        }
    }

    private synchronized void boom() {
        throw new IllegalStateException("in a synchronized method");
    }

    private synchronized void touch() {
        // takes this's monitor after inner's: inner -> JavaRules
    }

    /**
     * A second read, then (on another thread) a write after a read: each would wait for the thread
     * itself. The write is interruptible and interrupted, so the program ends.
     */
    private void stampedTwice() throws InterruptedException {
        long first = stamps.readLock();
        long second = stamps.readLock(); // SITE:secondRead
        stamps.unlockRead(second);
        stamps.unlockRead(first);
        Thread upgrader = new Thread(() -> {
            long read = stamps.readLock();
            try {
                stamps.writeLockInterruptibly(); // SITE:readThenWrite
            } catch (InterruptedException expected) {
                System.out.println("the write was interrupted");
            } finally {
                stamps.unlockRead(read);
            }
        });
        upgrader.start();
        Thread.sleep(100);
        upgrader.interrupt();
        upgrader.join();
    }

    private void writeBoth(ReentrantReadWriteLock first, ReentrantReadWriteLock second) {
        first.writeLock().lock();
        try {
            second.writeLock().lock();
            second.writeLock().unlock();
        } finally {
            first.writeLock().unlock();
        }
    }
}
