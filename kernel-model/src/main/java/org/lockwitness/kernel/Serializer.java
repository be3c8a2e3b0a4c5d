package org.lockwitness.kernel;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.lockwitness.kernel.probe.Acquire;
import org.lockwitness.kernel.probe.Assertion;
import org.lockwitness.kernel.probe.KernelCode;
import org.lockwitness.kernel.probe.NoWindows;
import org.lockwitness.kernel.probe.LockInit;
import org.lockwitness.kernel.probe.Release;
import org.lockwitness.kernel.probe.TryAcquire;

/**
 * A DragonFly LWKT serializer: exclusive, not recursive, and held across sleeps. For the checker it
 * is an ordinary sleepable lock. Its handler bit lets an interrupt source share it with the driver
 * entry points ({@code lwkt_serialize_handler_call}).
 *
 * <p>Design: the owner is one atomic reference. A contender queues on the sleep queue with
 * {@code tsleep_interlock}, re-tests, and only then sleeps with {@code PINTERLOCKED}, so a release in
 * between is never lost.
 *
 * <p>Thread-safety: for kernel threads of one machine.
 */
@KernelCode
public final class Serializer extends LockObject {

    private final AtomicReference<KThread> owner = new AtomicReference<>();
    private final AtomicInteger waiters = new AtomicInteger();
    private volatile boolean handlerDisabled;

    /**
     * {@code lwkt_serialize_init}.
     *
     * @param name the serializer's name (its witness type)
     */
    @LockInit
    public Serializer(String name) {
        super(name, LockClass.SERIALIZER, LO_WITNESS | LO_SLEEPABLE);
    }

    /** {@code lwkt_serialize_enter}: blocks while another thread holds it. */
    @Acquire
    public void enter() {
        Machine.window();
        KThread td = KThread.curthread();
        if (owner.get() == td) {
            throw Machine.panic("lwkt_serialize_enter: recursion on serializer " + name());
        }
        for (;;) {
            if (owner.compareAndSet(null, td)) {
                return;
            }
            waiters.incrementAndGet();
            Synch.tsleepInterlock(this);
            if (owner.get() != null) {
                td.blockedOn = this;
                Synch.sleep(this, null, Synch.PINTERLOCKED, "slize", 0);
                td.blockedOn = null;
            } else {
                Synch.cancelInterlock();
            }
            waiters.decrementAndGet();
        }
    }

    /**
     * {@code lwkt_serialize_try}.
     *
     * @return true when taken
     */
    @TryAcquire
    public boolean tryEnter() {
        Machine.window();
        KThread td = KThread.curthread();
        if (owner.get() == td) {
            throw Machine.panic("lwkt_serialize_try: recursion on serializer " + name());
        }
        return owner.compareAndSet(null, td);
    }

    /** {@code lwkt_serialize_exit}. */
    @Release
    public void exit() {
        Machine.window();
        KThread td = KThread.curthread();
        if (!owner.compareAndSet(td, null)) {
            throw Machine.panic("lwkt_serialize_exit: serializer " + name() + " not held");
        }
        td.lastRelease = td.machine.steps();
        if (waiters.get() > 0) {
            Synch.wakeup(this);
        }
    }

    /** {@code ASSERT_SERIALIZED}: checked by the checker. */
    @Assertion(what = LA_XLOCKED)
    public void assertSerialized() {
        Machine.window();
    }

    /** {@code ASSERT_NOT_SERIALIZED}: checked by the checker. */
    @Assertion(what = LA_UNLOCKED)
    public void assertNotSerialized() {
        Machine.window();
    }

    /** @return whether the calling thread holds it ({@code IS_SERIALIZED}) */
    public boolean serialized() {
        return owner.get() == KThread.curthread();
    }

    /** {@code lwkt_serialize_handler_disable}: interrupt handlers called through it stop running. */
    public void handlerDisable() {
        handlerDisabled = true;
    }

    /** {@code lwkt_serialize_handler_enable}. */
    public void handlerEnable() {
        handlerDisabled = false;
    }

    /**
     * {@code lwkt_serialize_handler_call}: if the handler is enabled, enter, re-check, run, exit.
     *
     * @param handler the interrupt handler
     */
    public void handlerCall(Runnable handler) {
        if (handlerDisabled) {
            return;
        }
        enter();
        if (!handlerDisabled) {
            handler.run();
        }
        exit();
    }

    @Override
    @NoWindows
    KThread exclusiveOwner() {
        return owner.get();
    }

    @Override
    int lcUnlock() {
        throw Machine.panic("a serializer is held across sleeps; it cannot be a sleep interlock");
    }

    @Override
    void lcLock(int state) {
        throw Machine.panic("a serializer is held across sleeps; it cannot be a sleep interlock");
    }
}
