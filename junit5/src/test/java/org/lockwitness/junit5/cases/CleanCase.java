package org.lockwitness.junit5.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lockwitness.junit5.LockwitnessExtension;
import org.lockwitness.kernel.RunResult;

/** A test whose machine takes C before D on both threads: nothing to report. Run by the ITs only. */
@ExtendWith(LockwitnessExtension.class)
public class CleanCase {

    @Test
    void inOrder() {
        assertEquals(RunResult.Status.COMPLETED, Abba.run("C", "D", false).status());
    }
}
