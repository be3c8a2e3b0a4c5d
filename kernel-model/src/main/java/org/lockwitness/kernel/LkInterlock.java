package org.lockwitness.kernel;

/**
 * What guards the state of a lock manager lock: {@code struct lock}'s {@code lk_interlock}
 * ({@code kern_lock.c}). {@link LockMgr} takes it around every look at its lock word and sleeps
 * through it; the two kinds are FreeBSD's spin mutex and DragonFly's LWKT token of before
 * November 2005.
 *
 * <p>Thread-safety: used by kernel threads of one machine; {@link #sleep} is called with the
 * interlock held.
 */
interface LkInterlock {
    /** Takes the interlock. */
    void lock();

    /** Releases the interlock. */
    void unlock();

    /** Sleeps on {@code ident} without losing a wakeup; the interlock is released while asleep and held again on return. */
    void sleep(Object ident, String wmesg);

    /** The default interlock: a spin mutex, slept on with {@code msleep_spin}. */
    final class SpinMtx implements LkInterlock {
        private final Mtx mtx = new Mtx("lockmgr interlock", Mtx.SPIN | Mtx.INFRASTRUCTURE);

        @Override
        public void lock() {
            mtx.lockSpin();
        }

        @Override
        public void unlock() {
            mtx.unlockSpin();
        }

        @Override
        public void sleep(Object ident, String wmesg) {
            Synch.msleepSpin(ident, mtx, wmesg, 0);
        }
    }

    /**
     * DragonFly's interlock before November 2005: an LWKT token ({@code lwkt_token.c}). Taking it may
     * block, and blocking releases every token the thread holds, so a request loses its atomicity with
     * the caller's other tokens; the sleep is a plain {@code tsleep}, safe only because the token is
     * given up only when the thread blocks.
     */
    final class LwktToken implements LkInterlock {
        private final Token token;

        LwktToken(Token token) {
            this.token = token;
        }

        @Override
        public void lock() {
            token.get();
        }

        @Override
        public void unlock() {
            token.rel();
        }

        @Override
        public void sleep(Object ident, String wmesg) {
            Synch.tsleep(ident, 0, wmesg, 0);
        }
    }
}
