package org.lockwitness.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code @KernelCode} on a user's own class gets line windows under {@code windows=lines}, and only then. */
class UserKernelCodeIT {

    private static final String PROGRAM = "org.lockwitness.testprograms.UserKernelCode";

    private static long[] run(String name, String options) throws Exception {
        Path dir = Forked.dir(name);
        Forked f = Forked.run(dir, List.of(Forked.agent(dir, options)), true, PROGRAM);
        assertEquals(0, f.await(), f.stderr());
        String[] out = f.stdout().trim().split(" ");
        assertEquals("COMPLETED", out[0], f.stdout());
        assertEquals("400", out[2], "the program's own result: " + f.stdout());
        return new long[] {Long.parseLong(out[1]),
                f.json().getAsJsonObject("instrumentation").get("windowsWoven").getAsLong()};
    }

    @Test
    void everyLineOfAUserKernelCodeClassIsAWindowUnderLinesOnly() throws Exception {
        long[] probes = run("user-kernelcode-probes", "windows=probes");
        long[] lines = run("user-kernelcode-lines", "windows=lines,include=org.lockwitness.testprograms.*");
        assertEquals(0, probes[1], "windows=probes weaves no line window");
        assertTrue(lines[1] >= 5, "the four increments and the return of bump(): " + lines[1]);
        assertTrue(lines[0] >= probes[0] + 400, "100 calls of 4 windowed lines add at least 400 scheduling points: "
                + probes[0] + " -> " + lines[0]);
    }
}
