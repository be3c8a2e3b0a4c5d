package org.lockwitness.agent.runtime.jlock;

import org.lockwitness.witness.Witness;
import org.lockwitness.witness.WitnessThread;

/**
 * The hooks that woven application classes call for {@code synchronized}: public because woven
 * classes in any package call it; not an API for anyone else.
 *
 * <p>Design: a {@code monitorenter} gets {@link #monitorEnter} before it and no hook after it. The
 * hook does the order check (skipped when the thread already holds the monitor: a re-entry cannot
 * block), then pushes the monitor onto the thread's mirror, marked as perhaps not yet entered, with
 * the site's name, and tells the witness the hold: {@code monitorenter} cannot fail on an object
 * that is not null, so the hold is certain once the check is done, and only the watchdog must tell
 * a thread still blocked entering the monitor from one that has entered it, which it does by asking
 * the thread's state ({@link Watchdog}). A second hook after {@code monitorenter}, which had marked
 * the hold entered and told the witness then, cost about 1 ns of a pair of about 22 on Temurin 25
 * (side by side, pinned; docs/PERFORMANCE.md). The pending hold is the wait the deadlock watchdog
 * needs, so a {@code synchronized} block publishes none: it saved about 0.4 ns of a pair of about
 * 24.5, side by side. A re-entry, which cannot block, is reported held at once. A
 * {@code monitorexit}, on every path, gets {@link #monitorExit} after it; a {@code synchronized}
 * method {@link #methodEntered} on entry and {@link #monitorExit} before every return and on the
 * exception path. Re-entry is decided from the thread's mirror, searched only when the witness may
 * hold a lock of the monitor's class; the JVM is asked ({@code Thread.holdsLock}, a native call)
 * only when the witness's fast path cannot decide the order, so a re-entry the mirror missed (a
 * monitor taken by code that was not woven) can only meet an order already known. A monitor is
 * hashed and named before {@code monitorenter}, while it is unlocked: JDK 17's stack locking moves
 * an object's header aside while it is locked, and hashing it then is a call into the VM (see
 * {@link JThread#lockedInstance}). The name of the monitor the thread named last is remembered with
 * the site's name ({@link JThread#namedId}), so a loop that locks one object names it without a
 * {@code ClassValue} lookup. Whatever the checker throws is recorded as a {@code CHECKER_FAULT}.
 *
 * <p>Thread-safety: each hook acts for the calling thread, on its {@link JThread}; the witness is
 * thread-safe.
 */
public final class JavaMonitors {

    private static final Witness W = JavaLockRuntime.witness();

    private JavaMonitors() {
    }

    /**
     * Before {@code monitorenter}: the order check, and the hold, marked on the thread's mirror as
     * perhaps not yet entered.
     *
     * @param o the object about to be locked
     * @param site the site id
     * @param name the site's name for the lock (a field), or 0
     * @param thread the calling thread's state, as a hook of the same call of the method returned
     *     it, or null
     * @return the calling thread's state, for the next hook of this call of the method
     */
    public static Object monitorEnter(Object o, int site, int name, Object thread) {
        if (o == null) {
            return thread;
        }
        JThread jt = JThread.of(thread);
        if (jt.busy) {
            return jt;
        }
        jt.busy = true;
        try {
            WitnessThread t = jt.handle(W);
            int id = monitorId(jt, o, name);
            int i = W.mayHoldClass(t, id) ? jt.indexOf(o) : -1;
            if (i >= 0) {
                JavaLocks.held(jt, t, o, jt.instances[i], id, JavaLocks.MONITOR, site, 0);
                return jt;
            }
            long instance = JavaLocks.instance(o);
            if (!W.acquiredIfKnown(t, id, instance, site)) {
                if (Thread.holdsLock(o)) {
                    JavaLocks.held(jt, t, o, instance, id, JavaLocks.MONITOR, site, 0);
                    return jt;
                }
                W.checkOrder(t, id, instance, site, 0, 0L);
                W.acquired(t, id, instance, site, 0);
            }
            jt.pushEntering(o, instance, id, name);
        } catch (Throwable e) {
            W.fault(e, "java monitor enter");
        } finally {
            jt.busy = false;
        }
        return jt;
    }

    /**
     * On entry to a {@code synchronized} method, whose monitor the JVM has taken: the order check
     * (unless the witness already counts it held) and the hold.
     *
     * @param o {@code this}, or the class of a static method
     * @param site the site id
     * @param name the site's name for the lock ({@code Owner.class} for a static method), or 0
     * @param thread the calling thread's state, or null (the method's first hook)
     * @return the calling thread's state, for the method's {@link #monitorExit}
     */
    public static Object methodEntered(Object o, int site, int name, Object thread) {
        JThread jt = JThread.of(thread);
        if (jt.busy) {
            return jt;
        }
        jt.busy = true;
        try {
            WitnessThread t = jt.handle(W);
            int id = monitorId(jt, o, name);
            long instance = jt.lockedInstance(o);
            if ((!W.mayHoldClass(t, id) || !W.holds(t, instance)) && !W.orderKnown(t, id, site, 0, 0L)) {
                W.checkOrder(t, id, instance, site, 0, 0L);
            }
            JavaLocks.held(jt, t, o, instance, id, JavaLocks.MONITOR, site, 0);
        } catch (Throwable e) {
            W.fault(e, "java synchronized method");
        } finally {
            jt.busy = false;
        }
        return jt;
    }

    /** The lock id of a monitor, through the thread's memo of the monitor it named last. */
    private static int monitorId(JThread jt, Object o, int name) {
        int id = jt.namedId(o, name);
        if (id == 0) {
            id = LockNames.monitor(W, o, name);
            jt.named(o, name, id);
        }
        return id;
    }

    /**
     * After {@code monitorexit}, or on leaving a {@code synchronized} method: the release. A
     * monitor whose acquire was not seen is passed over. The object is found in the thread's
     * mirror by identity, never hashed: it may still be locked.
     *
     * @param o the object unlocked, or about to be
     * @param site the site id
     * @param thread the calling thread's state, as a hook of the same call of the method returned
     *     it, or null
     */
    public static void monitorExit(Object o, int site, Object thread) {
        if (o == null) {
            return;
        }
        JThread jt = JThread.of(thread);
        if (jt.busy) {
            return;
        }
        jt.busy = true;
        try {
            if (jt.isTop(o, JavaLocks.MONITOR)) {
                long instance = jt.topInstance();
                W.release(jt.handle(W), jt.topId(), instance, site, 0);
                jt.dropTop();
                jt.released(o, instance);
                return;
            }
            int i = jt.indexOf(o);
            if (i >= 0) {
                long instance = jt.instances[i];
                W.release(jt.handle(W), jt.ids[i], instance, site, 0);
                jt.pop(instance);
                jt.released(o, instance);
            }
        } catch (Throwable e) {
            W.fault(e, "java monitor exit");
        } finally {
            jt.busy = false;
        }
    }
}
