package org.lockwitness.samples.smpng;

import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.lockwitness.kernel.Callout;
import org.lockwitness.kernel.KThread;
import org.lockwitness.kernel.Machine;
import org.lockwitness.kernel.Synch;
import org.lockwitness.kernel.probe.Checker;
import org.lockwitness.samples.workload.Profile;
import org.lockwitness.samples.workload.Variant;
import org.lockwitness.samples.workload.Workload;

/**
 * Seed 004, the SMPng design document's subsystems: the process tree (proctree and allproc sx,
 * per-process mutexes, the parent pointer read under either and written under both), SIGIO
 * ownership under the sigio mutex, an interval-timer callout that is not MPSAFE (so the softclock
 * drops "callout" around it and runs it under Giant), the sysctl sx, and the MAC policy list's busy
 * count with its condition variable. Both variants are checked against WITNESS's declared order
 * chains for these locks ({@code config=}). Buggy: the exit path calls {@code funsetown} with the
 * process locked (LOCK_ORDER_REVERSAL, process then sigio), and a module load registers a MAC
 * policy, waiting on the busy count's cv, with its process locked (SLEEP_WITH_LOCKS_HELD).
 *
 * <p>Thread-safety: immutable.
 */
public final class SmpngSubsystems implements Workload {

    private static final Profile PROFILE = new Profile("smpng-subsystems", "004",
            "SMPng's process tree, SIGIO, callouts under Giant, sysctl and the MAC policy list, with WITNESS's orders",
            Set.of("LOCK_ORDER_REVERSAL", "SLEEP_WITH_LOCKS_HELD"), Set.of(), Optional.empty(),
            Checker.Windows.PROBES, 2, 1_000_000, 10_000);

    /** WITNESS's declared chains (subr_witness.c {@code order_lists}) that name this workload's locks. */
    static final String WITNESS_ORDERS = String.join("\n",
            "# WITNESS's declared lock order chains (sys/kern/subr_witness.c order_lists) for smpng-subsystems",
            "order: proctree -> allproc -> allprison",
            "order: Giant -> pipe mutex -> sigio lock -> process group -> process lock -> session -> uidinfo hash"
                    + " -> time lock",
            "");

    static final int CHILDREN = 3;
    static final int ITIMER_FIRINGS = 3;
    static final int MAC_BUSY_TICKS = 6;
    static final int KLDLOAD_DELAY_TICKS = 2;

    @Override
    public Optional<String> witnessConfig(Variant variant) {
        return Optional.of(WITNESS_ORDERS);
    }

    @Override
    public Profile profile() {
        return PROFILE;
    }

    @Override
    public void start(Machine machine, Variant variant, Consumer<String> console) {
        ProcTree tree = new ProcTree();
        Sigio sigio = new Sigio();
        Sysctl sysctl = new Sysctl(tree);
        MacPolicyList mac = new MacPolicyList();
        Proc shell = tree.bootProc();
        machine.spawn("sh", KThread.PRI_MIN_KERN, () -> {
            for (int i = 0; i < CHILDREN; i++) {
                Proc child = tree.fork(shell);
                tree.reparent(child, tree.init());
                if (!tree.inferior(child, tree.init()) || tree.getppid(child) != 1) {
                    console.accept("sh: pid " + child.pid + " lost its parent");
                }
            }
            sigio.fsetown(shell);
            sigio.pgsigio();
            new ItimerReal(machine, shell, sigio).start(ITIMER_FIRINGS);
            Synch.pause("sigwait", ITIMER_FIRINGS + 1);
            sigio.exit(shell, variant);
        }).bindTo(0);
        machine.spawn("ps", KThread.PRI_MIN_KERN, () -> {
            for (int pid = 1; pid <= CHILDREN + 2; pid++) {
                sysctl.kernProc(pid);
            }
        }).bindTo(1);
        machine.spawn("mac check", KThread.PRI_MIN_KERN, () -> {
            mac.busy();
            Synch.pause("maclabel", MAC_BUSY_TICKS);
            mac.unbusy();
        }).bindTo(1);
        machine.spawn("kldload mac_test", KThread.PRI_MIN_KERN, () -> {
            Proc kldload = tree.fork(shell);
            Synch.pause("kldload", KLDLOAD_DELAY_TICKS);
            if (variant == Variant.BUGGY) {
                kldload.lock();
                mac.register();
                kldload.unlock();
            } else {
                mac.register();
            }
            console.accept("mac_test: policy registered, " + mac.policies() + " loaded");
        }).bindTo(0);
    }

    /** The process's {@code ITIMER_REAL}: a callout that is not MPSAFE, so it runs under Giant. */
    private static final class ItimerReal {
        private final Callout callout;
        private final Proc proc;
        private final Sigio sigio;
        private int left;

        ItimerReal(Machine m, Proc proc, Sigio sigio) {
            this.callout = new Callout(m, false);
            this.proc = proc;
            this.sigio = sigio;
        }

        void start(int firings) {
            left = firings;
            callout.reset(1, this::realitexpire);
        }

        /** {@code realitexpire}: under Giant; signal the process, then SIGIO's owner, and re-arm. */
        private void realitexpire() {
            proc.lock();
            proc.psignal();
            proc.unlock();
            sigio.pgsigio();
            if (--left > 0) {
                callout.reset(1, this::realitexpire);
            }
        }
    }
}
