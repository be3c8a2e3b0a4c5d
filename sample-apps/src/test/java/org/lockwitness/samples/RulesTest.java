package org.lockwitness.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The samples' copy of the rule IDs is the witness's: the constants of its {@code Rule} enum, in
 * order, read from the source (the samples do not depend on the witness), and the README lists
 * each of them.
 */
class RulesTest {

    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

    @Test
    void the_rule_ids_are_the_witness_rule_enum() throws IOException {
        String source = Files.readString(ROOT.resolve("witness/src/main/java/org/lockwitness/witness/Rule.java"),
                StandardCharsets.UTF_8);
        String body = source.substring(source.indexOf("public enum Rule {"));
        Matcher m = Pattern.compile("(?m)^    ([A-Z][A-Z_]+)[,;]?\\s*$").matcher(body);
        List<String> constants = new ArrayList<>();
        while (m.find()) {
            constants.add(m.group(1));
        }
        assertEquals(constants, Rules.IDS);
    }

    @Test
    void the_readme_lists_every_rule() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
        for (String rule : Rules.IDS) {
            assertTrue(readme.contains("`" + rule + "`"), rule);
        }
    }
}
