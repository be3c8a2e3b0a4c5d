package org.lockwitness.witness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The configuration file: declared orders, blessed pairs, errors naming the line (issue 6). */
class WitnessConfigTest {

    private static Sim with(String text) throws WitnessConfigException {
        return new Sim(WitnessOptions.builder().config(WitnessConfig.parse(text, "lockwitness.conf")).build());
    }

    @Test
    void parse_readsChainsPairsAndComments() throws WitnessConfigException {
        WitnessConfig c = WitnessConfig.parse("# comment\n\norder: proctree -> allproc -> allprison   # chain\n"
                + "blessed: dirhash, bufwait\norder:  process group->process lock\n", "f");
        assertEquals(List.of(List.of("proctree", "allproc", "allprison"), List.of("process group", "process lock")),
                c.orders());
        assertTrue(c.isBlessed("bufwait", "dirhash"));
        assertTrue(!c.isBlessed("bufwait", "ufs"));
    }

    @Test
    void declaredOrder_violatedOnFirstSight_isReported() throws WitnessConfigException {
        Sim sim = with("order: A -> B\n");
        Sim.Lock a = sim.lock("A", LockKind.SLEEP_MUTEX);
        Sim.Lock b = sim.lock("B", LockKind.SLEEP_MUTEX);
        WitnessThread t = sim.thread("t");
        sim.take(t, b, sim.site("x.c", 1));
        sim.take(t, a, sim.site("x.c", 2));
        Finding f = sim.only(Rule.LOCK_ORDER_REVERSAL);
        assertEquals(List.of("B", "A"), f.locks());
        assertEquals(List.of("x.c:2", "x.c:1", "lockwitness.conf:1"), f.sites());
        assertEquals("lock order A -> B declared at lockwitness.conf:1", f.stacks().get(0).title());
        assertEquals(List.of(), f.stacks().get(0).frames());
    }

    @Test
    void declaredChain_isTransitive_evenThroughAnUnusedLock() throws WitnessConfigException {
        Sim sim = with("order: A -> B -> C\n");
        Sim.Lock a = sim.lock("A", LockKind.SLEEP_MUTEX);
        Sim.Lock c = sim.lock("C", LockKind.SLEEP_MUTEX);
        WitnessThread t = sim.thread("t");
        sim.take(t, c, 0);
        sim.take(t, a, 0);
        assertEquals(List.of("C", "A", "B"), sim.only(Rule.LOCK_ORDER_REVERSAL).locks());
    }

    @Test
    void blessedPair_isSilent_butTheReversalIsKept() throws WitnessConfigException {
        Sim sim = with("blessed: dirhash, bufwait\n");
        Sim.Lock d = sim.lock("dirhash", LockKind.SX);
        Sim.Lock b = sim.lock("bufwait", LockKind.LOCKMGR);
        WitnessThread t = sim.thread("t");
        sim.pair(t, d, b);
        sim.take(t, b, 0);
        sim.take(t, d, 0);
        sim.silent();
        assertTrue(sim.w.snapshot().edges().stream().anyMatch(e -> e.reversal() && e.from().equals("bufwait")),
                "the knowledge is kept");
    }

    @Test
    void badLines_areErrorsNamingTheLine() {
        String[][] cases = {
            {"order: a -> b\nfoo: x\n", "2", "unknown directive 'foo'"},
            {"# ok\njust words\n", "2", "expected 'order: a -> b'"},
            {"order: a\n", "1", "at least two lock names"},
            {"\n\nblessed: a\n", "3", "exactly two different lock names"},
            {"blessed: a, a\n", "1", "exactly two different lock names"},
            {"order: a -> -> b\n", "1", "empty lock name"},
            {"order: a -> b\norder: b -> a\n", "2", "contradicts an order declared earlier"},
            {"suppress: DEADLOCK|lock=a (sx)\n", "1", "needs a reason"},
            {"suppress: DEADLOCK|lock=a (sx)   #   \n", "1", "needs a reason"},
            {"suppress:   # why\n", "1", "needs a finding key"},
            {"suppress: K # one\nsuppress: K # two\n", "2", "key 'K' suppressed twice"},
        };
        for (String[] c : cases) {
            WitnessConfigException e = assertThrows(WitnessConfigException.class,
                    () -> WitnessConfig.parse(c[0], "conf"), c[0]);
            assertEquals(Integer.parseInt(c[1]), e.line(), c[0]);
            assertTrue(e.getMessage().startsWith("conf:" + c[1] + ": "), e.getMessage());
            assertTrue(e.getMessage().contains(c[2]), e.getMessage());
        }
    }

    @Test
    void suppressLines_keepTheKeyWithItsColonsAndTheCommentAsReason() throws WitnessConfigException {
        WitnessConfig c = WitnessConfig.parse("order: a -> b\n"
                + "suppress: LOCK_ORDER_REVERSAL|lock=ix0:TX(0):callout (sleep mutex)|lock=ix0 (sx)  # known, PR 7\n"
                + "suppress:DEADLOCK|lock=a (sx)#upstream bug\n", "f");
        assertEquals(List.of("LOCK_ORDER_REVERSAL|lock=ix0:TX(0):callout (sleep mutex)|lock=ix0 (sx)",
                "DEADLOCK|lock=a (sx)"), List.copyOf(c.suppressions().keySet()));
        assertEquals("known, PR 7", c.suppressions().get(
                "LOCK_ORDER_REVERSAL|lock=ix0:TX(0):callout (sleep mutex)|lock=ix0 (sx)"));
        assertEquals("upstream bug", c.suppressions().get("DEADLOCK|lock=a (sx)"));
        assertEquals(List.of(List.of("a", "b")), c.orders(), "other directives still read");
        assertTrue(WitnessConfig.EMPTY.suppressions().isEmpty());
    }
}
