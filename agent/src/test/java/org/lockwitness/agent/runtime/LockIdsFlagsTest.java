package org.lockwitness.agent.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.lockwitness.kernel.Mtx;
import org.lockwitness.witness.LockFlags;

/** The model's infrastructure mark reaches the witness as a lock flag at enroll (issue 20). */
class LockIdsFlagsTest {

    @Test
    void theModelsOwnLock_isEnrolledAsInfrastructure_aUsersLockIsNot() {
        Mtx own = new Mtx("lock ids flags test own", Mtx.SPIN | Mtx.INFRASTRUCTURE);
        Mtx user = new Mtx("lock ids flags test user", Mtx.DEF);
        assertTrue(own.infrastructure());
        assertEquals(LockFlags.INFRASTRUCTURE, LockIds.flags(own.flags()) & LockFlags.INFRASTRUCTURE);
        assertEquals(0, LockIds.flags(user.flags()) & LockFlags.INFRASTRUCTURE);
    }
}
