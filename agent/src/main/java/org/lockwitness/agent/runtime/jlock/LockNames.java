package org.lockwitness.agent.runtime.jlock;

import java.util.Arrays;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.lockwitness.witness.LockFlags;
import org.lockwitness.witness.LockKind;
import org.lockwitness.witness.Witness;

/**
 * The witness lock ids of Java locks, by name: the names woven sites registered (a field,
 * {@code Owner.class}, an allocation site {@code File.java:line}) and the runtime classes of
 * locked objects.
 *
 * <p>Design: a monitor's class is the runtime class of the object, cached per class in a
 * {@link ClassValue}, except for the JDK's own types ({@code Object}, collections, arrays,
 * {@code Class}), which say nothing about their use and are named by the site's name (the field
 * that held them) when it has one, else by their allocation site when woven code allocated them
 * ({@link AllocationSites}, {@link JavaAllocations}), else by their class. A
 * {@code java.util.concurrent} lock is named the same way: field, allocation site, runtime class;
 * unnamed locks of one class form one class whose instances are ordered one by one. Objects from
 * one allocation site are one class, from two sites two. A registered name has one id per kind,
 * in a flat int array indexed by {@code name * KINDS + kind}, published through a volatile field:
 * after the first acquire under a name, finding its id is two array reads, with no allocation (an
 * allocation-site lookup allocates nothing either).
 *
 * <p>Thread-safety: registration and growth take this class's own monitor (never instrumented: the
 * agent's packages are not woven); the lookup is lock-free, and two threads enrolling one name at
 * once get the same id from the witness, so a lost write to the id array only costs a second
 * enroll.
 */
final class LockNames {

    static final int MONITOR = 0;
    static final int LOCK = 1;
    static final int RW = 2;
    static final int STAMPED = 3;
    private static final int KINDS = 4;
    private static final LockKind[] KIND = {LockKind.JAVA_MONITOR, LockKind.JAVA_LOCK, LockKind.JAVA_RW,
        LockKind.JAVA_STAMPED};
    /** Reentrant kinds are enrolled with RECURSE; a StampedLock is not reentrant. */
    private static final int[] FLAGS = {LockFlags.RECURSE, LockFlags.RECURSE, LockFlags.RECURSE, 0};
    private static final Object REGISTRY = new Object();
    /** The allocation sites of the lock objects woven code made. */
    static final AllocationSites SITES = new AllocationSites();

    private static volatile String[] names = new String[64];
    private static volatile int[] ids = new int[64 * KINDS];
    private static int count = 1;

    /** Per runtime class: its monitor id, or {@link #GENERIC} for a JDK type. */
    private static final ClassValue<int[]> BY_CLASS = new ClassValue<>() {
        @Override
        protected int[] computeValue(Class<?> type) {
            return new int[] {generic(type) ? GENERIC : 0, 0};
        }
    };
    private static final int GENERIC = -1;

    private LockNames() {
    }

    static int register(String name) {
        synchronized (REGISTRY) {
            String[] n = names;
            for (int i = 1; i < count; i++) {
                if (n[i].equals(name)) {
                    return i;
                }
            }
            if (count == n.length) {
                ids = Arrays.copyOf(ids, n.length * 2 * KINDS);
                n = Arrays.copyOf(n, n.length * 2);
            }
            n[count] = name;
            names = n;
            return count++;
        }
    }

    /** The lock id of a registered name for a kind. */
    static int named(Witness w, int name, int kind) {
        int[] all = ids;
        int i = name * KINDS + kind;
        int id = i < all.length ? all[i] : 0;
        if (id == 0) {
            id = w.enroll(names[name], KIND[kind], FLAGS[kind]);
            all[i] = id;
        }
        return id;
    }

    /** The lock id of a monitor: its runtime class; for a JDK type the site's name, else its allocation site. */
    static int monitor(Witness w, Object o, int name) {
        Class<?> type = o.getClass();
        int[] slot = BY_CLASS.get(type);
        if (slot[0] == GENERIC) {
            int n = name != 0 ? name : SITES.lookup(o);
            if (n != 0) {
                return named(w, n, MONITOR);
            }
            if (slot[1] == 0) {
                slot[1] = w.enroll(type.getName(), LockKind.JAVA_MONITOR, LockFlags.RECURSE);
            }
            return slot[1];
        }
        if (slot[0] == 0) {
            slot[0] = w.enroll(type.getName(), LockKind.JAVA_MONITOR, LockFlags.RECURSE);
        }
        return slot[0];
    }

    /**
     * The lock id of a {@code java.util.concurrent} lock: the site's name, else its allocation site,
     * else its class. A read or write lock of a {@code ReentrantReadWriteLock} made in woven code is
     * named first by that lock's allocation site or field (both halves were recorded under it), so
     * that its read and write are one lock class however the halves are held ({@code Owner.r} and
     * {@code Owner.w} are both {@code Owner.rwl}): they are one lock, and an order through one half
     * against an order through the other is a real deadlock.
     */
    static int juc(Witness w, Object lock, int name, int kind) {
        int n = kind == RW || name == 0 ? SITES.lookup(lock) : 0;
        if (n == 0) {
            n = name;
        }
        if (n != 0) {
            return named(w, n, kind);
        }
        int[] slot = BY_CLASS.get(lock.getClass());
        if (slot[1] == 0) {
            slot[1] = w.enroll(lock.getClass().getName(), KIND[kind], FLAGS[kind]);
        }
        return slot[1];
    }

    /** The name a lock is shown under: the site's name, else its allocation site, else the runtime class's. */
    static String display(Object lock, int name) {
        int n = lock instanceof ReentrantReadWriteLock.ReadLock || lock instanceof ReentrantReadWriteLock.WriteLock
                || name == 0 ? SITES.lookup(lock) : 0;
        if (n == 0) {
            n = name;
        }
        return n != 0 ? names[n] : lock.getClass().getName();
    }

    /** The JDK's own types, arrays included: a monitor of one is named by where it is held. */
    static boolean generic(Class<?> type) {
        String n = type.getName();
        return type.isArray() || n.startsWith("java.") || n.startsWith("javax.") || n.startsWith("jdk.")
                || n.startsWith("sun.") || n.startsWith("com.sun.");
    }
}
