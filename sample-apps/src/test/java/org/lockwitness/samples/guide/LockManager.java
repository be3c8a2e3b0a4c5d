package org.lockwitness.samples.guide;

import java.time.Duration;
import org.lockwitness.kernel.KThread;
import org.lockwitness.kernel.LockMgr;
import org.lockwitness.kernel.LockObject;
import org.lockwitness.kernel.Machine;
import org.lockwitness.kernel.RunResult;
import org.lockwitness.kernel.Synch;

/** Guide, "Lockmgr locks". */
public final class LockManager {

    private LockManager() {
    }

    /**
     * @param buggy whether to run the buggy form
     * @return how the run ended
     */
    public static RunResult run(boolean buggy) {
        // snippet:body
        Machine m = Machine.builder().cpus(1).seed(1).wallClockLimit(Duration.ofSeconds(30)).build();
        LockMgr vnode = new LockMgr("ufs", 0);
        m.spawn("reader", KThread.PRI_MIN_KERN, () -> {
            vnode.lock(LockMgr.LK_SHARED);
            Synch.pause("read", 2);                   // a lockmgr lock may be held across a sleep
            vnode.lock(LockMgr.LK_RELEASE);
        });
        m.spawn("writer", KThread.PRI_MIN_KERN, () -> {
            vnode.lock(LockMgr.LK_SHARED);
            int error = vnode.lock(LockMgr.LK_UPGRADE | LockMgr.LK_NOWAIT);   // EBUSY: reader shares it
            if (error != 0 && !buggy) {
                vnode.lock(LockMgr.LK_EXCLUSIVE);     // a failed upgrade leaves no hold at all
            }
            vnode.assertLocked(LockObject.LA_XLOCKED);
            vnode.lock(LockMgr.LK_RELEASE);
        });
        return m.run(1_000_000);
        // end
    }

    /** @param args {@code buggy} or {@code fixed} */
    public static void main(String[] args) {
        GuideMain.main(args, LockManager::run);
    }
}
