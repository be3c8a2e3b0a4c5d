package org.lockwitness.jcip;

/**
 * A representative subset of the drivers in one JVM, for the test passes that run the Java-lock
 * weaving under another condition ({@code -Xverify:all}, JaCoCo's agent): {@code synchronized}
 * blocks and methods, their exception paths, {@code ReentrantLock}, read/write and stamped locks, a
 * {@code Condition} wait, monitors in methods with wide locals ({@link WideFrames}), then many
 * short-lived platform threads ({@link ShortLived}).
 */
public final class Representative {

    private Representative() {
    }

    public static void main(String[] args) throws Exception {
        LeftRightDeadlock.main(new String[0]);
        CooperatingDeadlock.main(new String[0]);
        LockAbba.main(new String[0]);
        for (String rule : new String[] {"rw", "exceptions", "await", "stamped"}) {
            JavaRules.main(new String[] {rule});
        }
        WideFrames.run();
        ShortLived.run(Thread::new);
    }
}
