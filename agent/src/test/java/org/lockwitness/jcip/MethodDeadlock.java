package org.lockwitness.jcip;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real deadlock of two platform threads through {@code synchronized} methods alone, the form
 * whose waits the hooks cannot publish (the JVM takes the monitor before the method's first
 * instruction): each thread enters its node's method, both meet, then each calls the other
 * node's. The threads are daemons; {@code main} waits until the report the first argument names
 * shows the deadlock, then returns, leaving them blocked. A {@code synchronized} method's acquire
 * is reported at its first line.
 *
 * <p>The threads meet at a {@code CountDownLatch}, a wait the hooks see; with the second argument
 * {@code spin}, by spinning on an {@code AtomicInteger} instead, so that nothing moves the node each
 * holds out of the newest-hold fields of its mirror before it blocks.
 */
public final class MethodDeadlock {

    private static final CountDownLatch BOTH_IN = new CountDownLatch(2);
    private static final AtomicInteger IN = new AtomicInteger();
    private static boolean spin;

    private MethodDeadlock() {
    }

    static final class Node {
        synchronized void callOther(Node other) {
            if (meet()) { // SITE:holds
                other.touch(); // SITE:waits
            }
        }

        synchronized void touch() {
            System.out.println("never");
        }
    }

    /** Waits until both threads hold their node; false if interrupted. */
    private static boolean meet() {
        if (spin) {
            IN.incrementAndGet();
            while (IN.get() < 2) {
                Thread.onSpinWait();
            }
            return true;
        }
        BOTH_IN.countDown();
        try {
            BOTH_IN.await();
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    public static void main(String[] args) throws Exception {
        spin = args.length > 1 && args[1].equals("spin");
        Node a = new Node();
        Node b = new Node();
        Thread ab = new Thread(() -> a.callOther(b), "dm-a");
        Thread ba = new Thread(() -> b.callOther(a), "dm-b");
        ab.setDaemon(true);
        ba.setDaemon(true);
        ab.start();
        ba.start();
        System.out.println(Reported.await(Path.of(args[0]), "DEADLOCK") ? "deadlock reported" : "no deadlock reported");
    }
}
