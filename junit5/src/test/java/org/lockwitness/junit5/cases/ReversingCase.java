package org.lockwitness.junit5.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lockwitness.junit5.LockwitnessExtension;
import org.lockwitness.kernel.RunResult;

/** A test whose machine takes A and B in both orders: a lock order reversal. Run by the ITs only. */
@ExtendWith(LockwitnessExtension.class)
public class ReversingCase {

    @Test
    void abba() {
        assertEquals(RunResult.Status.COMPLETED, Abba.run("A", "B", true).status());
    }
}
