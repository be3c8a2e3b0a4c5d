package org.lockwitness.jcip;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * A real deadlock of two platform threads through {@code synchronized} methods alone, the form
 * whose waits the hooks cannot publish (the JVM takes the monitor before the method's first
 * instruction): each thread enters its node's method, both meet, then each calls the other
 * node's. The threads are daemons; {@code main} waits until the report the first argument names
 * shows the deadlock, then returns, leaving them blocked. A {@code synchronized} method's acquire
 * is reported at its first line.
 */
public final class MethodDeadlock {

    private static final CountDownLatch BOTH_IN = new CountDownLatch(2);

    private MethodDeadlock() {
    }

    static final class Node {
        synchronized void callOther(Node other) {
            BOTH_IN.countDown(); // SITE:holds
            try {
                BOTH_IN.await();
            } catch (InterruptedException e) {
                return;
            }
            other.touch(); // SITE:waits
        }

        synchronized void touch() {
            System.out.println("never");
        }
    }

    public static void main(String[] args) throws Exception {
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
