package org.lockwitness.kernel;

import java.util.IdentityHashMap;
import java.util.Map;
import org.lockwitness.kernel.probe.NoWindows;

/**
 * Wakeups that found no sleeper, by wait channel: the last one of each, with when and by whom. A
 * bare sleep (no interlock, no timeout) on a channel whose wakeup was lost after the sleeper's last
 * lock release is a candidate lost wakeup. Channels are looked up by identity, never iterated.
 *
 * <p>Thread-safety: guarded by the machine's spin mutex "sleepq chain", for recording and reading
 * alike; no Java monitor.
 */
@NoWindows
final class LostWakeups {

    private record Lost(long step, String waker) {
    }

    private final Map<Object, Lost> last = new IdentityHashMap<>();
    private final Machine machine;

    LostWakeups(Machine machine) {
        this.machine = machine;
    }

    void record(Object ident, KThread waker) {
        last.put(ident, new Lost(machine.steps(), waker.name));
    }

    /** @return a description of a wakeup on {@code ident} lost after {@code step}, or null */
    String since(Object ident, long step) {
        Lost l = last.get(ident);
        return l != null && l.step() > step ? l.waker() : null;
    }

    /** @return a deterministic description of a wait channel */
    static String describe(Object ident) {
        if (ident instanceof LockObject lo) {
            return lo.name();
        }
        if (ident instanceof CharSequence || ident instanceof Number || ident instanceof Enum<?>) {
            return ident.toString();
        }
        return ident.getClass().getSimpleName().isEmpty() ? "ident" : ident.getClass().getSimpleName();
    }
}
