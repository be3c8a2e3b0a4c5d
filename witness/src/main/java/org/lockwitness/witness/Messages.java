package org.lockwitness.witness;

import java.util.List;

import org.lockwitness.witness.report.TextEscape;

/**
 * The texts the witness writes into a finding for the rules of the locks themselves, in FreeBSD's
 * words where FreeBSD has them (kernel-reference §1), with the headings of their stack traces: the
 * order check ({@code witness_checkorder}: LOCK_ORDER_REVERSAL, DUPLICATE_LOCK_TYPE, RECURSION, the
 * Java locks' self-deadlocks among them), the hold rules ({@code witness_unlock},
 * {@code witness_upgrade}, {@code witness_assert}, {@code witness_destroy},
 * {@code witness_thread_exit}: RELEASE_NOT_OWNED, BAD_UPGRADE, ASSERTION_FAILED, DESTROY_HELD,
 * SPIN_HELD_TOO_LONG, HELD_AT_EXIT), the lock kinds ({@code witness_init}: KIND_MISMATCH), the
 * checker's own (CHECKER_FAULT, CHECKER_EXHAUSTED) and the cycle filters' qualifiers. The context
 * rules and the machine's events have theirs in {@link ContextMessages}; no other class holds
 * message text, and {@code MessagesTest} pins every text of both. {@code %p} is the lock instance
 * id in hex and {@code file:line} one site string. Every string from outside the witness is quoted
 * through {@link #shown}. Stateless.
 *
 * <p>Public only for the {@code report} package, which needs {@link #STACK_BACKTRACE}; every
 * other member is package-private.
 */
public final class Messages {
    /** The heading of the current stack of a finding; the text report omits it when it has no frame. */
    public static final String STACK_BACKTRACE = "stack backtrace:";
    /** The heading of the stack of a {@link Rule#CHECKER_FAULT}'s exception. */
    static final String EXCEPTION = "exception:";
    /** Where a {@link Rule#CHECKER_FAULT} of the panic handler happened; such a fault never calls the handler again. */
    static final String PANIC_HANDLER = "panic handler";

    /** LOR reasons of {@code witness_checkorder}. */
    static final String SLEEPABLE_AFTER_NON_SLEEPABLE = "sleepable after non-sleepable";
    static final String GIANT_AFTER_NON_SLEEPABLE = "Giant after non-sleepable";
    /** Our LOR reason for two instances of one Java lock class nested in both orders. */
    static final String INSTANCES_BOTH_ORDERS = "two instances of one class, nested in both orders";
    private static final List<String> ORDINALS = List.of("1st", "2nd", "3rd");

    /** What is wrong with an upgrade or downgrade ({@code witness_upgrade}, {@code witness_downgrade}). */
    static final String NON_UPGRADABLE_LOCK = "non-upgradable lock";
    static final String NON_SLEEP_LOCK = "non-sleep lock";
    static final String UNLOCKED_LOCK = "unlocked lock";
    static final String EXCLUSIVE_LOCK = "exclusive lock";
    static final String SHARED_LOCK = "shared lock";
    static final String RECURSED_LOCK = "recursed lock";

    /** What is wrong with a held lock for {@code witness_assert}; the empty text is an invalid assertion. */
    static final String ASSERT_INVALID = "";
    static final String ASSERT_LOCKED = "locked";
    static final String ASSERT_NOT_LOCKED = "not locked";
    static final String ASSERT_NOT_XLOCKED = "not exclusively locked";
    static final String ASSERT_XLOCKED = "exclusively locked";
    static final String ASSERT_NOT_RECURSED = "not recursed";
    static final String ASSERT_RECURSED = "recursed";

    private Messages() {
    }

    /**
     * A string from outside the witness (a lock, thread, method or file name, a wait message, an
     * exception's text) as a message quotes it: on one line, with no control or bidirectional
     * character ({@link TextEscape#line}), so a message's line breaks are its own.
     */
    static String shown(String s) {
        return TextEscape.line(s);
    }

    /** {@code %p}: a lock instance as {@code 0x} and lowercase hex. */
    static String pointer(long instance) {
        return "0x" + Long.toHexString(instance);
    }

    /** The ordinal of the n-th (0-based) lock of a reversal's message: "1st", "2nd", "3rd". */
    static String ordinal(int n) {
        return ORDINALS.get(n);
    }

    // ------------------------------------------------------------------ the order check

    /** The first line of a {@link Rule#LOCK_ORDER_REVERSAL}, with FreeBSD's reason or none. */
    static String lorHeader(String reason) {
        return reason == null ? "lock order reversal:" : "lock order reversal: (" + reason + ")";
    }

    /** {@code " 1st %p %s (%s, %s) @ %s:%d"} of modern witness_checkorder. */
    static String lorLine(String ordinal, long instance, String name, String className, String site) {
        return " " + ordinal + " " + pointer(instance) + " " + shown(name) + " (" + shown(name) + ", " + className
                + ") @ " + shown(site);
    }

    /** The heading of the stored stack of an order edge. */
    static String established(String from, String to) {
        return "lock order " + shown(from) + " -> " + shown(to) + " established at:";
    }

    /** The heading of the stack of the acquire that closed the cycle. */
    static String attempted(String from, String to) {
        return "lock order " + shown(from) + " -> " + shown(to) + " attempted at:";
    }

    /** The heading of an order edge whose stack was not stored. */
    static String missing(String from, String to) {
        return "lock order data " + shown(from) + " -> " + shown(to) + " missing";
    }

    /** The heading of an order edge that was declared in the configuration, at {@code site}. */
    static String declared(String from, String to, String site) {
        return "lock order " + shown(from) + " -> " + shown(to) + " declared at " + shown(site);
    }

    /**
     * {@link Rule#KIND_MISMATCH}: a declared order chain joins a spin and a sleep class, which
     * FreeBSD's {@code itismychild} refuses (the two trees never order against each other).
     */
    static String mixedOrder(String site, String spinName, String spinClass, String sleepName, String sleepClass) {
        return "declared lock order at " + shown(site) + " joins " + spinClass + " " + shown(spinName) + " and "
                + sleepClass + " " + shown(sleepName) + ": lock types differ";
    }

    /** {@link Rule#DUPLICATE_LOCK_TYPE}. */
    static String duplicate(String name, String firstSite, String secondSite) {
        return "acquiring duplicate lock of same type: \"" + shown(name) + "\"\n 1st " + shown(name) + " @ "
                + shown(firstSite) + "\n 2nd " + shown(name) + " @ " + shown(secondSite);
    }

    /** {@link Rule#RECURSION}: the primitive's "recursed on non-recursive" assertion for each kind. */
    static String recursed(LockKind kind, String name, String site) {
        switch (kind) {
            case SPIN_MUTEX:
                return "_mtx_lock_spin: recursed on non-recursive mutex " + shown(name) + " @ " + shown(site);
            case SX:
                return "_sx_xlock_hard: recursed on non-recursive sx " + shown(name) + " @ " + shown(site);
            case RW:
                return "_rw_wlock_hard: recursed on non-recursive rwlock " + shown(name) + " @ " + shown(site);
            case RM:
            case SLEEPABLE_RM:
                return "rm_rlock: recursed on non-recursive rmlock " + shown(name) + " @ " + shown(site);
            case LOCKMGR:
                return "__lockmgr_args: recursing on non recursive lockmgr " + shown(name) + " @ " + shown(site);
            case SERIALIZER:
                return "lwkt_serialize_enter: recursed on serializer " + shown(name) + " @ " + shown(site);
            default:
                return "_mtx_lock_sleep: recursed on non-recursive mutex " + shown(name) + " @ " + shown(site);
        }
    }

    /**
     * {@link Rule#RECURSION} of a {@code StampedLock}, which is not reentrant: our message (the JDK
     * has none; the thread just waits for itself).
     */
    static String stampedTwice(boolean heldExclusive, boolean sharedAcquire, String name, String site,
            String heldSite) {
        String why = !heldExclusive && sharedAcquire
                ? ": a second read queues behind a waiting writer, which waits for the first read:"
                        + " a deadlock once a writer waits"
                : ": it is not reentrant, the thread deadlocks itself";
        return (sharedAcquire ? "read" : "write") + " lock of StampedLock " + shown(name) + " @ " + shown(site)
                + "\nwhile this thread holds it for " + (heldExclusive ? "writing" : "reading") + " from "
                + shown(heldSite) + why;
    }

    /**
     * {@link Rule#RECURSION} of a {@code ReentrantReadWriteLock}: a write while this thread reads
     * the same lock. The JDK has no upgrade, so the write waits for this thread's own read forever.
     */
    static String readThenWrite(String name, String site, String heldSite) {
        return "write lock of ReentrantReadWriteLock " + shown(name) + " @ " + shown(site)
                + "\nwhile this thread holds its read lock from " + shown(heldSite)
                + ": the JDK has no upgrade, the thread deadlocks itself";
    }

    /** {@link Rule#RECURSION} in a conflicting mode: a shared acquire of an exclusively held lock or the reverse. */
    static String recursedInMode(boolean sharedAcquire, String className, String name, String site,
            String heldSite) {
        return (sharedAcquire ? "shared" : "exclusive") + " lock of (" + className + ") " + shown(name) + " @ "
                + shown(site) + (sharedAcquire ? "\nwhile exclusively locked from " : "\nwhile share locked from ")
                + shown(heldSite);
    }

    // ------------------------------------------------------------------ the hold rules

    /** {@link Rule#RELEASE_NOT_OWNED}: the lock is not held. */
    static String notLocked(String className, String name, String site) {
        return "lock (" + className + ") " + shown(name) + " not locked @ " + shown(site);
    }

    /** {@link Rule#RELEASE_NOT_OWNED}: a shared release of an exclusive hold or the reverse. */
    static String unlockInMode(boolean sharedRelease, String className, String name, String site, String heldSite) {
        return (sharedRelease ? "shared" : "exclusive") + " unlock of (" + className + ") " + shown(name) + " @ "
                + shown(site) + (sharedRelease ? "\nwhile exclusively locked from " : "\nwhile share locked from ")
                + shown(heldSite);
    }

    /** {@link Rule#BAD_UPGRADE}; {@code recursed} is shown only for a {@link #RECURSED_LOCK}. */
    static String badUpgrade(boolean up, String problem, String className, String name, int recursed,
            String site) {
        String r = problem.equals(RECURSED_LOCK) ? " r=" + recursed : "";
        return (up ? "upgrade" : "downgrade") + " of " + problem + " (" + className + ") " + shown(name) + r + " @ "
                + shown(site);
    }

    /** {@link Rule#ASSERTION_FAILED}; {@code problem} is one of the {@code ASSERT_} texts. */
    static String assertionFailed(String problem, String className, String name, String site) {
        if (problem.isEmpty()) {
            return "Invalid lock assertion at " + shown(site) + ".";
        }
        return "Lock (" + className + ") " + shown(name) + " " + problem + " @ " + shown(site) + ".";
    }

    /** {@link Rule#DESTROY_HELD}; {@code holder} is {@link #cpuHolder} or {@link #threadHolder}. */
    static String destroyHeld(String className, String name, String holder, String site) {
        return "lock (" + className + ") " + shown(name) + " destroyed while held by " + holder + " @ "
                + shown(site);
    }

    static String cpuHolder(int cpu) {
        return "cpu " + cpu;
    }

    static String threadHolder(String name) {
        return "thread " + shown(name);
    }

    /**
     * {@link Rule#SPIN_HELD_TOO_LONG}: held for {@code count} of the holder's scheduling points
     * ({@code spun} false), or spun on for {@code count} of the spinner's own iterations.
     */
    static String spinTooLong(long instance, String name, boolean spun, long count, long bound, String site) {
        return "spin lock " + pointer(instance) + " (" + shown(name) + ") " + (spun ? "spun on for " : "held for ") + count
                + (spun ? " iterations" : " scheduling points") + ", more than " + bound + " @ " + shown(site);
    }

    /** {@link Rule#HELD_AT_EXIT}; {@code line} is a {@link #listLock} line. */
    static String heldAtExit(String thread, long tid, String line) {
        return "Thread " + shown(thread) + " (tid " + tid + ") exiting with the following locks held:\n" + line;
    }

    /** {@code witness_list_lock}: {@code "%s %s %s r = %d (%p) locked @ %s:%d"}. */
    static String listLock(boolean exclusive, String className, String name, int recursed, long instance,
            String site) {
        return (exclusive ? "exclusive" : "shared") + " " + className + " " + shown(name) + " r = " + recursed + " ("
                + pointer(instance) + ") locked @ " + shown(site);
    }

    // ------------------------------------------------------------------ lock kinds

    /** {@link Rule#KIND_MISMATCH} at init: the name was enrolled before with another kind. */
    static String kindRedefined(String className, String name, String earlierClassName) {
        return "lock (" + className + ") " + shown(name) + " does not match earlier (" + earlierClassName
                + ") lock";
    }

    /** {@link Rule#KIND_MISMATCH} at init: flags the kind does not allow. */
    static String badFlags(String name, String className, int flags) {
        return "lock (" + shown(name) + ") " + className + " can not have flags 0x" + Integer.toHexString(flags);
    }

    /** {@link Rule#KIND_MISMATCH}: {@code "mtx_lock() of spin mutex %s @ %s:%d"} and its relatives. */
    static String kindMismatch(LockKind kind, String name, boolean spinOp, boolean release, String site) {
        String op = release ? "unlock" : "lock";
        if (spinOp) {
            return "mtx_" + op + "_spin() of " + kind.className() + " " + shown(name) + " @ " + shown(site);
        }
        return "mtx_" + op + "() of spin mutex " + shown(name) + " @ " + shown(site);
    }

    // ------------------------------------------------------------------ the checker

    /** {@link Rule#CHECKER_FAULT}. */
    static String fault(String where, Throwable error) {
        return "witness fault in " + where + ": " + shown(String.valueOf(error));
    }

    /** The tables whose exhaustion is a {@link Rule#CHECKER_EXHAUSTED} finding, its key. */
    static final String CLASS_TABLE = "class table";
    static final String ORDER_TABLE = "order table";

    /**
     * {@link Rule#CHECKER_EXHAUSTED} of the class table ({@code witness_get}'s message); {@code name}
     * is the lock that found the table full, or null.
     */
    static String exhausted(String name, int limit) {
        return "WITNESS: unable to allocate a new witness object" + (name == null ? "" : " for \"" + shown(name) + "\"")
                + "\n" + full(CLASS_TABLE, limit, "classes") + "\nWitness disabled.";
    }

    /** {@link Rule#CHECKER_EXHAUSTED} of the order table, by the new order {@code from -> to}. */
    static String ordersExhausted(String from, String to, int limit) {
        return "WITNESS: unable to allocate a new lock order \"" + shown(from) + "\" -> \"" + shown(to) + "\"\n"
                + full(ORDER_TABLE, limit, "orders") + "\nWitness disabled.";
    }

    private static String full(String table, int limit, String what) {
        return table + " full at " + limit + " " + what;
    }

    // The sentences with which a cycle filter qualifies a finding's message: which filter let the
    // cycle pass, and why.

    static String filterSingleThread(String thread) {
        return "not failing (" + CycleFilter.SINGLE_THREAD.label() + "): every order of this cycle was taken by"
                + " thread \"" + thread + "\" only, which cannot deadlock with itself";
    }

    static String filterGate(String gate) {
        return "not failing (" + CycleFilter.GATE_LOCK.label() + "): guarded by gate lock \"" + gate
                + "\", held at every acquire that took an order of this cycle";
    }

    static String filterStartJoin(String before, String after) {
        return "not failing (" + CycleFilter.START_JOIN.label() + "): cannot overlap: thread \"" + before
                + "\" joined before thread \"" + after + "\" started (or took its order before starting it),"
                + " by Thread.start and Thread.join";
    }

    static String filterReadRead() {
        return "not failing (" + CycleFilter.READ_READ.label() + "): every lock of this cycle was only ever read;"
                + " no write acquire of any of them was seen, and readers block each other only behind a"
                + " waiting writer";
    }
}
