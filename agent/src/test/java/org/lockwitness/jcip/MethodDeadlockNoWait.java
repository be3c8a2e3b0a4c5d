package org.lockwitness.jcip;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link MethodDeadlock} without a wait the hooks see: the two threads meet by spinning on an
 * {@code AtomicInteger}, so that nothing moves the node each holds out of the newest-hold fields of
 * its mirror before it blocks entering the other's {@code synchronized} method, a wait the hooks
 * cannot publish. The watchdog must still see each thread as the holder of its node.
 */
public final class MethodDeadlockNoWait {

    private static final AtomicInteger IN = new AtomicInteger();

    private MethodDeadlockNoWait() {
    }

    static final class Node {
        synchronized void callOther(Node other) {
            IN.incrementAndGet(); // SITE:holds
            while (IN.get() < 2) {
                Thread.onSpinWait();
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
        Thread ab = new Thread(() -> a.callOther(b), "dn-a");
        Thread ba = new Thread(() -> b.callOther(a), "dn-b");
        ab.setDaemon(true);
        ba.setDaemon(true);
        ab.start();
        ba.start();
        System.out.println(Reported.await(Path.of(args[0]), "DEADLOCK") ? "deadlock reported" : "no deadlock reported");
    }
}
