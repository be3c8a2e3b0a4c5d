package org.lockwitness.witness;

/**
 * The rules of holding a lock, and the held-lock bookkeeping they guard: FreeBSD's
 * {@code witness_lock}, {@code witness_unlock}, {@code witness_upgrade},
 * {@code witness_downgrade}, {@code witness_assert}, {@code witness_destroy} and
 * {@code witness_thread_exit} (lockdep's {@code __lock_acquire} / {@code __lock_release}
 * bookkeeping). Rules: {@link Rule#RELEASE_NOT_OWNED}, {@link Rule#BAD_UPGRADE},
 * {@link Rule#ASSERTION_FAILED}, {@link Rule#DESTROY_HELD}, {@link Rule#SPIN_HELD_TOO_LONG},
 * {@link Rule#HELD_AT_EXIT}, and, for try-acquires, which have no order check,
 * {@link Rule#KIND_MISMATCH} and {@link Rule#RECURSION}.
 *
 * <p>{@link Rule#SPIN_HELD_TOO_LONG} has two bounds. The spinner's, FreeBSD's
 * {@code _mtx_lock_spin_failed}, counts the spinner's own iterations. The holder's is our own
 * extension (FreeBSD has none): it counts the scheduling points taken on the CPU that holds the
 * lock, so neither idle CPUs nor other CPUs' work add to it in PARALLEL mode.
 *
 * <h2>Design and thread-safety</h2>
 * Stateless itself. The fast path pushes, pops and re-modes entries of the {@link HeldLocks} of
 * the reporting thread (sleep locks) or of its CPU (spin locks), which only that thread touches, and
 * keeps the thread's shared-hold counts for the reader rule; it takes the checker lock only to
 * report, and for {@link #destroy} and {@link #threadExit}, which read or change shared state.
 */
final class HoldRules {
    /** The Java read/write and stamped locks, whose exclusive acquires {@link #writeSeen} records. */
    private static final int WRITE_TRACKED = LockId.kinds(LockKind.JAVA_RW, LockKind.JAVA_STAMPED);

    private final WitnessState state;
    private final Dispatch dispatch;
    private final ContextRules context;
    private final KindRules kinds;
    private final OrderCheck order;

    HoldRules(WitnessState state, Dispatch dispatch, ContextRules context, KindRules kinds, OrderCheck order) {
        this.state = state;
        this.dispatch = dispatch;
        this.context = context;
        this.kinds = kinds;
        this.order = order;
    }

    /**
     * The fast path of {@link #acquired}, small enough to be inlined into the caller: an exclusive,
     * blocking acquire of a sleep lock of a class this thread does not hold (by the Bloom word),
     * outside any rendezvous handler, other than a Java read/write or stamped lock, only pushes the
     * lock, as {@link #acquired} would. Returns false, having changed nothing, for anything else.
     */
    static boolean pushed(WitnessThread t, int lock, long instance, int site, int flags) {
        HeldLocks held = t.sleepLocks();
        if (t.rendezvousDepth != 0 || (flags & (OpFlags.TRY | OpFlags.SHARED)) != 0 || LockId.isSpin(lock)
                || held.mayHoldClass(LockId.classOf(lock)) || writeTracked(lock)) {
            return false;
        }
        held.push(lock, instance, site, mode(lock, flags));
        return true;
    }

    /**
     * The fast path of {@link #release}: the exclusive, unrecursed release of the newest sleep lock
     * through the sleep API, outside any rendezvous handler, only pops it, as {@link #release}
     * would. Returns false, having changed nothing, for anything else.
     */
    static boolean popped(WitnessThread t, int lock, long instance, int flags) {
        HeldLocks held = t.sleepLocks();
        int top = held.depth - 1;
        if (t.rendezvousDepth != 0 || (flags & (OpFlags.SPIN_OP | OpFlags.SHARED)) != 0 || LockId.isSpin(lock)
                || top < 0 || held.instance(top) != instance || !held.exclusive(top) || held.recursed(top) != 0) {
            return false;
        }
        held.pop();
        return true;
    }

    /** Whether the lock is of a {@link #WRITE_TRACKED} kind. */
    private static boolean writeTracked(int lock) {
        return LockId.kindIn(lock, WRITE_TRACKED);
    }

    /** The held entry's mode of an acquire: exclusive or shared, sleepable or not. */
    private static byte mode(int lock, int flags) {
        return (byte) (((flags & OpFlags.SHARED) != 0 ? 0 : HeldLocks.EXCLUSIVE)
                | (LockId.sleepable(lock) && (flags & OpFlags.NOSLEEP) == 0 ? HeldLocks.SLEEPABLE : 0));
    }

    /** {@link Witness#acquired}: pushes the lock, or counts one more recursion. */
    void acquired(WitnessThread t, int lock, long instance, int site, int flags) {
        context.rendezvousPoint(t, site);
        boolean spin = LockId.isSpin(lock);
        boolean tried = (flags & OpFlags.TRY) != 0;
        if (tried && spin != ((flags & OpFlags.SPIN_OP) != 0)) {
            kinds.wrongApi(t, lock, site, flags, false);
        }
        HeldLocks held = heldList(t, lock);
        boolean shared = (flags & OpFlags.SHARED) != 0;
        int i = held.holdsClass(LockId.classOf(lock)) ? held.find(instance) : -1;
        if (i >= 0) {
            if (tried && LockId.kind(lock) != LockKind.JAVA_STAMPED) {
                dispatch.run(t, () -> order.recursion(t, held, i, lock, site, flags));
            }
            held.recurse(i);
        } else {
            held.push(lock, instance, site, mode(lock, flags), t.step);
        }
        if (shared) {
            countShared(t, lock, 1);
        } else if (writeTracked(lock)) {
            writeSeen(t, lock);
        }
        if (spin && (t.interruptNesting() > 0 || t.interruptsEnabled())) {
            context.markIrq(t, lock, site, t.interruptNesting() > 0);
        }
    }

    /**
     * An exclusive acquire of a Java read/write lock: the first one of its type sets
     * {@link WitnessType#writeSeen}, under the lock, and may end a read/read qualifier.
     */
    private void writeSeen(WitnessThread t, int lock) {
        WitnessType type = state.typeOf(lock);
        if (!type.writeSeen) {
            dispatch.run(t, () -> {
                type.writeSeen = true;
                state.cycleFilters.writeSeen(type.id);
                return null;
            });
        }
    }

    /** {@link Witness#release}: pops the lock, or one level of recursion. */
    void release(WitnessThread t, int lock, long instance, int site, int flags) {
        context.rendezvousPoint(t, site);
        boolean spin = LockId.isSpin(lock);
        if (spin != ((flags & OpFlags.SPIN_OP) != 0)) {
            kinds.wrongApi(t, lock, site, flags, true);
        }
        HeldLocks held = heldList(t, lock);
        int top = held.depth - 1;
        int i = top >= 0 && held.instance(top) == instance ? top : held.find(instance);
        boolean shared = (flags & OpFlags.SHARED) != 0;
        if (i < 0 || held.exclusive(i) == shared) {
            dispatch.run(t, () -> notOwned(t, held, i, lock, site, shared));
            if (i < 0) {
                return;
            }
        }
        if (spin) {
            long heldFor = t.step - held.since(i);
            if (heldFor > state.options.holdBound) {
                dispatch.run(t, () -> tooLong(t, lock, instance, site, false, heldFor));
            }
        }
        if (held.recursed(i) > 0) {
            held.unrecurse(i);
        } else {
            held.remove(i);
        }
        if (shared) {
            countShared(t, lock, -1);
        }
    }

    /** {@link Witness#upgrade} ({@code up}) and {@link Witness#downgrade}. */
    void changeMode(WitnessThread t, int lock, long instance, int site, boolean up) {
        context.rendezvousPoint(t, site);
        HeldLocks held = heldList(t, lock);
        int i = held.holdsClass(LockId.classOf(lock)) ? held.find(instance) : -1;
        String problem = modeProblem(held, i, lock, up);
        if (problem == null) {
            held.setMode(i, (byte) (up ? held.mode(i) | HeldLocks.EXCLUSIVE : held.mode(i) & ~HeldLocks.EXCLUSIVE));
            countShared(t, lock, up ? -1 : 1);
            return;
        }
        badUpgrade(t, lock, site, up, problem, i >= 0 ? held.recursed(i) : 0);
    }

    /**
     * {@link Witness#upgradeAttempt}: the checks of {@code witness_upgrade} on an attempt, which may
     * fail (a try-upgrade of a lock not held shared); nothing changes.
     *
     * @return true when the attempt is well-formed
     */
    boolean upgradeAttempt(WitnessThread t, int lock, long instance, int site) {
        context.rendezvousPoint(t, site);
        HeldLocks held = heldList(t, lock);
        int i = held.holdsClass(LockId.classOf(lock)) ? held.find(instance) : -1;
        String problem = modeProblem(held, i, lock, true);
        if (problem == null) {
            return true;
        }
        badUpgrade(t, lock, site, true, problem, i >= 0 ? held.recursed(i) : 0);
        return false;
    }

    /** Why changing the mode of entry {@code i} (-1: not held) is wrong, or null. */
    private static String modeProblem(HeldLocks held, int i, int lock, boolean up) {
        if (!LockId.upgradable(lock)) {
            return Messages.NON_UPGRADABLE_LOCK;
        } else if (LockId.isSpin(lock)) {
            return Messages.NON_SLEEP_LOCK;
        } else if (i < 0) {
            return Messages.UNLOCKED_LOCK;
        } else if (held.exclusive(i) == up) {
            return up ? Messages.EXCLUSIVE_LOCK : Messages.SHARED_LOCK;
        } else if (held.recursed(i) > 0) {
            return Messages.RECURSED_LOCK;
        }
        return null;
    }

    private void badUpgrade(WitnessThread t, int lock, int site, boolean up, String problem, int recursed) {
        dispatch.run(t, () -> {
            String here = state.siteText(site);
            String message = Messages.badUpgrade(up, problem, state.className(lock), state.name(lock), recursed, here);
            return state.reportLock(Rule.BAD_UPGRADE, state.name(lock) + '\u0000' + here, message, lock, here, t);
        });
    }

    /**
     * {@link Witness#destroy}: the type loses a reference; a held instance is reported, except a
     * mutex its destroyer holds unrecursed, which is released silently as {@code _mtx_destroy}'s
     * {@code WITNESS_UNLOCK} does (sx, rw, lockmgr and rm {@code KASSERT} unlocked instead).
     */
    void destroy(WitnessThread t, int lock, long instance, int site) {
        LockKind kind = LockId.kind(lock);
        if (kind == LockKind.SLEEP_MUTEX || kind == LockKind.SPIN_MUTEX) {
            HeldLocks held = heldList(t, lock);
            int i = held.find(instance);
            if (i >= 0 && held.recursed(i) == 0) {
                held.remove(i);
            }
        }
        dispatch.run(t, () -> {
            state.typeOf(lock).refs--;
            String holder = holder(lock, instance);
            if (holder == null) {
                return null;
            }
            String here = state.siteText(site);
            return state.reportLock(Rule.DESTROY_HELD, state.name(lock), Messages.destroyHeld(state.className(lock),
                    state.name(lock), holder, here), lock, here, t);
        });
    }

    /** {@link Witness#spinWait}: a contended spin acquire past the spinner's bound. */
    void spinWait(WitnessThread t, int lock, long instance, int site, long spins) {
        if (spins > state.options.spinBound) {
            dispatch.run(t, () -> tooLong(t, lock, instance, site, true, spins));
        }
    }

    /** {@link Witness#assertLock}, against this thread's sleep locks or this CPU's spin locks. */
    void assertLock(WitnessThread t, int lock, long instance, int what, int site) {
        context.rendezvousPoint(t, site);
        HeldLocks held = heldList(t, lock);
        int i = held.holdsClass(LockId.classOf(lock)) ? held.find(instance) : -1;
        String problem = LockAssertion.check(what, i >= 0, i >= 0 && held.exclusive(i),
                i >= 0 && held.recursed(i) > 0);
        if (problem != null) {
            dispatch.run(t, () -> {
                String here = state.siteText(site);
                String message = Messages.assertionFailed(problem, state.className(lock), state.name(lock), here);
                return state.reportLock(Rule.ASSERTION_FAILED, state.name(lock) + '\u0000' + here, message, lock,
                        here, t);
            });
        }
    }

    /** {@link Witness#threadExit}: reports and forgets the sleep locks still held; forgets the thread. */
    void threadExit(WitnessThread t, int site) {
        dispatch.run(t, () -> {
            Finding panic = null;
            HeldLocks held = t.sleepLocks();
            String here = state.siteText(site);
            for (int i = 0; i < held.depth; i++) {
                int lock = held.lock(i);
                String line = Messages.listLock(held.exclusive(i), state.className(lock), state.name(lock),
                        held.recursed(i), held.instance(i), state.recordedSite(held.site(i)));
                Finding f = state.reportLock(Rule.HELD_AT_EXIT, state.name(lock), Messages.heldAtExit(t.name, t.tid,
                        line), lock, here, t);
                panic = panic != null ? panic : f;
            }
            held.clear();
            state.cache.flush(t);
            state.threads.remove(t);
            return panic;
        });
    }

    /** This thread's sleep locks or this CPU's spin locks, as the lock's kind says. */
    private HeldLocks heldList(WitnessThread t, int lock) {
        return LockId.isSpin(lock) ? state.cpus.of(t).spinLocks() : t.sleepLocks();
    }

    /** Keeps {@code td_sx_slocks} and {@code td_rw_rlocks} for the reader rule. */
    private static void countShared(WitnessThread t, int lock, int delta) {
        LockKind kind = LockId.kind(lock);
        if (kind == LockKind.SX) {
            t.sxShared += delta;
        } else if (kind == LockKind.RW) {
            t.rwShared += delta;
        }
    }

    private Finding notOwned(WitnessThread t, HeldLocks held, int i, int lock, int site, boolean shared) {
        String here = state.siteText(site);
        String name = state.name(lock);
        String message = i < 0 ? Messages.notLocked(state.className(lock), name, here)
                : Messages.unlockInMode(shared, state.className(lock), name, here, state.recordedSite(held.site(i)));
        return state.reportLock(Rule.RELEASE_NOT_OWNED, name + '\u0000' + here, message, lock, here, t);
    }

    private Finding tooLong(WitnessThread t, int lock, long instance, int site, boolean spun, long count) {
        String here = state.siteText(site);
        long bound = spun ? state.options.spinBound : state.options.holdBound;
        return state.reportLock(Rule.SPIN_HELD_TOO_LONG, state.name(lock), Messages.spinTooLong(instance,
                state.name(lock), spun, count, bound, here), lock, here, t);
    }

    /** Who holds {@code instance}: a thread or a CPU; null if nobody. Under the lock. */
    private String holder(int lock, long instance) {
        if (LockId.isSpin(lock)) {
            CpuState cpu = state.cpus.holder(instance);
            return cpu == null ? null : Messages.cpuHolder(cpu.id);
        }
        for (WitnessThread other : state.threads) {
            if (other.sleepLocks().find(instance) >= 0) {
                return Messages.threadHolder(other.name);
            }
        }
        return null;
    }
}
