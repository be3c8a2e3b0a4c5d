package org.lockwitness.jcip;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Java locks on virtual threads (Java 21+), chosen by the first argument. {@code abba}: a
 * {@code synchronized} ABBA whose two virtual threads overlap in time (both are started before
 * either nests, and joined after both did; a latch only makes the second nest after the first, so
 * that the program does not deadlock), then many short-lived virtual threads ({@link ShortLived}).
 * {@code deadlock}: a real deadlock of a named and an unnamed virtual thread on two
 * {@code ReentrantLock}s; {@code main} waits until the report the second argument names shows it,
 * then halts the JVM as a test runner's timeout would, with no shutdown hook run.
 * {@code monitor-deadlock}: the same with {@code synchronized} blocks, whose waits no virtual
 * thread publishes and {@code ThreadMXBean} does not report.
 */
public final class VirtualThreads {

    /** The exit status of the halt once the deadlock was reported. */
    static final int HALTED = 3;

    private final Object left = new Object();
    private final Object right = new Object();
    private final ReentrantLock first = new ReentrantLock();
    private final ReentrantLock second = new ReentrantLock();
    private final CountDownLatch bothHold = new CountDownLatch(2);

    private VirtualThreads() {
    }

    public static void main(String[] args) throws Exception {
        VirtualThreads v = new VirtualThreads();
        switch (args[0]) {
            case "abba" -> {
                v.abba();
                ShortLived.run(Thread.ofVirtual().factory());
            }
            case "deadlock" -> v.deadlock(Path.of(args[1]), v::firstThenSecond, v::secondThenFirst);
            case "monitor-deadlock" -> v.deadlock(Path.of(args[1]), v::leftThenRight, v::rightThenLeft);
            default -> throw new IllegalArgumentException(args[0]);
        }
        System.out.println("main returns");
    }

    private void abba() throws InterruptedException {
        CountDownLatch abDone = new CountDownLatch(1);
        Thread ab = Thread.ofVirtual().name("v-ab").start(() -> {
            synchronized (left) {
                synchronized (right) { // SITE:ab
                    System.out.println("left then right");
                }
            }
            abDone.countDown();
        });
        Thread ba = Thread.ofVirtual().name("v-ba").start(() -> {
            try {
                abDone.await();
            } catch (InterruptedException e) {
                return;
            }
            synchronized (right) {
                synchronized (left) { // SITE:ba
                    System.out.println("right then left");
                }
            }
        });
        ab.join();
        ba.join();
    }

    private void deadlock(Path report, Runnable named, Runnable unnamed) throws Exception {
        Thread.ofVirtual().name("v-dl-a").start(named);
        Thread.ofVirtual().start(unnamed);
        if (Reported.await(report, "DEADLOCK")) {
            System.out.println("deadlock reported while both threads are blocked");
            System.out.flush();
            Runtime.getRuntime().halt(HALTED);
        }
        System.out.println("no deadlock reported in 30 s");
    }

    private void firstThenSecond() {
        first.lock(); // SITE:holdsFirst
        try {
            meet();
            second.lock(); // SITE:waitsSecond
            second.unlock();
        } finally {
            first.unlock();
        }
    }

    private void secondThenFirst() {
        second.lock(); // SITE:holdsSecond
        try {
            meet();
            first.lock(); // SITE:waitsFirst
            first.unlock();
        } finally {
            second.unlock();
        }
    }

    private void leftThenRight() {
        synchronized (left) { // SITE:holdsLeft
            meet();
            synchronized (right) { // SITE:waitsRight
                System.out.println("unreachable: left then right");
            }
        }
    }

    private void rightThenLeft() {
        synchronized (right) { // SITE:holdsRight
            meet();
            synchronized (left) { // SITE:waitsLeft
                System.out.println("unreachable: right then left");
            }
        }
    }

    private void meet() {
        bothHold.countDown();
        try {
            bothHold.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
