package org.lockwitness.agent.weave.jlock;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.lockwitness.agent.runtime.jlock.JavaLocks;
import org.lockwitness.agent.runtime.jlock.JavaMonitors;
import org.lockwitness.agent.runtime.jlock.JavaStamped;
import org.lockwitness.agent.runtime.jlock.JavaThreads;
import org.lockwitness.agent.runtime.jlock.JavaWaits;
import org.objectweb.asm.Opcodes;

/**
 * The calls that are replaced by a hook: which owner, name and descriptor, and the static method
 * of {@link JavaLocks}, {@link JavaWaits} or {@link JavaThreads} that takes the same operands plus the site's
 * constants. Owners are matched as the compiler writes them: the lock's declared type
 * ({@code Lock}, {@code ReentrantLock}, {@code ReentrantReadWriteLock.ReadLock},
 * {@code ReentrantReadWriteLock.WriteLock}), the condition's ({@code Condition} or the
 * synchronizers' {@code ConditionObject}); {@code Object.wait} under any owner, since the
 * compiler names the receiver's static type and {@code wait} is final; {@code Thread.start()} and
 * {@code Thread.join} only under the owner {@code java/lang/Thread} (a call through a subclass's
 * static type is left alone, since the owner cannot be told from an unrelated {@code start()}
 * without loading classes); and the blocking waits of {@link BlockingTargets}.
 *
 * <p>Thread-safety: immutable.
 */
final class Targets {

    /**
     * A replacement: the hook's owner, name and descriptor; whether it takes a lock name too, and
     * whether it takes the calling thread's state last, as the monitor hooks do
     * ({@link StateSlot}), returning it when its descriptor returns an {@code Object}.
     */
    record Hook(String owner, String name, String descriptor, boolean named, boolean threaded) {

        Hook(String owner, String name, String descriptor, boolean named) {
            this(owner, name, descriptor, named, false);
        }
    }

    static final String LOCKS = JavaLocks.class.getName().replace('.', '/');
    /** The hooks of {@code synchronized} blocks and methods. */
    static final String MONITORS = JavaMonitors.class.getName().replace('.', '/');
    static final String WAITS = JavaWaits.class.getName().replace('.', '/');
    static final String STAMPED = JavaStamped.class.getName().replace('.', '/');
    static final String THREADS = JavaThreads.class.getName().replace('.', '/');

    private static final String LOCK = "Ljava/util/concurrent/locks/Lock;";
    private static final String CONDITION = "Ljava/util/concurrent/locks/Condition;";
    private static final String STAMPED_LOCK = "Ljava/util/concurrent/locks/StampedLock;";
    private static final String STAMPED_OWNER = "java/util/concurrent/locks/StampedLock";
    private static final Set<String> LOCK_OWNERS = Set.of("java/util/concurrent/locks/Lock",
            "java/util/concurrent/locks/ReentrantLock", "java/util/concurrent/locks/ReentrantReadWriteLock$ReadLock",
            "java/util/concurrent/locks/ReentrantReadWriteLock$WriteLock");
    private static final Set<String> CONDITION_OWNERS = Set.of("java/util/concurrent/locks/Condition",
            "java/util/concurrent/locks/AbstractQueuedSynchronizer$ConditionObject",
            "java/util/concurrent/locks/AbstractQueuedLongSynchronizer$ConditionObject");
    /** Field types whose value names the lock of a call on it (or on its read or write lock). */
    static final Set<String> LOCK_FIELD_TYPES = Set.of(LOCK, "Ljava/util/concurrent/locks/ReentrantLock;",
            "Ljava/util/concurrent/locks/ReentrantReadWriteLock;", "Ljava/util/concurrent/locks/ReadWriteLock;",
            "Ljava/util/concurrent/locks/ReentrantReadWriteLock$ReadLock;",
            "Ljava/util/concurrent/locks/ReentrantReadWriteLock$WriteLock;", STAMPED_LOCK);

    private static final Map<String, Hook> LOCK_CALLS = Map.of(
            "lock()V", new Hook(LOCKS, "lock", "(" + LOCK + "IILjava/lang/Object;)Ljava/lang/Object;", true, true),
            "lockInterruptibly()V", new Hook(LOCKS, "lockInterruptibly", "(" + LOCK + "II)V", true),
            "tryLock()Z", new Hook(LOCKS, "tryLock", "(" + LOCK + "II)Z", true),
            "tryLock(JLjava/util/concurrent/TimeUnit;)Z",
            new Hook(LOCKS, "tryLock", "(" + LOCK + "JLjava/util/concurrent/TimeUnit;II)Z", true),
            "unlock()V", new Hook(LOCKS, "unlock", "(" + LOCK + "IILjava/lang/Object;)V", true, true));
    private static final Map<String, Hook> CONDITION_CALLS = Map.of(
            "await()V", new Hook(WAITS, "await", "(" + CONDITION + "I)V", false),
            "awaitUninterruptibly()V", new Hook(WAITS, "awaitUninterruptibly", "(" + CONDITION + "I)V", false),
            "awaitNanos(J)J", new Hook(WAITS, "awaitNanos", "(" + CONDITION + "JI)J", false),
            "await(JLjava/util/concurrent/TimeUnit;)Z",
            new Hook(WAITS, "await", "(" + CONDITION + "JLjava/util/concurrent/TimeUnit;I)Z", false),
            "awaitUntil(Ljava/util/Date;)Z", new Hook(WAITS, "awaitUntil", "(" + CONDITION + "Ljava/util/Date;I)Z",
                    false));
    private static final Map<String, Hook> STAMPED_CALLS = stampedCalls();
    private static final String THREAD = "Ljava/lang/Thread;";
    private static final Map<String, Hook> THREAD_CALLS = Map.of(
            "start()V", new Hook(THREADS, "start", "(" + THREAD + "I)V", false),
            "join()V", new Hook(THREADS, "join", "(" + THREAD + "I)V", false),
            "join(J)V", new Hook(THREADS, "join", "(" + THREAD + "JI)V", false),
            "join(JI)V", new Hook(THREADS, "join", "(" + THREAD + "JII)V", false));
    private static final Map<String, Hook> WAIT_CALLS = Map.of(
            "()V", new Hook(WAITS, "wait", "(Ljava/lang/Object;I)V", false),
            "(J)V", new Hook(WAITS, "wait", "(Ljava/lang/Object;JI)V", false),
            "(JI)V", new Hook(WAITS, "wait", "(Ljava/lang/Object;JII)V", false));

    private Targets() {
    }

    /** The hook replacing this call, or null. */
    static Hook of(int opcode, String owner, String name, String descriptor) {
        Hook blocking = BlockingTargets.of(opcode, owner, name, descriptor);
        if (blocking != null) {
            return blocking;
        }
        if (opcode == Opcodes.INVOKESTATIC || opcode == Opcodes.INVOKESPECIAL) {
            return null;
        }
        if (LOCK_OWNERS.contains(owner)) {
            return LOCK_CALLS.get(name + descriptor);
        }
        if (owner.equals(STAMPED_OWNER)) {
            return STAMPED_CALLS.get(name + descriptor);
        }
        if (CONDITION_OWNERS.contains(owner)) {
            return CONDITION_CALLS.get(name + descriptor);
        }
        if (owner.equals("java/lang/Thread") && opcode == Opcodes.INVOKEVIRTUAL) {
            Hook h = THREAD_CALLS.get(name + descriptor);
            if (h != null) {
                return h;
            }
        }
        return name.equals("wait") && opcode == Opcodes.INVOKEVIRTUAL ? WAIT_CALLS.get(descriptor) : null;
    }

    /** Whether the call hands on the lock name of its receiver: {@code readLock()} and {@code writeLock()}. */
    static boolean keepsName(String owner, String name) {
        return (owner.equals("java/util/concurrent/locks/ReentrantReadWriteLock")
                || owner.equals("java/util/concurrent/locks/ReadWriteLock"))
                && (name.equals("readLock") || name.equals("writeLock"));
    }

    /** StampedLock's acquires, releases and conversions; optimistic reads and validation are not hooked. */
    private static Map<String, Hook> stampedCalls() {
        Map<String, Hook> m = new HashMap<>();
        String timed = "JLjava/util/concurrent/TimeUnit;";
        for (String n : new String[] {"writeLock", "readLock", "writeLockInterruptibly", "readLockInterruptibly",
            "tryWriteLock", "tryReadLock"}) {
            m.put(n + "()J", new Hook(STAMPED, n, "(" + STAMPED_LOCK + "II)J", true));
        }
        for (String n : new String[] {"tryWriteLock", "tryReadLock"}) {
            m.put(n + "(" + timed + ")J", new Hook(STAMPED, n, "(" + STAMPED_LOCK + timed + "II)J", true));
        }
        for (String n : new String[] {"unlockWrite", "unlockRead", "unlock"}) {
            m.put(n + "(J)V", new Hook(STAMPED, n, "(" + STAMPED_LOCK + "JII)V", true));
        }
        for (String n : new String[] {"tryConvertToWriteLock", "tryConvertToReadLock", "tryConvertToOptimisticRead"}) {
            m.put(n + "(J)J", new Hook(STAMPED, n, "(" + STAMPED_LOCK + "JII)J", true));
        }
        return Map.copyOf(m);
    }
}
