package org.lockwitness.jcip;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.concurrent.locks.StampedLock;

/**
 * Locks that no field names at the place they are taken, each pair in both orders on two
 * overlapping threads: two {@code new Object()}s from two sites (two classes, named by their
 * allocation sites); two {@code ReentrantLock}s from one factory line (one class, two instances);
 * a field's {@code Object} taken through a local (named by the field it was stored into, as when
 * taken through the field) against a local one; two {@code ArrayList}s from two sites (collections
 * made by a class that has {@code synchronized} blocks: two classes, by allocation site); a {@code ReentrantReadWriteLock}'s write lock
 * against a {@code StampedLock}'s write (both by allocation site).
 */
public final class AllocationNaming {

    private final Object guarded = new Object();

    public static void main(String[] args) throws Exception {
        Object first = new Object(); // SITE:first
        Object second = new Object(); // SITE:second
        Overlapping.run(() -> nest(first, second), () -> nest(second, first));

        ReentrantLock a = make();
        ReentrantLock b = make();
        Overlapping.run(() -> nest(a, b), () -> nest(b, a));

        AllocationNaming n = new AllocationNaming();
        Object local = new Object(); // SITE:local
        Overlapping.run(() -> n.guardedThenLocal(local), () -> n.localThenGuarded(local));

        List<String> left = new ArrayList<>(); // SITE:left
        List<String> right = new ArrayList<>(); // SITE:right
        Overlapping.run(() -> nest(left, right), () -> nest(right, left));

        ReentrantReadWriteLock rw = new ReentrantReadWriteLock(); // SITE:rw
        StampedLock stamped = new StampedLock(); // SITE:stamped
        Overlapping.run(() -> writeThenStamp(rw, stamped), () -> stampThenWrite(rw, stamped));
        System.out.println("done");
    }

    private static ReentrantLock make() {
        return new ReentrantLock(); // SITE:factory
    }

    private static void nest(Object outer, Object inner) {
        synchronized (outer) {
            synchronized (inner) {
                inner.hashCode();
            }
        }
    }

    private static void nest(ReentrantLock outer, ReentrantLock inner) {
        outer.lock();
        try {
            inner.lock();
            inner.unlock();
        } finally {
            outer.unlock();
        }
    }

    /** Takes the field's object through a local copy, so the acquire site knows no field. */
    private void guardedThenLocal(Object local) {
        Object viaLocal = guarded;
        synchronized (viaLocal) {
            synchronized (local) {
                local.hashCode();
            }
        }
    }

    private void localThenGuarded(Object local) {
        synchronized (local) {
            synchronized (guarded) {
                guarded.hashCode();
            }
        }
    }

    private static void writeThenStamp(ReentrantReadWriteLock rw, StampedLock stamped) {
        rw.writeLock().lock();
        try {
            stamped.unlockWrite(stamped.writeLock());
        } finally {
            rw.writeLock().unlock();
        }
    }

    private static void stampThenWrite(ReentrantReadWriteLock rw, StampedLock stamped) {
        long stamp = stamped.writeLock();
        try {
            rw.writeLock().lock();
            rw.writeLock().unlock();
        } finally {
            stamped.unlockWrite(stamp);
        }
    }
}
