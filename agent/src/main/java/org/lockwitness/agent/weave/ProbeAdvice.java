package org.lockwitness.agent.weave;

import net.bytebuddy.asm.Advice;
import org.lockwitness.agent.runtime.ColdProbes;
import org.lockwitness.agent.runtime.Probes;
import org.lockwitness.kernel.LockObject;

/**
 * The advice inlined into probe-annotated methods: each piece calls one {@link Probes} method (a
 * lock or context event) or one {@link ColdProbes} method (the rest), with constants bound per
 * method by {@link ProbeAdvisor}. Inlined code may use only what the model class can see, so it
 * touches nothing but those two; every piece suppresses whatever it throws. The launched {@code main}'s exit call is woven by {@link MainExitWeaver}, without Byte Buddy.
 */
final class ProbeAdvice {

    private ProbeAdvice() {
    }

    /** A lock event on entry (release, downgrade, destroy, assertion, spin wait). */
    static final class LockEnter {
        private LockEnter() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This LockObject lock, @Bound.Event int event, @Bound.Arg int arg) {
            Probes.lockEvent(event, lock, arg);
        }
    }

    /** A blocking acquire: the order check on entry, the hold on normal return. */
    static final class Acquire {
        private Acquire() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This LockObject lock, @Bound.Arg int flags) {
            Probes.lockEvent(Probes.ACQUIRE, lock, flags);
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This LockObject lock, @Bound.Arg int flags) {
            Probes.lockEvent(Probes.ACQUIRED, lock, flags);
        }
    }

    /** A try-acquire or upgrade: the event when the method returned true. */
    static final class LockSucceeded {
        private LockSucceeded() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This LockObject lock, @Advice.Return boolean ok, @Bound.Event int event,
                @Bound.Arg int arg) {
            if (ok) {
                Probes.lockEvent(event, lock, arg);
            }
        }
    }

    /** An upgrade: the attempt on entry, the mode change when it returned true. */
    static final class Upgrade {
        private Upgrade() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static boolean enter(@Advice.This LockObject lock) {
            return Probes.upgradeAttempt(lock);
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This LockObject lock, @Advice.Return boolean ok, @Advice.Enter boolean report) {
            if (ok && report) {
                Probes.lockEvent(Probes.UPGRADE, lock, 0);
            }
        }
    }

    /** A context event on entry. */
    static final class ContextEnter {
        private ContextEnter() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Bound.Event int event, @Bound.Arg int arg) {
            Probes.contextEvent(event, arg);
        }
    }

    /** A context event on normal return. */
    static final class ContextExit {
        private ContextExit() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Bound.Event int event, @Bound.Arg int arg) {
            Probes.contextEvent(event, arg);
        }
    }

    /** {@code @Sleep} on entry. */
    static final class Sleep {
        private Sleep() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Bound.Interlock Object interlock, @Bound.Wmesg Object wmesg, @Bound.Arg int cv) {
            ColdProbes.sleep(interlock, wmesg, cv != 0);
        }
    }

    /** {@code @Requires} on entry. */
    static final class Requires {
        private Requires() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Bound.LockName String lockName, @Bound.SiteId int site) {
            ColdProbes.required(lockName, site);
        }
    }

    /** {@code @Deadlock} on entry: the lock and thread names of the cycle. */
    static final class Deadlock {
        private Deadlock() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.Argument(0) String[] locks, @Advice.Argument(1) String[] threads) {
            ColdProbes.deadlock(locks, threads);
        }
    }

    /** {@code @LostWakeup} on entry: the ident, the sleeping thread, the waker, the wakeup's step, the sleeper's stack. */
    static final class LostWakeup {
        private LostWakeup() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.Argument(0) String ident, @Advice.Argument(1) String thread,
                @Advice.Argument(2) String waker, @Advice.Argument(3) long step,
                @Advice.Argument(4) StackTraceElement[] sleeper) {
            ColdProbes.lostWakeup(ident, thread, waker, step, sleeper);
        }
    }

    /** {@code @WakeupLost} on entry: the ident and the wakeup's step. */
    static final class WakeupLost {
        private WakeupLost() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.Argument(0) String ident, @Advice.Argument(1) long step) {
            ColdProbes.wakeupLost(ident, step);
        }
    }

    /** {@code @Panic} on entry: the panic message. */
    static final class Panic {
        private Panic() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.Argument(0) String message) {
            ColdProbes.panic(message);
        }
    }

    /** {@code @LockInit} when the constructor returns. */
    static final class LockInit {
        private LockInit() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This LockObject lock) {
            ColdProbes.lockInit(lock);
        }
    }
}
