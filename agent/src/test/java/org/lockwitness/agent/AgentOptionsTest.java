package org.lockwitness.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.lockwitness.witness.Rule;

class AgentOptionsTest {

    @Test
    void defaults_areThoseOfTheDesign() throws Exception {
        AgentOptions o = AgentOptions.parse(null);
        assertEquals(Path.of("lockwitness-report"), o.report);
        assertEquals(AgentOptions.Windows.PROBES, o.windows);
        assertEquals(Set.of(), o.fail);
        assertEquals(Set.of(), o.panic);
        assertEquals(null, o.config);
        assertTrue(o.include.matches("any.Class"));
        assertFalse(o.exclude.matches("any.Class"));
        assertEquals(32, o.stacks);
    }

    @Test
    void everyKey_isParsed() throws Exception {
        AgentOptions o = AgentOptions.parse("report=out,windows=lines,fail=LOCK_ORDER_REVERSAL+DEADLOCK,"
                + "panic=PREEMPT_IN_RENDEZVOUS,config=w.conf,include=org.x.*,exclude=*.Sched,stacks=4");
        assertEquals(Path.of("out"), o.report);
        assertEquals(AgentOptions.Windows.LINES, o.windows);
        assertEquals(EnumSet.of(Rule.LOCK_ORDER_REVERSAL, Rule.DEADLOCK), o.fail);
        assertEquals(EnumSet.of(Rule.PREEMPT_IN_RENDEZVOUS), o.panic);
        assertEquals(Path.of("w.conf"), o.config);
        assertTrue(o.include.matches("org.x.Y"));
        assertTrue(o.exclude.matches("org.lockwitness.kernel.Sched"));
        assertEquals(4, o.stacks);
    }

    @Test
    void failAllAndNone_areRuleSets() throws Exception {
        assertEquals(EnumSet.allOf(Rule.class), AgentOptions.parse("fail=all").fail);
        assertEquals(Set.of(), AgentOptions.parse("fail=none").fail);
    }

    @Test
    void unknownKey_failsWithTheValidKeys() {
        AgentOptions.OptionException e = assertThrows(AgentOptions.OptionException.class,
                () -> AgentOptions.parse("windwos=lines"));
        assertTrue(e.getMessage().contains("unknown option 'windwos'"), e.getMessage());
        for (String key : AgentOptions.KEYS) {
            assertTrue(e.getMessage().contains(key + "="), e.getMessage());
        }
    }

    @Test
    void badValues_fail() {
        for (String bad : new String[] {"windows=all", "fail=NO_SUCH_RULE", "stacks=-1", "stacks=x", "report=",
                "report", "include=a++b", "report=a,report=b"}) {
            assertThrows(AgentOptions.OptionException.class, () -> AgentOptions.parse(bad), bad);
        }
    }

    @Test
    void classPatterns_matchWholeNamesWithStars() throws Exception {
        ClassPatterns p = ClassPatterns.parse("org.lockwitness.kernel.Critical+*.Smp$*");
        assertTrue(p.matches("org.lockwitness.kernel.Critical"));
        assertFalse(p.matches("org.lockwitness.kernel.CriticalX"));
        assertTrue(p.matches("org.lockwitness.kernel.Smp$Rendezvous"));
        assertFalse(p.matches("org.lockwitness.kernel.Smp"));
    }
}
