package org.lockwitness.agent.runtime.jlock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The allocation-site table: identity, collisions, growth, collected objects, its limit, no allocation on lookup. */
class AllocationSitesTest {

    @Test
    void aRecordedObject_isFoundByIdentity_anEqualOneIsNot() {
        AllocationSites sites = new AllocationSites();
        String a = new String("lock");
        String equal = new String("lock");
        sites.record(a, 7);
        assertEquals(7, sites.lookup(a));
        assertEquals(0, sites.lookup(equal));
        assertEquals(0, sites.lookup(new Object()));
    }

    @Test
    void objectsWithOneIdentityHash_areToldApart() {
        AllocationSites sites = new AllocationSites();
        Object a = new Object();
        Object b = new Object();
        Object c = new Object();
        sites.record(a, 42, 1);
        sites.record(b, 42, 2);
        assertEquals(1, sites.lookup(a, 42));
        assertEquals(2, sites.lookup(b, 42));
        assertEquals(0, sites.lookup(c, 42));
        sites.record(a, 42, 3);
        assertEquals(1, sites.lookup(a, 42), "a second record of one object keeps its first site");
        assertEquals(2, sites.used());
    }

    @Test
    void growing_keepsEveryLiveObject() {
        AllocationSites sites = new AllocationSites();
        List<Object> kept = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            Object o = new Object();
            kept.add(o);
            sites.record(o, i % 300, i + 1);
        }
        assertTrue(sites.capacity() * 3 >= sites.used() * 4, "at most three quarters full");
        for (int i = 0; i < kept.size(); i++) {
            assertEquals(i + 1, sites.lookup(kept.get(i), i % 300));
        }
    }

    @Test
    void collectedObjects_areDroppedWhenTheTableIsRebuilt() {
        AllocationSites sites = new AllocationSites();
        List<Object> all = new ArrayList<>();
        for (int i = 0; i < 180; i++) {
            Object o = new Object();
            all.add(o);
            sites.record(o, 1);
        }
        for (int i = 0; i < 150; i++) {
            sites.collected(all.get(i));
        }
        Object survivor = all.get(170);
        for (int i = 0; i < 20; i++) {
            sites.record(new Object(), 2);
        }
        assertEquals(256, sites.capacity(), "the rebuild made room without growing");
        assertEquals(30 + 20, sites.used());
        assertEquals(1, sites.lookup(survivor));
    }

    @Test
    void pastTheLimit_newObjectsGoUnrecorded_untilCollectedOnesMakeRoom() {
        AllocationSites sites = new AllocationSites(8);
        List<Object> all = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Object o = new Object();
            all.add(o);
            sites.record(o, 1);
        }
        Object refused = new Object();
        sites.record(refused, 2);
        assertEquals(0, sites.lookup(refused));
        for (Object o : all) {
            sites.collected(o);
        }
        Object late = new Object();
        sites.record(new Object(), 2);
        sites.record(new Object(), 2);
        sites.record(late, 3);
        assertEquals(3, sites.lookup(late), "refusals past a quarter of the limit rebuild without the collected");
        assertEquals(2, sites.used());
    }

    /** Measured with the JVM's per-thread allocation counter, not with time; JMH measures the speed. */
    @Test
    void lookingUp_allocatesNothing() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(mx.isThreadAllocatedMemorySupported());
        mx.setThreadAllocatedMemoryEnabled(true);
        AllocationSites sites = new AllocationSites();
        Object[] locks = new Object[64];
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new Object();
            sites.record(locks[i], i + 1);
        }
        Object unknown = new Object();
        long sum = lookups(sites, locks, unknown);
        long before = mx.getCurrentThreadAllocatedBytes();
        sum += lookups(sites, locks, unknown);
        long allocated = mx.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < 1024, "200,000 lookups allocated " + allocated + " bytes");
        long expected = 0;
        for (int r = 0; r < 100_000; r++) {
            expected += (r & 63) + 1;
        }
        assertEquals(2 * expected, sum, "each lock found under its own site, the unknown object under none");
    }

    private static long lookups(AllocationSites sites, Object[] locks, Object unknown) {
        long sum = 0;
        for (int r = 0; r < 100_000; r++) {
            sum += sites.lookup(locks[r & 63]) + sites.lookup(unknown);
        }
        return sum;
    }
}
