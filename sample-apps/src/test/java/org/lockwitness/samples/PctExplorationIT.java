package org.lockwitness.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * PCT under the agent finds r222254's preemption quickly: within 50 schedules from the default
 * seed, and with a median of at most 20 from the five starting seeds the first measurements used
 * (where PCT needed 263, 343, 106, 10 and 32 before interrupt delivery counted in its depth).
 */
class PctExplorationIT {

    private static final int LIMIT = 50;
    private static final Pattern FOUND = Pattern.compile("(?m)^found PREEMPT_IN_RENDEZVOUS: (\\d+) schedules");

    private static int schedules(String name, String... seed) throws Exception {
        List<String> args = new ArrayList<>(List.of("explore", "rendezvous-preempt", "--strategy", "pct",
                "--schedules", Integer.toString(LIMIT)));
        args.addAll(List.of(seed));
        Forked.Result r = Forked.run(Forked.dir(name), "", args.toArray(new String[0]));
        assertEquals(Main.OK, r.status(), r.output());
        Matcher m = FOUND.matcher(r.output());
        assertTrue(m.find(), r.output());
        return Integer.parseInt(m.group(1));
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void from_the_default_seed_within_50_schedules() throws Exception {
        assertTrue(schedules("pct-default") <= LIMIT);
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void from_the_regression_seeds_with_a_median_of_at_most_20() throws Exception {
        List<Integer> counts = new ArrayList<>();
        for (long seed : new long[] {1, 1001, 2001, 3001, 4001}) {
            counts.add(schedules("pct-seed-" + seed, "--seed", Long.toString(seed)));
        }
        List<Integer> sorted = new ArrayList<>(counts);
        Collections.sort(sorted);
        assertTrue(sorted.get(2) <= 20, "schedules per seed " + counts);
    }
}
