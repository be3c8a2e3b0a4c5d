/**
 * What woven application classes call for their Java locks: {@code synchronized} blocks and
 * methods, {@code ReentrantLock} and {@code ReentrantReadWriteLock} call sites, {@code Object.wait}
 * and {@code Condition.await}, the blocking waits ({@code JavaBlocking}: {@code Future.get},
 * {@code CountDownLatch.await}, {@code LockSupport.park}, ...) and the allocations of lock objects
 * ({@code JavaAllocations}, which record allocation sites for naming). Each hook turns one
 * operation into the witness's events for an ordinary Java thread ({@code Witness.javaThread}): no
 * CPU, no machine run.
 *
 * <p>Woven code calls only the public hook classes ({@code JavaMonitors}, {@code JavaLocks}, {@code JavaStamped},
 * {@code JavaWaits}, {@code JavaBlocking}, {@code JavaAllocations}); the weave
 * package registers lock names through {@link org.lockwitness.agent.runtime.jlock.JavaLockRuntime},
 * which the agent's entry package also starts and sweeps. Like its parent package, this one never
 * touches Byte Buddy, ASM, the weave package or the entry package, and never throws into the
 * host.
 *
 * <p>Thread-safety: per-thread state is a {@code ThreadLocal} confined to its thread (read by the
 * sweeper only once the thread has ended), found first through a racy direct-mapped cache that
 * checks the owning thread ({@code ThreadSlots}); the name registry publishes through volatile arrays,
 * the allocation-site table through a volatile array of immutable entries.
 */
package org.lockwitness.agent.runtime.jlock;
