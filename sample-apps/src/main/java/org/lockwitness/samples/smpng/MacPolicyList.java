package org.lockwitness.samples.smpng;

import org.lockwitness.kernel.Cv;
import org.lockwitness.kernel.Mtx;

/**
 * The MAC Framework's policy list: the mutex "mac_policy_list_lock" guards the list and its busy
 * count, which acts as a shared lock over the framework; entry points busy the list and may run
 * long without the mutex. Registering a policy waits on the condition variable
 * "mac_policy_list_not_busy" until the count is zero, which the handbook allows only with no other
 * lock held.
 *
 * <p>Thread-safety: the count and the list are guarded by the mutex.
 */
final class MacPolicyList {

    private final Mtx mtx = new Mtx("mac_policy_list_lock", Mtx.DEF);
    private final Cv notBusy = new Cv("mac_policy_list_not_busy");
    private int busy;
    private int policies;

    /** {@code mac_policy_list_busy}: enter the framework for a read-only check. */
    void busy() {
        mtx.lock();
        busy++;
        mtx.unlock();
    }

    /** {@code mac_policy_list_unbusy}. */
    void unbusy() {
        mtx.lock();
        if (--busy == 0) {
            notBusy.signal();
        }
        mtx.unlock();
    }

    /** {@code mac_policy_register}: wait until not busy, then add the policy. */
    void register() {
        mtx.lock();
        while (busy > 0) {
            notBusy.wait(mtx);
        }
        policies++;
        mtx.unlock();
    }

    /** @return the policies registered */
    int policies() {
        return policies;
    }
}
