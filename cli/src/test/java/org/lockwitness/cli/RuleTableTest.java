package org.lockwitness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.lockwitness.witness.Rule;

/** The rule table: the README's rule list, the witness's rules, one line each. */
class RuleTableTest {
    @Test
    void theTable_isTheReadmesRuleList_andTheWitnesssRules() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        int start = readme.indexOf("\n## Rules\n");
        String section = readme.substring(start, readme.indexOf("The semantics", start));
        List<String> listed = new ArrayList<>();
        Matcher m = Pattern.compile("`([A-Z_]+)`").matcher(section);
        while (m.find()) {
            listed.add(m.group(1));
        }
        List<String> table = RuleTable.RULES.stream().map(RuleTable.Entry::id).toList();
        assertEquals(listed, table);
        assertEquals(Arrays.stream(Rule.values()).map(Rule::name).toList(), table);
    }

    @Test
    void everyEntry_hasOneLineOfEachText() {
        for (RuleTable.Entry e : RuleTable.RULES) {
            for (String text : List.of(e.summary(), e.description(), e.help())) {
                assertFalse(text.isBlank() || text.contains("\n"), e::toString);
            }
        }
    }
}
