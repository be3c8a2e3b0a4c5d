package org.lockwitness.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.lockwitness.kernel.probe.Checker;

/**
 * A run that hits its wall-clock limit: {@code run} and {@code explore} say TIMED_OUT, name the
 * Java monitor and its owner, print the replay command and exit 3.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TimedOutRunTest {

    private static String execute(List<String> args, int expected) throws UsageException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        CommandLine cl = CommandLine.parse(args.toArray(new String[0]));
        Invocation in = new Invocation(cl, new StallWorkload(), Checker.none(),
                new Launcher("java", Checker.none(), Optional.empty(), List.of("-jar", "samples.jar")), out);
        int status = cl.command == CommandLine.Command.RUN ? new RunCommand(in).execute(String.join(" ", args))
                : new ExploreCommand(in).execute(String.join(" ", args));
        String output = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(expected, status, output);
        return output;
    }

    private static void assertNamesTheMonitor(String output) {
        String line = Forked.line(output, Findings.TIMED_OUT);
        assertTrue(line.contains("wall-clock limit of PT3S expired"), line);
        assertTrue(line.contains("blocked on the Java monitor java.lang.Object@"), line);
        assertTrue(line.contains("owned by kernel thread holder(tid "), line);
        assertTrue(output.contains("  blocked (tid "), output);
        assertTrue(output.contains("  replay: java -jar samples.jar run stall --variant buggy"), output);
    }

    @Test
    void run_says_timed_out_names_the_monitor_and_its_owner_and_exits_3() throws UsageException {
        String output = execute(List.of("run", "stall", "--seed", "1"), Main.TIMED_OUT);
        assertTrue(output.contains("  TIMED_OUT: wall-clock limit"), output);
        assertNamesTheMonitor(output);
    }

    @Test
    void explore_stops_at_the_first_timed_out_run_and_exits_3() throws UsageException {
        String output = execute(List.of("explore", "stall", "--strategy", "random", "--schedules", "5"),
                Main.TIMED_OUT);
        assertNamesTheMonitor(output);
        assertTrue(output.contains("--seed 1"), output);
        assertTrue(!output.contains("--seed 2"), output);
    }
}
