package org.lockwitness.agent.runtime.jlock;

import org.lockwitness.witness.Witness;
import org.lockwitness.witness.WitnessThread;

/**
 * The hooks that woven application classes call for {@code synchronized}: public because woven
 * classes in any package call it; not an API for anyone else.
 *
 * <p>Design: a {@code monitorenter} gets {@link #monitorEnter} before it (the order check, skipped
 * when the thread already holds the monitor: a re-entry cannot block) and {@link #monitorEntered}
 * after it; a {@code monitorexit}, on every path, {@link #monitorExit} after it; a
 * {@code synchronized} method {@link #methodEntered} on entry and {@link #monitorExit} before every
 * return and on the exception path. Re-entry is decided from the thread's mirror, searched only
 * when the witness may hold a lock of the monitor's class; the JVM is asked
 * ({@code Thread.holdsLock}, a native call) only when the witness's fast path cannot decide the
 * order, so a re-entry the mirror missed (a monitor taken by code that was not woven) can only
 * meet an order already known. A monitor is hashed and named before {@code monitorenter}, while
 * it is unlocked: JDK 17's stack locking moves an object's header aside while it is locked, and
 * hashing it then is a call into the VM (see {@link JThread#lockedInstance}). The name of the
 * monitor the thread named last is remembered with the site's name ({@link JThread#namedId}), so
 * a loop that locks one object names it without a {@code ClassValue} lookup. Whatever the checker
 * throws is recorded as a {@code CHECKER_FAULT}.
 *
 * <p>Thread-safety: each hook acts for the calling thread, on its {@link JThread}; the witness is
 * thread-safe.
 */
public final class JavaMonitors {

    private static final Witness W = JavaLockRuntime.witness();

    private JavaMonitors() {
    }

    /**
     * Before {@code monitorenter}: the order check.
     *
     * @param o the object about to be locked
     * @param site the site id
     * @param name the site's name for the lock (a field), or 0
     */
    public static void monitorEnter(Object o, int site, int name) {
        if (o == null) {
            return;
        }
        JThread jt = JThread.get();
        if (jt.busy) {
            return;
        }
        jt.busy = true;
        try {
            WitnessThread t = jt.handle(W);
            int id = monitorId(jt, o, name);
            if (W.mayHoldClass(t, id) && jt.indexOf(o) >= 0) {
                return;
            }
            long instance = JavaLocks.instance(o);
            jt.entering(o, instance, id);
            if (!W.orderKnown(t, id, site, 0, 0L) && !Thread.holdsLock(o)) {
                W.checkOrder(t, id, instance, site, 0, 0L);
            }
            jt.waitFor(o, instance, name);
        } catch (Throwable e) {
            W.fault(e, "java monitor enter");
        } finally {
            jt.busy = false;
        }
    }

    /**
     * After {@code monitorenter}: the monitor is held.
     *
     * @param o the object locked
     * @param site the site id
     * @param name the site's name for the lock, or 0
     */
    public static void monitorEntered(Object o, int site, int name) {
        JThread jt = JThread.get();
        jt.waitDone();
        if (jt.busy) {
            return;
        }
        jt.busy = true;
        try {
            int id = jt.enteringId(o);
            long instance = jt.lockedInstance(o);
            JavaLocks.held(jt, jt.handle(W), o, instance, id != 0 ? id : monitorId(jt, o, name), JavaLocks.MONITOR, site, 0);
        } catch (Throwable e) {
            W.fault(e, "java monitor entered");
        } finally {
            jt.busy = false;
        }
    }

    /**
     * On entry to a {@code synchronized} method, whose monitor the JVM has taken: the order check
     * (unless the witness already counts it held) and the hold.
     *
     * @param o {@code this}, or the class of a static method
     * @param site the site id
     * @param name the site's name for the lock ({@code Owner.class} for a static method), or 0
     */
    public static void methodEntered(Object o, int site, int name) {
        JThread jt = JThread.get();
        if (jt.busy) {
            return;
        }
        jt.busy = true;
        try {
            WitnessThread t = jt.handle(W);
            int id = monitorId(jt, o, name);
            long instance = jt.lockedInstance(o);
            if (!W.mayHoldClass(t, id) || !W.holds(t, instance)) {
                W.checkOrder(t, id, instance, site, 0, 0L);
            }
            JavaLocks.held(jt, t, o, instance, id, JavaLocks.MONITOR, site, 0);
        } catch (Throwable e) {
            W.fault(e, "java synchronized method");
        } finally {
            jt.busy = false;
        }
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
     */
    public static void monitorExit(Object o, int site) {
        if (o == null) {
            return;
        }
        JThread jt = JThread.get();
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
