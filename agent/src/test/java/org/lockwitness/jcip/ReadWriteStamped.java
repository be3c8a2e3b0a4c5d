package org.lockwitness.jcip;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.concurrent.locks.StampedLock;

/**
 * The JDK's own semantics of read/write and stamped locks, in two programs chosen by the first
 * argument: {@code legal} (everything the JDK allows and the witness must stay silent on: stamps
 * released by another thread, conversions, a downgrade, a second read, acquires and releases through a
 * {@code MethodHandle} or reflection) and {@code deadlocks} (a read then a write of one
 * {@code ReentrantReadWriteLock}, and a read/read cycle across two of them).
 */
public final class ReadWriteStamped {

    private final StampedLock stamps = new StampedLock();
    private final ReentrantLock after = new ReentrantLock();
    private final ReentrantLock plain = new ReentrantLock();
    private final ReentrantLock converted = new ReentrantLock();
    private final ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
    private final ReentrantReadWriteLock upgraded = new ReentrantReadWriteLock();
    private final ReentrantReadWriteLock left = new ReentrantReadWriteLock();
    private final ReentrantReadWriteLock right = new ReentrantReadWriteLock();
    private final ReentrantReadWriteLock halved = new ReentrantReadWriteLock();
    private final Lock reads = halved.readLock();
    private final Lock writes = halved.writeLock();
    private final ReentrantLock between = new ReentrantLock();
    private volatile long handed;
    private volatile boolean released;
    private volatile boolean done;

    public static void main(String[] args) throws Throwable {
        ReadWriteStamped p = new ReadWriteStamped();
        switch (args[0]) {
            case "legal" -> {
                p.writeHandOff();
                p.readHandOff();
                p.conversions();
                p.downgradeAndSecondRead();
                p.unseenAcquiresAndReleases();
            }
            case "deadlocks" -> {
                p.readThenWrite();
                Drivers.inTurn(p::readLeftThenRight, p::readRightThenLeft);
            }
            case "halves" -> Drivers.inTurn(p::readThenBetween, p::betweenThenWrite);
            default -> throw new IllegalArgumentException(args[0]);
        }
        System.out.println("done " + args[0]);
    }

    /**
     * Thread a takes the write and thread b releases it with a's stamp; then a takes {@code after},
     * and another thread takes {@code after} and then the write. Were a still counted as holding
     * the stamped lock, its {@code after} would order the two both ways.
     */
    private void writeHandOff() throws InterruptedException {
        handed = 0L;
        released = false;
        Thread a = new Thread(() -> {
            handed = stamps.writeLock();
            spinUntilReleased();
            after.lock();
            after.unlock();
        }, "acquirer");
        a.start();
        while (handed == 0L) {
            Thread.onSpinWait();
        }
        Thread b = new Thread(() -> {
            stamps.unlockWrite(handed);
            released = true;
        }, "releaser");
        b.start();
        b.join();
        a.join();
        Drivers.inTurn(() -> {
            after.lock();
            try {
                long s = stamps.writeLock();
                stamps.unlockWrite(s);
            } finally {
                after.unlock();
            }
        });
    }

    /**
     * Thread c reads throughout; thread a reads, thread b releases a's read with a's stamp, and a
     * reads again. The lock is still read-locked (by c), so only the hand-over tells that a's first
     * read is gone: else a's second read would look like a read queueing behind a writer.
     */
    private void readHandOff() throws InterruptedException {
        handed = 0L;
        released = false;
        done = false;
        Thread c = new Thread(() -> {
            long s = stamps.readLock();
            while (!done) {
                Thread.onSpinWait();
            }
            stamps.unlockRead(s);
        }, "reader");
        c.start();
        while (!stamps.isReadLocked()) {
            Thread.onSpinWait();
        }
        Thread a = new Thread(() -> {
            handed = stamps.readLock();
            spinUntilReleased();
            long again = stamps.readLock();
            stamps.unlockRead(again);
        }, "acquirer");
        a.start();
        while (handed == 0L) {
            Thread.onSpinWait();
        }
        Thread b = new Thread(() -> {
            stamps.unlockRead(handed);
            released = true;
        }, "releaser");
        b.start();
        b.join();
        a.join();
        done = true;
        c.join();
    }

    /**
     * Read to write to read to optimistic, then {@code converted}; another thread takes
     * {@code converted} and then the write. A conversion that left a hold behind would order the
     * two both ways.
     */
    private void conversions() throws InterruptedException {
        Drivers.inTurn(() -> {
            long r = stamps.readLock();
            long w = stamps.tryConvertToWriteLock(r);
            long r2 = w == 0L ? 0L : stamps.tryConvertToReadLock(w);
            long o = r2 == 0L ? 0L : stamps.tryConvertToOptimisticRead(r2);
            if (o != 0L && stamps.validate(o) && !stamps.isReadLocked() && !stamps.isWriteLocked()) {
                System.out.println("converted");
            }
            converted.lock();
            converted.unlock();
        }, () -> {
            converted.lock();
            try {
                long s = stamps.writeLock();
                stamps.unlockWrite(s);
            } finally {
                converted.unlock();
            }
        });
    }

    private void spinUntilReleased() {
        while (!released) {
            Thread.onSpinWait();
        }
    }

    /** A write then a read of one lock (the JDK's downgrade), then a second read while reading. */
    private void downgradeAndSecondRead() {
        rw.writeLock().lock();
        rw.readLock().lock();
        rw.writeLock().unlock();
        rw.readLock().lock();
        rw.readLock().unlock();
        rw.readLock().unlock();
        rw.writeLock().lock();
        rw.writeLock().unlock();
    }

    /**
     * Acquires and releases the weaving cannot see (a {@code MethodHandle}, reflection) next to
     * woven ones: the lock itself is asked before a release or a hold is reported.
     */
    private void unseenAcquiresAndReleases() throws Throwable {
        MethodHandles.Lookup l = MethodHandles.lookup();
        MethodType v = MethodType.methodType(void.class);
        MethodHandle lock = l.findVirtual(ReentrantLock.class, "lock", v);
        lock.invokeExact(plain);
        plain.unlock();
        Method reflected = ReentrantLock.class.getMethod("lock");
        reflected.invoke(plain);
        plain.unlock();
        MethodHandle readLock = l.findVirtual(ReentrantReadWriteLock.ReadLock.class, "lock", v);
        readLock.invokeExact(rw.readLock());
        rw.readLock().unlock();
        MethodHandle readUnlock = l.findVirtual(ReentrantReadWriteLock.ReadLock.class, "unlock", v);
        rw.readLock().lock();
        readUnlock.invokeExact(rw.readLock());
        rw.writeLock().lock();
        rw.writeLock().unlock();
        MethodHandle unlockRead = l.findVirtual(StampedLock.class, "unlockRead",
                MethodType.methodType(void.class, long.class));
        long s = stamps.readLock();
        unlockRead.invokeExact(stamps, s);
        long w = stamps.writeLock();
        stamps.unlockWrite(w);
    }

    /**
     * Read then write of one lock, and a write again after a downgrade whose write was released:
     * each waits for itself. Interruptible, and interrupted.
     */
    private void readThenWrite() throws InterruptedException {
        interrupted(() -> {
            upgraded.readLock().lock();
            try {
                upgraded.writeLock().lockInterruptibly(); // SITE:readThenWrite
                upgraded.writeLock().unlock();
            } catch (InterruptedException expected) {
                System.out.println("the write was interrupted");
            } finally {
                upgraded.readLock().unlock();
            }
        });
        interrupted(() -> {
            upgraded.writeLock().lock();
            upgraded.readLock().lock();
            upgraded.writeLock().unlock();
            try {
                upgraded.writeLock().lockInterruptibly(); // SITE:writeAfterDowngrade
                upgraded.writeLock().unlock();
            } catch (InterruptedException expected) {
                System.out.println("the write after the downgrade was interrupted");
            } finally {
                upgraded.readLock().unlock();
            }
        });
    }

    /** Runs {@code r} on a thread of its own, interrupts it once it waits, and joins it. */
    private static void interrupted(Runnable r) throws InterruptedException {
        Thread u = new Thread(r, "upgrader");
        u.start();
        while (u.getState() != Thread.State.WAITING) {
            Thread.onSpinWait();
        }
        u.interrupt();
        u.join();
    }

    /** The read half of {@code halved}, held in a field of its own, then {@code between}. */
    private void readThenBetween() {
        reads.lock();
        try {
            between.lock(); // SITE:readThenBetween
            between.unlock();
        } finally {
            reads.unlock();
        }
    }

    /** {@code between}, then the write half of {@code halved} through its own field: a real deadlock with the above. */
    private void betweenThenWrite() {
        between.lock();
        try {
            writes.lock(); // SITE:betweenThenWrite
            writes.unlock();
        } finally {
            between.unlock();
        }
    }

    private void readLeftThenRight() {
        left.readLock().lock();
        try {
            right.readLock().lock(); // SITE:leftRight
            right.readLock().unlock();
        } finally {
            left.readLock().unlock();
        }
    }

    private void readRightThenLeft() {
        right.readLock().lock();
        try {
            left.readLock().lock(); // SITE:rightLeft
            left.readLock().unlock();
        } finally {
            right.readLock().unlock();
        }
    }
}
