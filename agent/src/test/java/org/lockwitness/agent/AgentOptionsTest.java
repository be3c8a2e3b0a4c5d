package org.lockwitness.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.lockwitness.agent.weave.ClassPatterns;
import org.lockwitness.agent.weave.Windows;
import org.lockwitness.witness.Rule;
import org.lockwitness.witness.WitnessOptions;

class AgentOptionsTest {

    @Test
    void defaults_areThoseOfTheDesign() throws Exception {
        AgentOptions o = AgentOptions.parse(null);
        assertEquals(Path.of("lockwitness-report"), o.report);
        assertEquals(Windows.PROBES, o.windows);
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
        assertEquals(Windows.LINES, o.windows);
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
    void frames_userIsTheDefault_allKeepsTheModelsFramesButNotTheTools() throws Exception {
        assertEquals(WitnessOptions.DEFAULT_FRAME_FILTER, AgentOptions.parse("").frameFilter);
        assertEquals(WitnessOptions.DEFAULT_FRAME_FILTER, AgentOptions.parse("frames=user").frameFilter);
        List<String> all = AgentOptions.parse("frames=all").frameFilter;
        assertTrue(all.stream().noneMatch("org.lockwitness.kernel.Smp"::startsWith), all.toString());
        assertTrue(all.stream().anyMatch("org.lockwitness.agent.runtime.Probes"::startsWith), all.toString());
        assertTrue(all.stream().anyMatch("org.lockwitness.witness.StackCapture"::startsWith), all.toString());
        AgentOptions.OptionException e = assertThrows(AgentOptions.OptionException.class,
                () -> AgentOptions.parse("frames=model"));
        assertTrue(e.getMessage().startsWith("lockwitness: bad value frames=model (user or all)"), e.getMessage());
    }

    @Test
    void badValues_fail() {
        for (String bad : new String[] {"windows=all", "fail=NO_SUCH_RULE", "stacks=-1", "stacks=x", "report=",
                "report", "include=a++b", "report=a,report=b"}) {
            assertThrows(AgentOptions.OptionException.class, () -> AgentOptions.parse(bad), bad);
        }
    }

    @Test
    void invalidClassPatterns_failWithTheKeyAndThePatternSyntax() {
        for (String bad : new String[] {"include=[", "include=org.*.[A-Z]", "exclude=*.Sm?", "include={a,b}",
                "include=org/lockwitness/kernel/Smp", "exclude=a b", "include=a;b", "include=a\\b", "include=a+"}) {
            AgentOptions.OptionException e = assertThrows(AgentOptions.OptionException.class,
                    () -> AgentOptions.parse(bad), bad);
            assertTrue(e.getMessage().startsWith("lockwitness: bad value " + bad + ": "), e.getMessage());
            assertTrue(e.getMessage().contains(ClassPatterns.SYNTAX), e.getMessage());
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

    @Test
    void aValueWithCommas_isSplitOnlyWhereAKeyFollows() throws Exception {
        AgentOptions o = AgentOptions.parse("report=/tmp/a,b,windows=lines,include=*.A+*.B,exclude=x,y");
        assertEquals(Path.of("/tmp/a,b"), o.report);
        assertEquals(Windows.LINES, o.windows);
        assertTrue(o.exclude.matches("x,y"));
        assertEquals(List.of("report", "windows", "include", "exclude"), List.copyOf(o.given.keySet()));
        assertEquals(Path.of("a,b,"), AgentOptions.parse("report=a,b,").report);
        assertEquals(Path.of("a,,b"), AgentOptions.parse("report=a,,b").report);
        assertEquals(Windows.OFF, AgentOptions.parse("report=r, windows = off").windows);
    }

    @Test
    void aCommaFollowedByAnUnknownKey_isStillAnUnknownOption() {
        AgentOptions.OptionException e = assertThrows(AgentOptions.OptionException.class,
                () -> AgentOptions.parse("report=a,b,windwos=lines"));
        assertTrue(e.getMessage().contains("unknown option 'windwos'"), e.getMessage());
    }

    @Test
    void javaAgentArgument_rendersTheAbsoluteJarAndTheOptionsInOrder() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("report", "/tmp/a,b");
        options.put("windows", "lines");
        assertEquals("-javaagent:" + JAR + "=report=/tmp/a,b,windows=lines",
                AgentOptions.javaAgentArgument(JAR, options));
        assertEquals("-javaagent:" + JAR, AgentOptions.javaAgentArgument(JAR, Map.of()));
        assertEquals("-javaagent:" + Path.of("rel.jar").toAbsolutePath() + "=stacks=4",
                AgentOptions.javaAgentArgument(Path.of("rel.jar"), Map.of("stacks", "4")));
    }

    @Test
    void javaAgentArgument_parsesBackToTheSameOptions() throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("report", "/tmp/with,commas, and spaces/r");
        options.put("windows", "off");
        options.put("fail", "LOCK_ORDER_REVERSAL+DEADLOCK");
        options.put("panic", "none");
        options.put("config", "/etc/w,1.conf");
        options.put("include", "org.x.*+*.Smp$*");
        options.put("exclude", "*.Sched");
        options.put("stacks", "0");
        String argument = AgentOptions.javaAgentArgument(JAR, options);
        String prefix = "-javaagent:" + JAR + "=";
        assertTrue(argument.startsWith(prefix), argument);
        AgentOptions parsed = AgentOptions.parse(argument.substring(prefix.length()));
        assertEquals(options, parsed.given);
        assertEquals(List.copyOf(options.keySet()), List.copyOf(parsed.given.keySet()));
        assertEquals(Path.of("/tmp/with,commas, and spaces/r"), parsed.report);
        assertEquals(Path.of("/etc/w,1.conf"), parsed.config);
    }

    @Test
    void javaAgentArgument_rejectsAnUnknownKeyAndValuesThatWouldNotParseBack() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AgentOptions.javaAgentArgument(JAR, Map.of("windwos", "lines")));
        assertTrue(e.getMessage().contains("unknown option 'windwos'"), e.getMessage());
        for (String key : AgentOptions.KEYS) {
            assertTrue(e.getMessage().contains(key + "="), e.getMessage());
        }
        for (Map<String, String> bad : List.of(Map.of("report", "a,windows=off"), Map.of("report", " a"),
                Map.of("report", ""), Map.of("windows", "all"), Map.of("stacks", "-1"))) {
            assertThrows(IllegalArgumentException.class, () -> AgentOptions.javaAgentArgument(JAR, bad),
                    bad.toString());
        }
    }

    @Test
    void forRelaunch_namesTheReportAndMakesEveryPathAbsolute() throws Exception {
        AgentOptions o = AgentOptions.parse("windows=lines,config=w.conf");
        Map<String, String> m = o.forRelaunch();
        assertEquals(List.of("report", "windows", "config"), List.copyOf(m.keySet()));
        assertEquals(Path.of("lockwitness-report").toAbsolutePath().toString(), m.get("report"));
        assertEquals(Path.of("w.conf").toAbsolutePath().toString(), m.get("config"));
        assertEquals("lines", m.get("windows"));
        assertEquals(Path.of("/r,1").toString(), AgentOptions.parse("report=/r,1").forRelaunch().get("report"));
    }

    private static final Path JAR = Path.of("/opt/lw/lockwitness-agent.jar").toAbsolutePath();
}
