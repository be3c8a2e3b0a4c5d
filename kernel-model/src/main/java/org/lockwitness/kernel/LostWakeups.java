package org.lockwitness.kernel;

import java.util.IdentityHashMap;
import java.util.Map;
import org.lockwitness.kernel.probe.Checker;
import org.lockwitness.kernel.probe.NoWindows;
import org.lockwitness.kernel.probe.WakeupLost;

/**
 * Wakeups that found no sleeper, by wait channel: the last one of each, with when and by whom. A
 * sleep without timeout on a channel whose wakeup was lost after the sleeper's last check (its last
 * lock release for a bare sleep, the taking of its interlock for {@code msleep} and {@code cv_wait})
 * is a candidate lost wakeup. Channels are looked up by identity, never iterated.
 *
 * <p>Thread-safety: guarded by the machine's spin mutex "sleepq chain", for recording and reading
 * alike; no Java monitor.
 */
@NoWindows
final class LostWakeups {

    /** A wakeup that found no sleeper: when, and by whom. */
    record Lost(long step, String waker) {
    }

    private final Map<Object, Lost> last = new IdentityHashMap<>();
    private final Machine machine;

    LostWakeups(Machine machine) {
        this.machine = machine;
    }

    void record(Object ident, KThread waker) {
        long step = machine.steps();
        last.put(ident, new Lost(step, waker.name));
        if (Checker.installed().isPresent()) {
            noSleeper(describe(ident), step);
        }
    }

    /** @return the wakeup on {@code ident} lost after {@code step} (none for a negative one), or null */
    Lost since(Object ident, long step) {
        Lost l = step < 0 ? null : last.get(ident);
        return l != null && l.step() > step ? l : null;
    }

    /** The probe of a wakeup that found no sleeper, on the waking thread. */
    @WakeupLost
    static void noSleeper(String ident, long step) {
        // The probe is the point: the checker notes the waker's site and stack.
    }

    /** @return a deterministic description of a wait channel */
    static String describe(Object ident) {
        if (ident instanceof LockObject lo) {
            return lo.name();
        }
        if (ident instanceof Cv cv) {
            return cv.description();
        }
        if (ident instanceof CharSequence || ident instanceof Number || ident instanceof Enum<?>) {
            return ident.toString();
        }
        return ident.getClass().getSimpleName().isEmpty() ? "ident" : ident.getClass().getSimpleName();
    }
}
