package org.lockwitness.jcip;

/**
 * Woven monitors made hot: nested {@code synchronized} blocks, one that throws through its
 * compiler-made handler, and a {@code synchronized} method, each called often enough for HotSpot's
 * compilers to take them up, so that a test can see whether they could.
 */
public final class HotMonitors {

    private final Object outer = new Object();
    private final Object inner = new Object();
    private int work;

    int nested() {
        synchronized (outer) {
            synchronized (inner) {
                return ++work;
            }
        }
    }

    int throwing(int i) {
        try {
            synchronized (inner) {
                if ((i & 7) == 0) {
                    throw new IllegalStateException("odd");
                }
                return ++work;
            }
        } catch (IllegalStateException e) {
            return work;
        }
    }

    synchronized int method() {
        return ++work;
    }

    public static void main(String[] args) {
        HotMonitors m = new HotMonitors();
        long sum = 0;
        for (int i = 0; i < 40_000; i++) {
            sum += m.nested() + m.throwing(i) + m.method();
        }
        System.out.println("sum " + sum);
    }
}
