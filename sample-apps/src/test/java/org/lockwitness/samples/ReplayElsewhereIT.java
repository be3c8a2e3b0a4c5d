package org.lockwitness.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 22: the replay command {@code run} prints, started with relative paths in one directory,
 * works from another directory as it is printed and gives the same verdict.
 */
class ReplayElsewhereIT {

    private static final String LAST = "  all required rules after ";

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void the_printed_replay_run_from_another_directory_finds_the_same_rules() throws Exception {
        Path here = Forked.dir("replay-here");
        Path elsewhere = Forked.dir("replay-elsewhere");
        Forked.Result first = Forked.exec(here, List.of(Forked.java(),
                "-javaagent:" + here.relativize(Forked.agentJar()) + "=report=r,windows=lines",
                "-jar", here.relativize(Forked.samplesJar()).toString(), "run", "rendezvous-preempt"),
                here, Forked.TIMEOUT_SECONDS);
        assertEquals(Main.OK, first.status(), first.output());
        Set<String> rules = Findings.parseRulesLine(Forked.line(first.output(), "rules found: "));
        assertTrue(rules.contains("PREEMPT_IN_RENDEZVOUS"), first.output());
        String last = Forked.line(first.output(), LAST);
        String replay = last.substring(last.indexOf("; the last one: ") + "; the last one: ".length());
        assertTrue(replay.contains("=report=" + here.resolve("r")), replay);

        Forked.Result again = Forked.exec(elsewhere, List.of("sh", "-c", replay), elsewhere, Forked.TIMEOUT_SECONDS);
        assertEquals(Main.OK, again.status(), replay + "\n" + again.output());
        Set<String> replayed = Findings.parseRulesLine(Forked.line(again.output(), "rules found: "));
        assertTrue(replayed.contains("PREEMPT_IN_RENDEZVOUS"), again.output());
        assertTrue(rules.containsAll(replayed), "the last schedule's rules are among all schedules' " + rules + ": "
                + replayed);
        assertTrue(Files.isRegularFile(here.resolve("r").resolve("witness.json")));
        try (Stream<Path> files = Files.list(elsewhere)) {
            assertEquals(List.of(elsewhere.resolve("stdout.txt")), files.toList(), "the replay wrote nothing where it ran");
        }
    }
}
