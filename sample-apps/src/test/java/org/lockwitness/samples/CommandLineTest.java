package org.lockwitness.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.lockwitness.kernel.probe.Checker;
import org.lockwitness.samples.explore.StrategyKind;
import org.lockwitness.samples.workload.Variant;

/** Parsing the command line, and what the CLI does with bad arguments or without the agent. */
class CommandLineTest {

    @Test
    void run_takes_a_workload_and_its_options() throws UsageException {
        CommandLine cl = CommandLine.parse(new String[] {"run", "rendezvous-preempt", "--variant", "fixed", "--cpus",
            "4", "--seed", "-7", "--steps", "1000", "--strategy", "sweep", "--interrupt", "2", "--delay", "9"});
        assertEquals(CommandLine.Command.RUN, cl.command);
        assertEquals("rendezvous-preempt", cl.name());
        assertEquals(Variant.FIXED, cl.variant);
        assertEquals(4, cl.cpus.getAsInt());
        assertEquals(-7, cl.seed.getAsLong());
        assertEquals(1000, cl.steps.getAsLong());
        assertEquals(Optional.of(StrategyKind.SWEEP), cl.strategy);
        assertEquals(2, cl.interrupt.getAsInt());
        assertEquals(9, cl.delay.getAsInt());
    }

    @Test
    void explore_defaults_to_the_buggy_variant_and_takes_a_target() throws UsageException {
        CommandLine cl = CommandLine.parse(new String[] {"explore", "iflib-queues", "--strategy", "pct",
            "--schedules", "5", "--target", "LOCK_ORDER_REVERSAL"});
        assertEquals(Variant.BUGGY, cl.variant);
        assertEquals(5, cl.schedules.getAsInt());
        assertEquals(Optional.of("LOCK_ORDER_REVERSAL"), cl.target);
    }

    @Test
    void demo_takes_any_number_of_workloads() throws UsageException {
        assertEquals(List.of(), CommandLine.parse(new String[] {"demo"}).names);
        assertEquals(List.of("a", "b"), CommandLine.parse(new String[] {"demo", "a", "b", "--report", "x"}).names);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "frobnicate", "run", "run x y", "run x --cpus 0", "run x --cpus 33", "run x --seed",
        "run x --seed one", "run x --variant broken", "run x --steps 0", "run x --seed 1 --seed 2",
        "explore x", "explore x --strategy dfs", "explore x --strategy pct --target lowercase",
        "run x --interrupt 1 --delay 2", "run x --strategy sweep --seed 1 --interrupt 1", "list extra",
        "list --seed 1", "run x --report d", "demo --variant buggy", "run x --schedules 3", "help x",
        "explore x --strategy pct --target NOSUCH", "explore x --strategy pct --target preempt_in_rendezvous"})
    void bad_arguments_are_a_usage_error(String line) {
        String[] args = line.isEmpty() ? new String[0] : line.split(" ");
        assertThrows(UsageException.class, () -> CommandLine.parse(args));
    }

    @Test
    void bad_arguments_print_the_usage_and_exit_2() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = main(new ByteArrayOutputStream(), err).execute(new String[] {"run"});
        assertEquals(Main.USAGE, status);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("usage:"));
    }

    @Test
    void an_unknown_workload_is_a_usage_error() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(Main.USAGE, main(new ByteArrayOutputStream(), err).execute(new String[] {"run", "nope"}));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown workload 'nope'"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"help", "--help", "explore rendezvous-preempt --help", "run --help", "nosuch --help"})
    void help_prints_the_usage_on_stdout_and_exits_0(String line) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(Main.OK, main(out, err).execute(line.split(" ")));
        assertEquals(CommandLine.USAGE + System.lineSeparator(), out.toString(StandardCharsets.UTF_8));
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void every_rule_is_a_target() throws UsageException {
        for (String rule : Rules.IDS) {
            CommandLine cl = CommandLine.parse(new String[] {"explore", "x", "--strategy", "pct", "--target", rule});
            assertEquals(Optional.of(rule), cl.target);
        }
    }

    @Test
    void an_unknown_target_is_a_usage_error_that_lists_the_rules_before_anything_runs() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = main(new ByteArrayOutputStream(), err).execute(new String[] {"explore", "rendezvous-preempt",
            "--strategy", "pct", "--target", "NOSUCH"});
        assertEquals(Main.USAGE, status, "not NO_AGENT: rejected while parsing");
        String text = err.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("not 'NOSUCH'"), text);
        for (String rule : Rules.IDS) {
            assertTrue(text.contains(rule), rule + " in " + text);
        }
        assertTrue(text.contains("usage:"), text);
    }

    @Test
    void a_misspelt_target_suggests_the_closest_rule() {
        UsageException e = assertThrows(UsageException.class, () -> CommandLine.parse(new String[] {"explore", "x",
            "--strategy", "pct", "--target", "PREEMPT_IN_RENDEVOUS"}));
        assertTrue(e.getMessage().contains("did you mean PREEMPT_IN_RENDEZVOUS?"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"rendezvous-premept, rendezvous-preempt", "lockmgr, lockmgr-interlock", "iflib, iflib-queues",
        "smpng-subsystem, smpng-subsystems", "mpsafe-netintr2, mpsafe-netintr"})
    void an_unknown_workload_suggests_the_closest_name(String typed, String meant) {
        for (String command : List.of("run", "explore", "demo")) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            String[] args = command.equals("explore") ? new String[] {command, typed, "--strategy", "pct"}
                : new String[] {command, typed};
            assertEquals(Main.USAGE, main(new ByteArrayOutputStream(), err).execute(args));
            String text = err.toString(StandardCharsets.UTF_8);
            assertTrue(text.contains("unknown workload '" + typed + "' (did you mean " + meant + "?)"), text);
        }
    }

    @Test
    void without_the_agent_run_says_so_and_exits_non_zero() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = main(new ByteArrayOutputStream(), err).execute(new String[] {"run", "mpsafe-netintr"});
        assertEquals(Main.NO_AGENT, status);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("agent is missing"));
    }

    @Test
    void list_works_without_the_agent_and_names_every_workload() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(Main.OK, main(out, new ByteArrayOutputStream()).execute(new String[] {"list"}));
        String text = out.toString(StandardCharsets.UTF_8);
        for (String name : List.of("rendezvous-preempt", "iflib-queues", "lockmgr-interlock", "mpsafe-netintr",
                "smpng-subsystems")) {
            assertTrue(text.contains(name), text);
        }
    }

    private static Main main(ByteArrayOutputStream out, ByteArrayOutputStream err) {
        Launcher launcher = new Launcher("java", Checker.none(), Optional.empty(), List.of("-jar", "s.jar"));
        return new Main(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Checker.none(), launcher);
    }
}
