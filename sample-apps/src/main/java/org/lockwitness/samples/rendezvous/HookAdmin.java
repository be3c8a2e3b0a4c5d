package org.lockwitness.samples.rendezvous;

import org.lockwitness.kernel.KThread;
import org.lockwitness.kernel.Machine;
import org.lockwitness.kernel.RmLock;
import org.lockwitness.kernel.Synch;

/**
 * The administrator adding packet-filter hooks: {@code rm_wlock}, which recalls the read tokens of
 * every CPU whose netisr read since the last write by an SMP rendezvous running
 * {@code rm_cleanIPI}; then one hook more; {@code rm_wunlock}; a tick's pause.
 *
 * <p>Thread-safety: its counter is written by its own kernel thread only.
 */
final class HookAdmin {

    private final RmLock hooks;
    private int added;

    HookAdmin(RmLock hooks) {
        this.hooks = hooks;
    }

    void start(Machine machine, int writes) {
        machine.spawn("pfil admin", KThread.PRI_MIN_KERN, () -> {
            for (int i = 0; i < writes; i++) {
                Synch.pause("pfilwr", 1);
                hooks.wlock();
                added++;
                hooks.wunlock();
            }
        });
    }

    /** @return the hooks added */
    int added() {
        return added;
    }
}
