package org.lockwitness.witness;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * <p>For LOST_WAKEUP it also keeps, per wait channel, where the last wakeup that found no sleeper
 * came from ({@link #noSleeper}), so the finding can show the waker's site and stack beside the
 * sleeper's. A waker's stack is captured once per channel and site, then reused.
 *
 * <p>Thread-safety: each method takes the checker lock, which guards the wakeups kept.
 */
final class MachineEvents {
    /** How many (channel, site) stacks are kept before the cache starts over. */
    private static final int STACK_CACHE = 1024;

    /** A wakeup that found no sleeper: when, by whom, where. */
    private record Waker(long step, String thread, String site, Backtrace stack) {
    }

    private final WitnessState state;
    private final Dispatch dispatch;
    /** The last wakeup with no sleeper per channel; under the checker lock. */
    private final Map<String, Waker> lastWaker = new HashMap<>();
    /** The waker stacks by channel and site; under the checker lock. */
    private final Map<String, Backtrace> wakerStacks = new HashMap<>();

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
                cpus.add(t.cpu());
                if (!frames.isEmpty()) {
                    traces.add(new Backtrace(
                            ContextMessages.waiterBlocked(t.name, i < locks.size() ? locks.get(i) : "?"),
                            frames.stream().map(StackTraceElement::toString).collect(Collectors.toList())));
                }
            }
            List<Integer> seenOn = cpus.stream().filter(c -> c >= 0).collect(Collectors.toList());
            List<String> known = sites.stream().filter(Objects::nonNull).collect(Collectors.toList());
            return state.report(Rule.DEADLOCK, String.join("\u0000", new TreeSet<>(locks)),
                    ContextMessages.deadlock(locks, threads, sites, cpus), locks, known, traces, threads, seenOn);
        });
    }

    /**
     * {@link Witness#javaDeadlock}: as {@link #deadlock}, from the waiters' handles rather than their
     * names (virtual threads may share one, or have none), and with the locks each waiter holds and
     * where it took them. Those are read from other threads' lists, a racy read that is exact while
     * the waiters stay blocked (the caller's contract) and can only misname a lock otherwise.
     */
    void javaDeadlock(List<String> locks, List<WitnessThread> waiters, List<String> blockedAt, long[] entering) {
        dispatch.run(null, () -> {
            List<String> names = new ArrayList<>();
            List<String> sites = new ArrayList<>();
            List<List<String>> holds = new ArrayList<>();
            List<String> allSites = new ArrayList<>();
            List<Backtrace> traces = new ArrayList<>();
            for (int i = 0; i < waiters.size(); i++) {
                WitnessThread t = waiters.get(i);
                names.add(t.name);
                String given = i < blockedAt.size() ? blockedAt.get(i) : null;
                String site = given != null ? given : state.recordedSite(t.blockingSite);
                sites.add(site);
                allSites.add(site);
                holds.add(heldLines(t.sleepLocks(), entering != null && i < entering.length ? entering[i] : 0L, allSites));
                List<String> frames = state.stacks.frames(state.stacks.of(t.carrier));
                if (!frames.isEmpty()) {
                    traces.add(new Backtrace(
                            ContextMessages.waiterBlocked(t.name, i < locks.size() ? locks.get(i) : "?"), frames));
                }
            }
            return state.report(Rule.DEADLOCK, String.join("\u0000", new TreeSet<>(locks)),
                    ContextMessages.javaDeadlock(locks, names, sites, holds), locks, allSites, traces, names,
                    List.of());
        });
    }

    /**
     * The {@link Messages#listLock} lines of another thread's holds, less its newest if that is
     * {@code entering}, a monitor it was told held but is still entering; adds their sites to
     * {@code sites}.
     */
    private List<String> heldLines(HeldLocks live, long entering, List<String> sites) {
        HeldLocks held = live.racyCopy();
        List<String> lines = new ArrayList<>();
        int shown = held.depth > 0 && entering != 0L && held.instance(held.depth - 1) == entering
                ? held.depth - 1 : held.depth;
        for (int j = 0; j < shown; j++) {
            String at = state.recordedSite(held.site(j));
            int lock = held.lock(j);
            lines.add(Messages.listLock(held.exclusive(j), state.className(lock), state.name(lock), held.recursed(j),
                    held.instance(j), at));
            sites.add(at);
        }
        return lines;
    }

    /** {@link Witness#noSleeper}: notes the waker of {@code ident} at {@code step}. */
    void noSleeper(WitnessThread t, String ident, long step, int site) {
        dispatch.run(t, () -> {
            String here = state.siteText(site);
            String key = ident + '\u0000' + here;
            Backtrace stack = wakerStacks.get(key);
            if (stack == null) {
                if (wakerStacks.size() >= STACK_CACHE) {
                    wakerStacks.clear();
                }
                stack = new Backtrace(ContextMessages.WAKEUP_WITH_NO_SLEEPER_AT, state.backtrace().frames());
                wakerStacks.put(key, stack);
            }
            lastWaker.put(ident, new Waker(step, t.name, here, stack));
            return null;
        });
    }

    /**
     * {@link Witness#lostWakeup}: keyed by the ident; with the waker's site and stack when known; on
     * the CPUs the sleeper and the waker last ran on.
     */
    void lostWakeup(String ident, String thread, String waker, long step, int site, List<String> sleeperFrames) {
        dispatch.run(null, () -> {
            String here = state.siteText(site);
            List<Integer> cpus = new ArrayList<>();
            for (String name : List.of(thread, waker)) {
                WitnessThread t = state.threadNamed(name);
                if (t != null) {
                    cpus.add(t.cpu());
                }
            }
            Waker w = lastWaker.get(ident);
            boolean known = w != null && w.step() == step && w.thread().equals(waker);
            List<String> sites = known ? List.of(here, w.site()) : List.of(here);
            List<Backtrace> stacks = sleeperFrames.isEmpty() && !known ? List.of()
                    : known ? List.of(new Backtrace(ContextMessages.SLEEPING_AT, sleeperFrames), w.stack())
                    : List.of(new Backtrace(ContextMessages.SLEEPING_AT, sleeperFrames));
            String message = known ? ContextMessages.lostWakeup(ident, thread, waker, here, w.site())
                    : ContextMessages.lostWakeup(ident, thread, waker, here);
            return state.report(Rule.LOST_WAKEUP, ident, message, List.of(), sites, stacks, List.of(thread, waker),
                    cpus);
        });
    }

    /** Forgets the wakeups kept, for the next schedule; takes the checker lock. */
    void reset() {
        synchronized (state) {
            lastWaker.clear();
            wakerStacks.clear();
        }
    }
}
