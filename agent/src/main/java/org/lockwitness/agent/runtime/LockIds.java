package org.lockwitness.agent.runtime;

import org.lockwitness.kernel.LockClass;
import org.lockwitness.kernel.LockObject;
import org.lockwitness.witness.LockFlags;
import org.lockwitness.witness.LockKind;
import org.lockwitness.witness.Witness;

/**
 * The witness id of a lock, cached in the lock's own slot ({@link LockObject#witness()}, FreeBSD's
 * {@code lo_witness}): enrolled at {@code @LockInit}, or on first use for a lock made before the
 * agent attached. A lock the witness declines (NOWITNESS, checker disabled) caches
 * {@link #DECLINED}, so it is asked once.
 *
 * <p>Thread-safety: enrolling one name twice is idempotent in the witness; the slot is a plain int
 * that racing threads set to the same value.
 */
final class LockIds {

    static final int DECLINED = -1;

    private static final LockKind[] KINDS = kinds();

    private LockIds() {
    }

    static int of(Witness w, LockObject lock) {
        int id = lock.witness();
        if (id == 0) {
            id = enroll(w, lock);
            lock.witness(id);
        }
        return id == DECLINED ? Witness.UNTRACKED : id;
    }

    private static int enroll(Witness w, LockObject lock) {
        LockKind kind = KINDS[lock.lockClass().ordinal()];
        if (kind == null) {
            throw new IllegalStateException("no witness lock kind for the model's lock class " + lock.lockClass());
        }
        int id = w.enroll(lock.name(), kind, flags(lock.flags()));
        return id == Witness.UNTRACKED ? DECLINED : id;
    }

    static int flags(int lo) {
        int f = 0;
        if ((lo & LockObject.LO_WITNESS) == 0) {
            f |= LockFlags.NOWITNESS;
        }
        if ((lo & LockObject.LO_RECURSABLE) != 0) {
            f |= LockFlags.RECURSE;
        }
        if ((lo & LockObject.LO_DUPOK) != 0) {
            f |= LockFlags.DUPOK;
        }
        if ((lo & LockObject.LO_SLEEPABLE) != 0) {
            f |= LockFlags.SLEEPABLE;
        }
        if ((lo & LockObject.LO_UPGRADABLE) != 0) {
            f |= LockFlags.UPGRADABLE;
        }
        if ((lo & LockObject.LO_INFRASTRUCTURE) != 0) {
            f |= LockFlags.INFRASTRUCTURE;
        }
        return f;
    }

    private static LockKind[] kinds() {
        LockClass[] classes = LockClass.values();
        LockKind[] kinds = new LockKind[classes.length];
        for (LockClass c : classes) {
            for (LockKind k : LockKind.values()) {
                if (k.name().equals(c.name())) {
                    kinds[c.ordinal()] = k;
                }
            }
        }
        return kinds;
    }
}
