package org.lockwitness.agent.weave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lockwitness.kernel.Mtx;
import org.lockwitness.kernel.probe.LockWrapper;

/**
 * A {@code @LockWrapper} (issue 18, item 10) after call-site weaving: its callers set their own line
 * as the site around the call to it, and the model calls inside it set none, so they keep the
 * caller's.
 */
class LockWrapperBytecodeTest {

    private static final String ENTER = "org/lockwitness/agent/runtime/Sites.enter";
    private static final String WRAPPER = LockWrapperBytecodeTest.class.getName().replace('.', '/') + "$Host.procLock";
    private static final String MTX_LOCK = "org/lockwitness/kernel/Mtx.lock";

    /** A host class with a {@code PROC_LOCK}-like wrapper and a caller of it. */
    static final class Host {
        @LockWrapper
        static void procLock(Mtx m) {
            m.lock();
        }

        static void plain(Mtx m) {
            m.lock();
        }

        static void caller(Mtx m) {
            procLock(m);
        }
    }

    @Test
    void theWrapperSetsNoSite_itsCallerAndAPlainMethodDo() throws Exception {
        assertEquals(List.of(MTX_LOCK), calls("procLock"));
        assertEquals(List.of(ENTER, MTX_LOCK, "org/lockwitness/agent/runtime/Sites.exit"), calls("plain"));
        assertEquals(List.of(ENTER, WRAPPER, "org/lockwitness/agent/runtime/Sites.exit"), calls("caller"));
        assertFalse(calls("procLock").contains(ENTER));
    }

    /** The methods one method of {@link Host} calls after weaving. */
    private static List<String> calls(String method) throws Exception {
        return WovenCode.calls(WovenCode.weave(Host.class), method);
    }
}
