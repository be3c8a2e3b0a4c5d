package org.lockwitness.kernel;

import java.util.Arrays;
import org.lockwitness.kernel.probe.NoWindows;

/**
 * The decision trace of a DETERMINISTIC run: every CPU hand-over, every interrupt taken and every
 * jump of idle time, with the scheduling point it happened at. Two runs with equal traces made the
 * same decisions.
 *
 * <p>Thread-safety: written by the machine's baton holder; read it after the run.
 */
@NoWindows
public final class Trace {

    /** Decision kinds. */
    static final int SWITCH_CPU = 1;
    static final int DELIVER = 2;
    static final int TIME_JUMP = 3;

    private long[] entries = new long[256];
    private int size;

    void record(long step, int kind, int value) {
        if (size + 2 > entries.length) {
            entries = Arrays.copyOf(entries, entries.length * 2);
        }
        entries[size++] = step;
        entries[size++] = ((long) kind << 32) | (value & 0xffffffffL);
    }

    /** @return the number of decisions recorded */
    public int size() {
        return size / 2;
    }

    /** @return a hash of the whole trace */
    public long hash() {
        long h = 0x9E3779B97F4A7C15L;
        for (int i = 0; i < size; i++) {
            h = (h ^ entries[i]) * 0xBF58476D1CE4E5B9L;
            h ^= h >>> 31;
        }
        return h;
    }

    /**
     * @param i a decision index
     * @return the decision as text: step, kind and value
     */
    public String decision(int i) {
        long step = entries[2 * i];
        long kv = entries[2 * i + 1];
        int kind = (int) (kv >>> 32);
        int value = (int) kv;
        switch (kind) {
            case SWITCH_CPU:
                return step + ": run cpu" + value;
            case DELIVER:
                return step + ": cpu" + (value >>> 16) + " takes " + Irq.name(value & 0xffff);
            default:
                return step + ": idle until tick " + value;
        }
    }

    /**
     * @param text a substring
     * @return how many decisions' text contains it
     */
    public int count(String text) {
        int n = 0;
        for (int i = 0; i < size(); i++) {
            if (decision(i).contains(text)) {
                n++;
            }
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Trace t && t.size == size
                && Arrays.equals(entries, 0, size, t.entries, 0, size);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(hash());
    }

    @Override
    public String toString() {
        return "Trace[" + size() + " decisions, hash " + Long.toHexString(hash()) + "]";
    }
}
