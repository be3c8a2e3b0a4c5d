package org.lockwitness.jcip;

import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Lock-order cycles that cannot deadlock, one per cycle filter, each on locks of its own so that
 * one JVM runs several and the findings tell them apart by name: {@code single} (one thread takes
 * both orders), {@code gate} (two threads alive together take the orders under one gate lock),
 * {@code startJoin} (the first thread is joined before the second is started), {@code readRead}
 * (two threads alive together read two read/write locks in both orders, nothing ever writes), and
 * {@code joinHeld} (a join with a monitor held).
 */
public final class FilteredCycles {

    private final ReentrantLock single1 = new ReentrantLock();
    private final ReentrantLock single2 = new ReentrantLock();
    private final Object gate = new Object();
    private final Object gateA = new Object();
    private final Object gateB = new Object();
    private final ReentrantLock joinA = new ReentrantLock();
    private final ReentrantLock joinB = new ReentrantLock();
    private final ReentrantReadWriteLock rwA = new ReentrantReadWriteLock();
    private final ReentrantReadWriteLock rwB = new ReentrantReadWriteLock();
    private final Object joinLock = new Object();
    private int work;

    void singleThread() {
        single1.lock();
        try {
            single2.lock();
            single2.unlock();
        } finally {
            single1.unlock();
        }
        single2.lock();
        try {
            single1.lock(); // SITE:single
            single1.unlock();
        } finally {
            single2.unlock();
        }
    }

    void gatedAb() {
        synchronized (gate) {
            synchronized (gateA) {
                synchronized (gateB) {
                    work++;
                }
            }
        }
    }

    void gatedBa() {
        synchronized (gate) {
            synchronized (gateB) {
                synchronized (gateA) { // SITE:gate
                    work--;
                }
            }
        }
    }

    void joinAb() {
        joinA.lock();
        try {
            joinB.lock();
            joinB.unlock();
        } finally {
            joinA.unlock();
        }
    }

    void joinBa() {
        joinB.lock();
        try {
            joinA.lock(); // SITE:startJoin
            joinA.unlock();
        } finally {
            joinB.unlock();
        }
    }

    void startJoin() throws InterruptedException {
        Thread first = new Thread(this::joinAb, "sj-first");
        first.start();
        first.join();
        Thread second = new Thread(this::joinBa, "sj-second");
        second.start();
        second.join();
    }

    void readAb() {
        rwA.readLock().lock();
        try {
            rwB.readLock().lock();
            rwB.readLock().unlock();
        } finally {
            rwA.readLock().unlock();
        }
    }

    void readBa() {
        rwB.readLock().lock();
        try {
            rwA.readLock().lock(); // SITE:readRead
            rwA.readLock().unlock();
        } finally {
            rwB.readLock().unlock();
        }
    }

    void joinHeld() throws InterruptedException {
        Thread t = new Thread(() -> work++, "joined");
        synchronized (joinLock) {
            t.start();
            t.join(); // SITE:joinHeld
        }
    }

    public static void main(String[] args) throws InterruptedException {
        FilteredCycles c = new FilteredCycles();
        for (String a : args) {
            switch (a) {
                case "single" -> c.singleThread();
                case "gate" -> Drivers.inTurn(c::gatedAb, c::gatedBa);
                case "startJoin" -> c.startJoin();
                case "readRead" -> Drivers.inTurn(c::readAb, c::readBa);
                case "joinHeld" -> c.joinHeld();
                default -> throw new IllegalArgumentException(a);
            }
        }
        System.out.println("done " + c.work);
    }
}
