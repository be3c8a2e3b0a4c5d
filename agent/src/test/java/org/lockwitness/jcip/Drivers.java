package org.lockwitness.jcip;

/** Runs actions one after another, each on a thread of its own, so that they never overlap. */
final class Drivers {

    private Drivers() {
    }

    static void inTurn(Runnable... actions) throws InterruptedException {
        int n = 0;
        for (Runnable a : actions) {
            Thread t = new Thread(a, "driver-" + n++);
            t.start();
            t.join();
        }
    }
}
