package org.lockwitness.witness;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The sleep event's rules: primary interrupt context, rendezvous handler, then FreeBSD's
 * {@code witness_warn(WARN_GIANTOK | WARN_SLEEPOK, interlock, "Sleeping on \"%s\"")}. Stateless;
 * called under the checker lock.
 */
final class SleepCheck {
    private SleepCheck() {
    }

    static Finding check(Checker checker, WitnessThread t, HeldLocks spin, String wmesg, long interlock, int site) {
        String here = checker.siteText(site);
        List<Trace> stack = List.of(new Trace("stack backtrace:", checker.stacks.capture()));
        if (t.inPrimaryInterrupt()) {
            return checker.report(Rule.SLEEP_LOCK_IN_INTERRUPT, "sleep\u0000" + here, "sleeping on \"" + wmesg
                    + "\" in primary interrupt context @ " + here, List.of(), List.of(here), stack, t);
        }
        if (t.inRendezvousHandler()) {
            if (t.rendezvousReported) {
                return null;
            }
            t.rendezvousReported = true;
            return checker.report(Rule.PREEMPT_IN_RENDEZVOUS, here, "sleeping on \"" + wmesg
                    + "\" in an SMP rendezvous handler @ " + here, List.of(), List.of(here), stack, t);
        }
        List<String> lines = new ArrayList<>();
        List<String> names = new ArrayList<>();
        HeldLocks sleep = t.sleepLocks;
        for (int i = sleep.depth - 1; i >= 0; i--) {
            if (sleep.instance[i] == interlock || (sleep.lock[i] & Witness.GIANT_BIT) != 0
                    || (sleep.mode[i] & HeldLocks.SLEEPABLE) != 0) {
                continue;
            }
            add(checker, sleep, i, lines, names);
        }
        boolean loneSpinInterlock = spin.depth == 1 && spin.instance[0] == interlock && lines.isEmpty();
        for (int i = spin.depth - 1; i >= 0 && !loneSpinInterlock; i--) {
            add(checker, spin, i, lines, names);
        }
        if (lines.isEmpty()) {
            return null;
        }
        String message = "Sleeping on \"" + wmesg + "\" with the following non-sleepable locks held:\n"
                + String.join("\n", lines);
        return checker.report(Rule.SLEEP_WITH_LOCKS_HELD, String.join("\u0000", new TreeSet<>(names)) + '\u0000' + here,
                message, names, List.of(here), stack, t);
    }

    private static void add(Checker checker, HeldLocks held, int i, List<String> lines, List<String> names) {
        int lock = held.lock[i];
        lines.add(Messages.listLock(held.exclusive(i), checker.className(lock), checker.name(lock), held.recursed[i],
                held.instance[i], checker.recordedSite(held.site[i])));
        names.add(checker.name(lock));
    }
}
