package org.lockwitness.witness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stable finding key and its place in witness.json. */
class FindingKeyTest {
    private static final String REVERSAL = "LOCK_ORDER_REVERSAL|lock=process lock (sleep mutex)"
            + "|lock=sigio lock (sleep mutex)";

    @TempDir
    Path dir;

    /** a then b at lines base and base+1, then b then a. */
    private static Sim abba(WitnessOptions options, String a, String b, int base) {
        Sim sim = new Sim(options);
        Sim.Lock la = sim.lock(a, LockKind.SLEEP_MUTEX);
        Sim.Lock lb = sim.lock(b, LockKind.SLEEP_MUTEX);
        WitnessThread t = sim.thread("t");
        sim.take(t, la, sim.site("kern_a.c", base));
        sim.take(t, lb, sim.site("kern_a.c", base + 1));
        sim.drop(t, lb, 0);
        sim.drop(t, la, 0);
        sim.take(t, lb, sim.site("kern_b.c", base + 100));
        sim.take(t, la, sim.site("kern_b.c", base + 101));
        return sim;
    }

    @Test
    void reversal_isRuleAndSortedClassesWithKinds_whateverTheLinesOrTheOrderTaken() {
        Finding first = abba(WitnessOptions.defaults(), "sigio lock", "process lock", 10)
                .only(Rule.LOCK_ORDER_REVERSAL);
        Finding moved = abba(WitnessOptions.defaults(), "process lock", "sigio lock", 500)
                .only(Rule.LOCK_ORDER_REVERSAL);
        Map<String, String> kinds = Map.of("sigio lock", "sleep mutex", "process lock", "sleep mutex");
        assertEquals(REVERSAL, FindingKey.of(first, kinds::get).text());
        assertEquals(FindingKey.of(first, kinds::get), FindingKey.of(moved, kinds::get));
        assertNotEquals(FindingKey.of(first, kinds::get), FindingKey.of(first, n -> "spin mutex"),
                "a lock class is its name and its kind");
    }

    @Test
    void witnessJson_carriesTheKeyOfEachFindingAndTheToolsSchemaVersion() throws IOException {
        Sim sim = abba(WitnessOptions.builder().reportDir(dir).debounceMillis(0).build(), "sigio lock", "process lock",
                10);
        try {
            sim.w.writeReports();
        } finally {
            sim.w.close();
        }
        JsonObject json = JsonParser.parseString(Files.readString(dir.resolve("witness.json"), StandardCharsets.UTF_8))
                .getAsJsonObject();
        assertEquals(REVERSAL, json.getAsJsonArray("findings").get(0).getAsJsonObject().get("key").getAsString());
        JsonObject tool = json.getAsJsonObject("tool");
        assertEquals("1.1", tool.get("schemaVersion").getAsString());
        assertFalse(tool.get("version").getAsString().isEmpty());
        assertFalse(json.getAsJsonArray("findings").get(0).getAsJsonObject().has("test"),
                "no test is written when nothing named one");
    }

    @Test
    void witnessKey_isTheKeyWitnessJsonWrites() {
        Sim sim = abba(WitnessOptions.defaults(), "sigio lock", "process lock", 10);
        assertEquals(REVERSAL, sim.w.key(sim.only(Rule.LOCK_ORDER_REVERSAL)).text());
    }

    @Test
    void attribution_namesTheTestAtFirstAppearance_inBothReports_andAThrowingSupplierNamesNone() throws IOException {
        String[] running = {"AbbaTest.reversal()\nforged line"};
        WitnessOptions options = WitnessOptions.builder().reportDir(dir).debounceMillis(0)
                .attribution(() -> running[0]).build();
        Sim sim = abba(options, "sigio lock", "process lock", 10);
        running[0] = "LaterTest.again()";
        Sim.Lock c = sim.lock("c", LockKind.SLEEP_MUTEX);
        WitnessThread t = sim.thread("u");
        sim.take(t, c, sim.site("kern_c.c", 1));
        sim.take(t, c, sim.site("kern_c.c", 2));
        try {
            sim.w.writeReports();
        } finally {
            sim.w.close();
        }
        assertEquals(List.of(Rule.LOCK_ORDER_REVERSAL, Rule.RECURSION), sim.rules());
        assertEquals("AbbaTest.reversal()\nforged line", sim.findings().get(0).test(),
                "the test of the first appearance stays");
        assertEquals("LaterTest.again()", sim.findings().get(1).test());
        JsonObject json = JsonParser.parseString(Files.readString(dir.resolve("witness.json"), StandardCharsets.UTF_8))
                .getAsJsonObject();
        assertEquals("AbbaTest.reversal()\nforged line",
                json.getAsJsonArray("findings").get(0).getAsJsonObject().get("test").getAsString());
        String text = Files.readString(dir.resolve("witness.txt"), StandardCharsets.UTF_8);
        assertTrue(text.contains("# first seen during test AbbaTest.reversal()\\u000Aforged line\n"), text);

        Sim broken = abba(WitnessOptions.builder().attribution(() -> {
            throw new IllegalStateException("no test");
        }).build(), "a", "b", 1);
        assertEquals(null, broken.only(Rule.LOCK_ORDER_REVERSAL).test());
        assertEquals(List.of(Rule.LOCK_ORDER_REVERSAL), broken.rules(), "a throwing supplier is no checker fault");
    }

    @Test
    void requiredLock_keyNamesTheMethod_andAnUnenrolledLockHasNoKind() {
        Sim sim = new Sim();
        sim.lock("ifnet", LockKind.SERIALIZER);
        WitnessThread t = sim.thread("netisr");
        sim.w.required(t, "ifnet", sim.w.site("if_em.c", 12, "EmDriver.ifStart"));
        sim.w.required(t, "ifnet", sim.w.site("if_em.c", 40, "EmDriver.ifInit"));
        sim.w.required(t, "Giant", sim.w.site("fw.c", 3, "FwohciDriver.intr"));
        List<Finding> all = sim.findings();
        Map<String, String> kinds = Map.of("ifnet", "serializer");
        assertEquals("REQUIRED_LOCK_NOT_HELD|lock=ifnet (serializer)|method=EmDriver.ifStart",
                FindingKey.of(all.get(0), kinds::get).text());
        assertEquals("REQUIRED_LOCK_NOT_HELD|lock=ifnet (serializer)|method=EmDriver.ifInit",
                FindingKey.of(all.get(1), kinds::get).text());
        assertEquals("REQUIRED_LOCK_NOT_HELD|lock=Giant (?)|method=FwohciDriver.intr",
                FindingKey.of(all.get(2), kinds::get).text());
    }

    @Test
    void withoutLocks_theInnermostMethodWithoutLambdaOrAnonymousNumbers_elseTheFileWithoutLine() {
        List<List<String>> stacks = List.of(List.of(), List.of("org.ex.Netisr$1.lambda$run$3(Netisr.java:55)",
                "org.ex.Netisr.start(Netisr.java:42)"));
        FindingKey k = FindingKey.of("PREEMPT_IN_RENDEZVOUS", List.of(), n -> null, "mi_switch",
                List.of("Netisr.java:55"), stacks);
        assertEquals("PREEMPT_IN_RENDEZVOUS|method=org.ex.Netisr.lambda$run", k.text());
        FindingKey edited = FindingKey.of("PREEMPT_IN_RENDEZVOUS", List.of(), n -> null, "other words",
                List.of("Netisr.java:70"), List.of(List.of("org.ex.Netisr$2.lambda$run$0(Netisr.java:70)")));
        assertEquals(k, edited);
        assertEquals("LOST_WAKEUP|file=Bufdaemon.java", FindingKey.of("LOST_WAKEUP", List.of(), n -> null, "lost",
                List.of("Bufdaemon.java:17", "Writer.java:3"), List.of()).text());
        assertEquals("CHECKER_EXHAUSTED", FindingKey.of("CHECKER_EXHAUSTED", List.of(), n -> null, "full",
                List.of(), List.of()).text());
    }

    @Test
    void encoding_keepsKeysOnOneLineWithoutHash_andDistinct() {
        FindingKey odd = FindingKey.of("DEADLOCK", List.of("a|b#c%\n", "x"), n -> n.equals("x") ? "odd (kind)" : "sx",
                "m", List.of(), List.of());
        assertEquals("DEADLOCK|lock=a%7Cb%23c%25%0A (sx)|lock=x (odd %28kind%29)", odd.text());
        FindingKey split = FindingKey.of("DEADLOCK", List.of("a", "b#c%\n"), n -> "sx", "m", List.of(), List.of());
        assertNotEquals(odd, split);
        assertTrue(odd.compareTo(split) != 0);
        assertFalse(odd.text().contains("#") || odd.text().contains("\n"));
    }
}
