package org.lockwitness.jcip;

/**
 * Monitors in methods whose stack-map frames the weaving must extend with the local its monitor
 * hooks share: {@code long} and {@code double} locals (one frame entry for two slots) before and
 * after the new slot, branches and a loop inside {@code synchronized} blocks, a caught exception, a
 * static {@code synchronized} method and a constructor. Under {@code -Xverify:all} a frame written
 * wrong ends the program with a {@code VerifyError}; the sums it prints show every path ran.
 */
final class WideFrames {

    private final Object lock = new Object();
    private long total;

    WideFrames(long start, double scale) {
        synchronized (lock) {
            total = start + (long) scale;
        }
    }

    synchronized long add(long a, double b, int n) {
        long sum = a;
        double d = b;
        for (int i = 0; i < n; i++) {
            synchronized (lock) {
                if (i % 2 == 0) {
                    sum += i;
                } else {
                    d += i;
                }
            }
        }
        try {
            synchronized (lock) {
                if (n > 2) {
                    throw new IllegalStateException("odd");
                }
            }
        } catch (IllegalStateException e) {
            sum += e.getMessage().length();
        }
        total += sum + (long) d;
        return total;
    }

    static synchronized double scaled(double x, long y) {
        double r = x;
        long z = y;
        while (z > 0) {
            r *= 2;
            z--;
        }
        return r;
    }

    /**
     * Prints {@code wide frames: 1023 8.0}: the constructor's 10, plus 1000, the even indexes' 6,
     * the exception's 3 and the odd indexes' 4 added to a half.
     */
    static void run() {
        WideFrames w = new WideFrames(7, 3.5);
        System.out.println("wide frames: " + w.add(1000, 0.5, 5) + " " + scaled(1.0, 3));
    }
}
