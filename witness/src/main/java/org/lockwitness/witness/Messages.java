package org.lockwitness.witness;

/**
 * FreeBSD's message formats (kernel-reference §1), with {@code %p} as the lock instance id in hex
 * and {@code file:line} as one site string. Stateless.
 */
final class Messages {
    private Messages() {
    }

    static String pointer(long instance) {
        return "0x" + Long.toHexString(instance);
    }

    /** {@code " 1st %p %s (%s, %s) @ %s:%d"} of modern witness_checkorder. */
    static String lorLine(String ordinal, long instance, String name, String className, String site) {
        return " " + ordinal + " " + pointer(instance) + " " + name + " (" + name + ", " + className + ") @ " + site;
    }

    static String lorHeader(String reason) {
        return reason == null ? "lock order reversal:" : "lock order reversal: (" + reason + ")";
    }

    static String established(String from, String to) {
        return "lock order " + from + " -> " + to + " established at:";
    }

    static String attempted(String from, String to) {
        return "lock order " + from + " -> " + to + " attempted at:";
    }

    static String missing(String from, String to) {
        return "lock order data " + from + " -> " + to + " missing";
    }

    /** {@code witness_list_lock}: {@code "%s %s %s r = %d (%p) locked @ %s:%d"}. */
    static String listLock(boolean exclusive, String className, String name, int recursed, long instance,
            String site) {
        return (exclusive ? "exclusive" : "shared") + " " + className + " " + name + " r = " + recursed + " ("
                + pointer(instance) + ") locked @ " + site;
    }

    static String duplicate(String name, String firstSite, String secondSite) {
        return "acquiring duplicate lock of same type: \"" + name + "\"\n 1st " + name + " @ " + firstSite
                + "\n 2nd " + name + " @ " + secondSite;
    }

    /** The message of a blocking acquire in a forbidden context. */
    static String blockable(Rule rule, String className, String name, String site) {
        String what = "(" + className + ") " + name + " @ " + site;
        switch (rule) {
            case SLEEP_LOCK_IN_INTERRUPT:
                return "acquiring blockable sleep lock in primary interrupt context " + what;
            case PREEMPT_IN_RENDEZVOUS:
                return "acquiring blockable sleep lock in an SMP rendezvous handler " + what;
            default:
                return "acquiring blockable sleep lock with spinlock or critical section held " + what;
        }
    }

    /** The primitive's "recursed on non-recursive" assertion for each kind. */
    static String recursed(LockKind kind, String name, String site) {
        switch (kind) {
            case SPIN_MUTEX:
                return "_mtx_lock_spin: recursed on non-recursive mutex " + name + " @ " + site;
            case SX:
                return "_sx_xlock_hard: recursed on non-recursive sx " + name + " @ " + site;
            case RW:
                return "_rw_wlock_hard: recursed on non-recursive rwlock " + name + " @ " + site;
            case RM:
            case SLEEPABLE_RM:
                return "rm_rlock: recursed on non-recursive rmlock " + name + " @ " + site;
            case LOCKMGR:
                return "__lockmgr_args: recursing on non recursive lockmgr " + name + " @ " + site;
            case SERIALIZER:
                return "lwkt_serialize_enter: recursed on serializer " + name + " @ " + site;
            default:
                return "_mtx_lock_sleep: recursed on non-recursive mutex " + name + " @ " + site;
        }
    }

    /** {@code "mtx_lock() of spin mutex %s @ %s:%d"} and its relatives. */
    static String kindMismatch(LockKind kind, String name, boolean spinOp, boolean release, String site) {
        String op = release ? "unlock" : "lock";
        if (spinOp) {
            return "mtx_" + op + "_spin() of " + kind.className() + " " + name + " @ " + site;
        }
        return "mtx_" + op + "() of spin mutex " + name + " @ " + site;
    }
}
