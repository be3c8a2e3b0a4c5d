package org.lockwitness.witness;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Findings the machine reports about itself rather than about one lock operation:
 * {@link Rule#DEADLOCK}, a cycle of waiters (FreeBSD's nearest are the {@code deadlkres} watchdog
 * and DDB's {@code show sleepchain}), and {@link Rule#LOST_WAKEUP}, a sleep whose only wakeup came
 * first (no counterpart in WITNESS or lockdep). Both come from the thread that ends the run, not
 * from a thread of the finding: what they tell of the waiters (CPU, blocking site, stack) is read
 * from the waiters' handles and carriers, which are stopped meanwhile.
 *
 * <p>Thread-safety: stateless; each method takes the checker lock.
 */
final class MachineEvents {
    private final WitnessState state;
    private final Dispatch dispatch;

    MachineEvents(WitnessState state, Dispatch dispatch) {
        this.state = state;
        this.dispatch = dispatch;
    }

    /**
     * {@link Witness#deadlock}: keyed by the lock set, with each waiter's blocking site, CPU and
     * stack from its handle (none for a name without one).
     */
    void deadlock(List<String> locks, List<String> threads) {
        dispatch.run(null, () -> {
            List<String> sites = new ArrayList<>();
            List<Integer> cpus = new ArrayList<>();
            List<Backtrace> traces = new ArrayList<>();
            for (int i = 0; i < threads.size(); i++) {
                WitnessThread t = state.threadNamed(threads.get(i));
                if (t == null) {
                    sites.add(null);
                    cpus.add(-1);
                    continue;
                }
                List<StackTraceElement> frames = state.stacks.of(t.carrier);
                String site = state.sites.location(t.blockingSite);
                if (site == null) {
                    site = frames.isEmpty() ? SiteTable.UNKNOWN : frames.get(0).getFileName() + ":"
                            + frames.get(0).getLineNumber();
                }
                sites.add(site);
                cpus.add(t.cpu);
                if (!frames.isEmpty()) {
                    traces.add(new Backtrace(Messages.waiterBlocked(t.name, i < locks.size() ? locks.get(i) : "?"),
                            frames.stream().map(StackTraceElement::toString).collect(Collectors.toList())));
                }
            }
            List<Integer> seenOn = cpus.stream().filter(c -> c >= 0).collect(Collectors.toList());
            List<String> known = sites.stream().filter(Objects::nonNull).collect(Collectors.toList());
            return state.report(Rule.DEADLOCK, String.join("\u0000", new TreeSet<>(locks)),
                    Messages.deadlock(locks, threads, sites, cpus), locks, known, traces, threads, seenOn);
        });
    }

    /** {@link Witness#lostWakeup}: keyed by the ident; on the CPUs the sleeper and the waker last ran on. */
    void lostWakeup(String ident, String thread, String waker, int site) {
        dispatch.run(null, () -> {
            String here = state.siteText(site);
            List<Integer> cpus = new ArrayList<>();
            for (String name : List.of(thread, waker)) {
                WitnessThread t = state.threadNamed(name);
                if (t != null) {
                    cpus.add(t.cpu);
                }
            }
            return state.report(Rule.LOST_WAKEUP, ident, Messages.lostWakeup(ident, thread, waker, here), List.of(),
                    List.of(here), List.of(), List.of(thread, waker), cpus);
        });
    }
}
