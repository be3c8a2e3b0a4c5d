package org.lockwitness.junit5.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.lockwitness.kernel.RunResult;

/** A reversal of E and F in a class without {@code @ExtendWith}: caught only when autodetection is on. */
public class AutoDetectedCase {

    @Test
    void efe() {
        assertEquals(RunResult.Status.COMPLETED, Abba.run("E", "F", true).status());
    }
}
