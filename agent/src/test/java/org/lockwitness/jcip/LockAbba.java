package org.lockwitness.jcip;

import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/** A ReentrantLock ABBA: fields typed as the lock class and as the interface. */
public final class LockAbba {

    private final ReentrantLock first = new ReentrantLock();
    private final Lock second = new ReentrantLock();

    void ab() {
        first.lock();
        try {
            second.lock(); // SITE:ab
            try {
                first.lock();
                first.unlock();
            } finally {
                second.unlock();
            }
        } finally {
            first.unlock();
        }
    }

    void ba() {
        second.lock();
        try {
            first.lock(); // SITE:ba
            first.unlock();
        } finally {
            second.unlock();
        }
    }

    public static void main(String[] args) throws InterruptedException {
        LockAbba d = new LockAbba();
        Drivers.inTurn(d::ab, d::ba);
        System.out.println("done");
    }
}
