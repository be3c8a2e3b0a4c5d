package org.lockwitness.agent.runtime.jlock;

import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * What a {@code ReentrantReadWriteLock}'s read and write locks say about themselves. The two are
 * separate objects with no public way back to their {@code ReentrantReadWriteLock}; what joins them
 * is the {@code Sync} they share (a private field of each). That object is the lock's identity
 * here, so a read and the write of one lock are one instance for the witness (its read then write
 * is a self-deadlock, its write then read a downgrade), and it answers for the calling thread
 * ({@code getReadHoldCount}) and for an ended one ({@code getReadLockCount}, {@code getOwner}).
 *
 * <p>Design: {@link #open} opens {@code java.util.concurrent.locks} of {@code java.base} to this
 * class's module alone ({@code Instrumentation.redefineModule}; nothing is retransformed), and the
 * method handles are made once, on first use, in {@link Handles}. When that fails (a JDK whose
 * fields differ, no instrumentation), every answer falls back: a read or write lock is its own
 * instance, and the lock's word is "unknown", so the witness's own view decides, as before.
 * Reading the {@code Sync} allocates nothing.
 *
 * <p>Thread-safety: stateless once {@link Handles} is initialised (the JVM's class initialisation
 * publishes it).
 */
final class RwLocks {

    /** An answer the lock could not give. */
    static final int UNKNOWN = -1;

    private RwLocks() {
    }

    /** Opens the lock package to this module; call before the first hook. Never throws. */
    static void open(Instrumentation inst) {
        try {
            Module base = Lock.class.getModule();
            inst.redefineModule(base, Set.of(), Map.of(),
                    Map.of("java.util.concurrent.locks", Set.of(RwLocks.class.getModule())), Set.of(), Map.of());
        } catch (RuntimeException e) {
            System.err.println("lockwitness: cannot open java.util.concurrent.locks (" + e
                    + "); the read and write locks of one ReentrantReadWriteLock are told apart");
        }
    }

    /** The identity of a read ({@code read}) or write lock: the {@code Sync} it shares, or itself. */
    static Object identity(Lock l, boolean read) {
        MethodHandle h = read ? Handles.SYNC_OF_READ : Handles.SYNC_OF_WRITE;
        if (h != null) {
            try {
                Object sync = (Object) h.invokeExact((Object) l);
                if (sync != null) {
                    return sync;
                }
            } catch (Throwable e) {
                return l;
            }
        }
        return l;
    }

    /** The calling thread's read holds of the lock whose identity is {@code sync}, or {@link #UNKNOWN}. */
    static int readHolds(Object sync) {
        return ask(Handles.READ_HOLDS, sync);
    }

    /** All threads' read holds of {@code sync}, or {@link #UNKNOWN}. */
    static int readCount(Object sync) {
        return ask(Handles.READ_COUNT, sync);
    }

    /** The thread that holds the write lock of {@code sync}, or null (none, or unknown). */
    static Thread writer(Object sync) {
        MethodHandle h = Handles.OWNER;
        if (h == null || !Handles.SYNC.isInstance(sync)) {
            return null;
        }
        try {
            return (Thread) h.invokeExact(sync);
        } catch (Throwable e) {
            return null;
        }
    }

    /** Whether the identity could be read, so that the other answers can be asked. */
    static boolean known(Object sync) {
        return Handles.SYNC != null && Handles.SYNC.isInstance(sync);
    }

    private static int ask(MethodHandle h, Object sync) {
        if (h == null || !Handles.SYNC.isInstance(sync)) {
            return UNKNOWN;
        }
        try {
            return (int) h.invokeExact(sync);
        } catch (Throwable e) {
            return UNKNOWN;
        }
    }

    /** The handles, made on first use, after {@link #open}; all null when they cannot be made. */
    private static final class Handles {
        static final Class<?> SYNC;
        static final MethodHandle SYNC_OF_READ;
        static final MethodHandle SYNC_OF_WRITE;
        static final MethodHandle READ_HOLDS;
        static final MethodHandle READ_COUNT;
        static final MethodHandle OWNER;

        static {
            Class<?> sync = null;
            MethodHandle[] h = new MethodHandle[5];
            try {
                sync = Class.forName("java.util.concurrent.locks.ReentrantReadWriteLock$Sync");
                MethodHandles.Lookup l = MethodHandles.privateLookupIn(ReentrantReadWriteLock.class,
                        MethodHandles.lookup());
                MethodType toObject = MethodType.methodType(Object.class, Object.class);
                MethodType toInt = MethodType.methodType(int.class, Object.class);
                h[0] = l.findGetter(ReentrantReadWriteLock.ReadLock.class, "sync", sync).asType(toObject);
                h[1] = l.findGetter(ReentrantReadWriteLock.WriteLock.class, "sync", sync).asType(toObject);
                h[2] = l.findVirtual(sync, "getReadHoldCount", MethodType.methodType(int.class)).asType(toInt);
                h[3] = l.findVirtual(sync, "getReadLockCount", MethodType.methodType(int.class)).asType(toInt);
                h[4] = l.findVirtual(sync, "getOwner", MethodType.methodType(Thread.class))
                        .asType(MethodType.methodType(Thread.class, Object.class));
            } catch (ReflectiveOperationException | RuntimeException e) {
                sync = null;
                h = new MethodHandle[5];
            }
            SYNC = sync;
            SYNC_OF_READ = h[0];
            SYNC_OF_WRITE = h[1];
            READ_HOLDS = h[2];
            READ_COUNT = h[3];
            OWNER = h[4];
        }

        private Handles() {
        }
    }
}
