package org.lockwitness.agent.runtime.jlock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.junit.jupiter.api.Test;

/**
 * {@link RwLocks} where {@code java.util.concurrent.locks} was not opened to it (this test JVM runs
 * no agent): every answer falls back, never throws. The opened path is covered under the agent by
 * {@code ReadWriteStampedIT}.
 */
class RwLocksTest {

    @Test
    void withoutThePackageOpened_eachHalfIsItsOwnIdentity_andTheLockCannotSay() {
        ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
        rw.readLock().lock();
        rw.readLock().unlock();
        rw.writeLock().lock();
        try {
            assertSame(rw.readLock(), RwLocks.identity(rw.readLock(), true));
            assertSame(rw.writeLock(), RwLocks.identity(rw.writeLock(), false));
            assertFalse(RwLocks.known(rw.writeLock()));
            assertEquals(RwLocks.UNKNOWN, RwLocks.readHolds(rw.readLock()));
            assertEquals(RwLocks.UNKNOWN, RwLocks.readCount(rw.readLock()));
            assertNull(RwLocks.writer(rw.writeLock()));
        } finally {
            rw.writeLock().unlock();
        }
    }
}
