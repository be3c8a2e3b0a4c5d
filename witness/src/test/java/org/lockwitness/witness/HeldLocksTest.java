package org.lockwitness.witness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HeldLocksTest {

    private static int lock(int cls) {
        return LockId.encode(cls, LockFlags.SLEEPABLE, LockKind.SLEEP_MUTEX, false);
    }

    private static HeldLocks of(int... classes) {
        HeldLocks held = new HeldLocks();
        for (int cls : classes) {
            held.push(lock(cls), 1000L + cls, cls, HeldLocks.EXCLUSIVE);
        }
        return held;
    }

    @Test
    void entriesKeepTheirFields_throughGrowth() {
        HeldLocks held = new HeldLocks();
        for (int i = 1; i <= 20; i++) {
            held.push(lock(i), 1000L + i, 7 * i, i % 2 == 0 ? HeldLocks.EXCLUSIVE : HeldLocks.SLEEPABLE, 5L * i);
        }
        assertEquals(20, held.depth);
        for (int i = 0; i < 20; i++) {
            int cls = i + 1;
            assertEquals(lock(cls), held.lock(i));
            assertEquals(cls, held.classOf(i));
            assertEquals(1000L + cls, held.instance(i));
            assertEquals(7 * cls, held.site(i));
            assertEquals(cls % 2 == 0, held.exclusive(i));
            assertEquals(cls % 2 != 0, held.sleepable(i));
            assertEquals(5L * cls, held.since(i));
            assertEquals(0, held.recursed(i));
        }
        held.recurse(3);
        held.recurse(3);
        held.unrecurse(3);
        assertEquals(1, held.recursed(3));
        assertTrue(held.exclusive(3), "a recursion count leaves the mode alone");
        held.setMode(3, HeldLocks.SLEEPABLE);
        assertFalse(held.exclusive(3));
        assertEquals(1, held.recursed(3), "a mode change leaves the recursion count alone");
    }

    @Test
    void popRestoresTheBloomWordAndTheCompany() {
        HeldLocks held = of(1, 2);
        long bits = held.classBits();
        long company = held.company();
        held.push(lock(3), 1003L, 3, HeldLocks.EXCLUSIVE);
        assertTrue(held.holdsClass(3));
        assertNotEquals(company, held.company());
        held.pop();
        assertEquals(bits, held.classBits());
        assertEquals(company, held.company());
        assertFalse(held.holdsClass(3));
        assertFalse(held.mayHoldClass(3));
    }

    @Test
    void removingFromTheMiddle_leavesTheListAsIfTheEntryHadNeverBeenPushed() {
        HeldLocks held = of(1, 2, 3, 4);
        held.remove(1);
        HeldLocks expected = of(1, 3, 4);
        assertEquals(3, held.depth);
        assertEquals(expected.classBits(), held.classBits());
        assertEquals(expected.company(), held.company());
        assertFalse(held.holdsClass(2));
        assertTrue(held.holdsClass(1) && held.holdsClass(3) && held.holdsClass(4));
        assertEquals(1003L, held.instance(1));
        held.pop();
        held.pop();
        assertEquals(of(1).classBits(), held.classBits(), "the words saved above the removed entry were rewritten");
        assertEquals(of(1).company(), held.company());
    }

    @Test
    void aBloomCollision_isResolvedByTheScan() {
        HeldLocks held = of(5);
        assertTrue(held.mayHoldClass(5 + 64), "classes 5 and 69 share a bit");
        assertFalse(held.holdsClass(5 + 64));
        held.push(lock(5 + 64), 2069L, 0, HeldLocks.EXCLUSIVE);
        held.remove(0);
        assertTrue(held.holdsClass(5 + 64), "the bit stays set for the other class of that bit");
        assertFalse(held.holdsClass(5));
    }

    @Test
    void theCompanyTellsDifferentInstancesOfTheSameClassesApart() {
        HeldLocks a = new HeldLocks();
        a.push(lock(1), 11L, 0, HeldLocks.EXCLUSIVE);
        HeldLocks b = new HeldLocks();
        b.push(lock(1), 12L, 0, HeldLocks.EXCLUSIVE);
        assertEquals(a.classBits(), b.classBits());
        assertNotEquals(a.company(), b.company());
    }

    /**
     * The company's cached prefix hashes never outlive the entries they cover: after any mix of
     * pushes, pops and removals from the middle, asked at random moments, the company equals that
     * of a list built afresh with the same instances.
     */
    @Test
    void theCachedCompanyEqualsAFreshListsAfterAnyPushesPopsAndRemovals() {
        SplittableRandom random = new SplittableRandom(42);
        HeldLocks held = new HeldLocks();
        List<Long> instances = new ArrayList<>();
        for (int step = 0; step < 20_000; step++) {
            int op = random.nextInt(10);
            if (op < 5 || instances.isEmpty()) {
                long instance = 1 + random.nextInt(40);
                held.push(lock(1 + (int) instance % 7), instance, 0, HeldLocks.EXCLUSIVE);
                instances.add(instance);
            } else if (op < 8) {
                held.pop();
                instances.remove(instances.size() - 1);
            } else {
                int index = random.nextInt(instances.size());
                held.remove(index);
                instances.remove(index);
            }
            if (random.nextInt(3) == 0) {
                HeldLocks fresh = new HeldLocks();
                for (long instance : instances) {
                    fresh.push(lock(1 + (int) instance % 7), instance, 0, HeldLocks.EXCLUSIVE);
                }
                assertEquals(fresh.company(), held.company(), "after step " + step);
            }
        }
    }

    @Test
    void aRacyCopyHasTheSameEntries() {
        HeldLocks held = of(1, 2, 3);
        HeldLocks copy = held.racyCopy();
        assertEquals(3, copy.depth);
        for (int i = 0; i < 3; i++) {
            assertEquals(held.lock(i), copy.lock(i));
            assertEquals(held.instance(i), copy.instance(i));
            assertEquals(held.site(i), copy.site(i));
        }
        assertEquals(0, new HeldLocks().racyCopy().depth);
    }
}
