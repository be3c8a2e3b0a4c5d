package org.lockwitness.agent.weave.jlock;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.lockwitness.agent.runtime.jlock.JavaBlocking;
import org.lockwitness.agent.weave.jlock.Targets.Hook;
import org.objectweb.asm.Opcodes;

/**
 * The blocking waits that are replaced by a hook of {@link JavaBlocking}: {@code Future.get} (both
 * forms) through {@code Future} and the JDK's futures ({@code FutureTask}, {@code CompletableFuture},
 * {@code ForkJoinTask} and their JDK subtypes), {@code CountDownLatch.await} (both),
 * {@code CyclicBarrier.await} (both), {@code Semaphore.acquire} and
 * {@code acquireUninterruptibly} (with and without a count) and the {@code LockSupport.park*}
 * statics. Owners are matched as the compiler writes them (the receiver's static type), so a get
 * through an application's own subclass of {@code FutureTask} is not seen.
 *
 * <p>Thread-safety: immutable.
 */
final class BlockingTargets {

    static final String BLOCKING = JavaBlocking.class.getName().replace('.', '/');

    private static final String FUTURE = "Ljava/util/concurrent/Future;";
    private static final String TIMED = "JLjava/util/concurrent/TimeUnit;";
    private static final Set<String> FUTURE_OWNERS = Set.of("java/util/concurrent/Future",
            "java/util/concurrent/RunnableFuture", "java/util/concurrent/ScheduledFuture",
            "java/util/concurrent/RunnableScheduledFuture", "java/util/concurrent/FutureTask",
            "java/util/concurrent/CompletableFuture", "java/util/concurrent/ForkJoinTask",
            "java/util/concurrent/RecursiveTask", "java/util/concurrent/RecursiveAction",
            "java/util/concurrent/CountedCompleter");
    private static final Map<String, Hook> FUTURE_CALLS = Map.of(
            "get()Ljava/lang/Object;", hook("get", "(" + FUTURE + "I)Ljava/lang/Object;"),
            "get(" + TIMED + ")Ljava/lang/Object;", hook("get", "(" + FUTURE + TIMED + "I)Ljava/lang/Object;"));
    private static final Map<String, Map<String, Hook>> BY_OWNER = byOwner();

    private BlockingTargets() {
    }

    /** The hook replacing this call when it is a blocking wait, or null. */
    static Hook of(int opcode, String owner, String name, String descriptor) {
        if (opcode == Opcodes.INVOKESPECIAL) {
            return null;
        }
        Map<String, Hook> calls = FUTURE_OWNERS.contains(owner) ? FUTURE_CALLS : BY_OWNER.get(owner);
        if (calls == null) {
            return null;
        }
        boolean isStatic = owner.equals("java/util/concurrent/locks/LockSupport");
        return (opcode == Opcodes.INVOKESTATIC) == isStatic ? calls.get(name + descriptor) : null;
    }

    private static Hook hook(String name, String descriptor) {
        return new Hook(BLOCKING, name, descriptor, false);
    }

    private static Map<String, Map<String, Hook>> byOwner() {
        String latch = "Ljava/util/concurrent/CountDownLatch;";
        String barrier = "Ljava/util/concurrent/CyclicBarrier;";
        String semaphore = "Ljava/util/concurrent/Semaphore;";
        Map<String, Map<String, Hook>> m = new HashMap<>();
        m.put("java/util/concurrent/CountDownLatch", Map.of(
                "await()V", hook("await", "(" + latch + "I)V"),
                "await(" + TIMED + ")Z", hook("await", "(" + latch + TIMED + "I)Z")));
        m.put("java/util/concurrent/CyclicBarrier", Map.of(
                "await()I", hook("await", "(" + barrier + "I)I"),
                "await(" + TIMED + ")I", hook("await", "(" + barrier + TIMED + "I)I")));
        m.put("java/util/concurrent/Semaphore", Map.of(
                "acquire()V", hook("acquire", "(" + semaphore + "I)V"),
                "acquire(I)V", hook("acquire", "(" + semaphore + "II)V"),
                "acquireUninterruptibly()V", hook("acquireUninterruptibly", "(" + semaphore + "I)V"),
                "acquireUninterruptibly(I)V", hook("acquireUninterruptibly", "(" + semaphore + "II)V")));
        m.put("java/util/concurrent/locks/LockSupport", Map.of(
                "park()V", hook("park", "(I)V"),
                "park(Ljava/lang/Object;)V", hook("park", "(Ljava/lang/Object;I)V"),
                "parkNanos(J)V", hook("parkNanos", "(JI)V"),
                "parkNanos(Ljava/lang/Object;J)V", hook("parkNanos", "(Ljava/lang/Object;JI)V"),
                "parkUntil(J)V", hook("parkUntil", "(JI)V"),
                "parkUntil(Ljava/lang/Object;J)V", hook("parkUntil", "(Ljava/lang/Object;JI)V")));
        return Map.copyOf(m);
    }
}
