/**
 * Load-time rewriting of ordinary application classes for their Java locks: {@code synchronized}
 * blocks ({@code monitorenter}/{@code monitorexit}, exception paths included) and methods, call
 * sites of {@code ReentrantLock} and {@code ReentrantReadWriteLock} read and write locks (through
 * their own types or {@code Lock}), {@code Object.wait} and {@code Condition.await*}, the blocking
 * waits of {@code BlockingTargets}, and {@code new} of the lock types whose allocation sites name
 * them ({@code AllocationMethodVisitor}). The JDK is never retransformed: the JDK's locks are seen
 * where application code calls them.
 *
 * <p>One public entry, {@link org.lockwitness.agent.weave.jlock.JavaLockWeaving}, installs a plain
 * {@code ClassFileTransformer} beside the transformation of the kernel model; both use ASM. Woven
 * code calls
 * {@link org.lockwitness.agent.runtime.jlock.JavaMonitors},
 * {@link org.lockwitness.agent.runtime.jlock.JavaLocks},
 * {@link org.lockwitness.agent.runtime.jlock.JavaWaits},
 * {@link org.lockwitness.agent.runtime.jlock.JavaBlocking} and
 * {@link org.lockwitness.agent.runtime.jlock.JavaAllocations}.
 *
 * <p>Thread-safety: the transformer is stateless apart from thread-safe collaborators (the
 * witness's site table, the name registry, the counters); the JVM may call it from any thread.
 */
package org.lockwitness.agent.weave.jlock;
