package org.lockwitness.agent.weave.jlock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.objectweb.asm.Opcodes;

/** Which calls are blocking waits, and the hooks that replace them. */
class BlockingTargetsTest {

    private static final String HOOKS = "org/lockwitness/agent/runtime/jlock/JavaBlocking";

    @Test
    void futureGet_throughTheInterfaceAndTheJdksFutures_bothForms() {
        Targets.Hook plain = Targets.of(Opcodes.INVOKEINTERFACE, "java/util/concurrent/Future", "get",
                "()Ljava/lang/Object;");
        assertEquals(new Targets.Hook(HOOKS, "get", "(Ljava/util/concurrent/Future;I)Ljava/lang/Object;", false),
                plain);
        assertEquals(plain, Targets.of(Opcodes.INVOKEVIRTUAL, "java/util/concurrent/CompletableFuture", "get",
                "()Ljava/lang/Object;"));
        assertEquals(new Targets.Hook(HOOKS, "get",
                "(Ljava/util/concurrent/Future;JLjava/util/concurrent/TimeUnit;I)Ljava/lang/Object;", false),
                Targets.of(Opcodes.INVOKEVIRTUAL, "java/util/concurrent/FutureTask", "get",
                        "(JLjava/util/concurrent/TimeUnit;)Ljava/lang/Object;"));
    }

    @Test
    void parkIsStatic_theOthersAreCallsOnTheReceiver() {
        assertEquals(new Targets.Hook(HOOKS, "parkNanos", "(Ljava/lang/Object;JI)V", false),
                Targets.of(Opcodes.INVOKESTATIC, "java/util/concurrent/locks/LockSupport", "parkNanos",
                        "(Ljava/lang/Object;J)V"));
        assertEquals(new Targets.Hook(HOOKS, "await", "(Ljava/util/concurrent/CountDownLatch;I)V", false),
                Targets.of(Opcodes.INVOKEVIRTUAL, "java/util/concurrent/CountDownLatch", "await", "()V"));
        assertEquals(new Targets.Hook(HOOKS, "acquire", "(Ljava/util/concurrent/Semaphore;II)V", false),
                Targets.of(Opcodes.INVOKEVIRTUAL, "java/util/concurrent/Semaphore", "acquire", "(I)V"));
    }

    @Test
    void whatReleasesOrNeverWaits_andOtherOwners_areLeftAlone() {
        assertNull(Targets.of(Opcodes.INVOKEVIRTUAL, "java/util/concurrent/CountDownLatch", "countDown", "()V"));
        assertNull(Targets.of(Opcodes.INVOKEVIRTUAL, "java/util/concurrent/Semaphore", "tryAcquire", "()Z"));
        assertNull(Targets.of(Opcodes.INVOKESTATIC, "java/util/concurrent/locks/LockSupport", "unpark",
                "(Ljava/lang/Thread;)V"));
        assertNull(Targets.of(Opcodes.INVOKEVIRTUAL, "com/example/MyTask", "get", "()Ljava/lang/Object;"));
        assertNull(Targets.of(Opcodes.INVOKESPECIAL, "java/util/concurrent/FutureTask", "get", "()Ljava/lang/Object;"),
                "a subclass's super.get() is not rewritten");
        assertFalse(AllocationMethodVisitor.tracked(Opcodes.NEW, "java/util/ArrayList"));
    }
}
