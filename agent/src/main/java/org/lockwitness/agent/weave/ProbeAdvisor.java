package org.lockwitness.agent.weave;

import java.util.Map;
import org.lockwitness.agent.runtime.Probes;
import org.lockwitness.witness.OpFlags;
import org.objectweb.asm.Type;

/**
 * Chooses the advice of one method from its probe annotation, matched by the annotation's name in
 * {@code org.lockwitness.kernel.probe} (never by model class), and binds the annotation's values
 * (those not written take the annotation type's defaults, read from its class file). A method
 * whose shape does not fit its probe (a lock probe on a static method, say) is refused with a
 * message, not woven.
 *
 * <p>Thread-safety: stateless apart from the thread-safe {@link Requirements}.
 */
final class ProbeAdvisor {

    static final String PROBE_PACKAGE = "org.lockwitness.kernel.probe.";
    static final String LOCK_OBJECT = "org/lockwitness/kernel/LockObject";

    /** A method that cannot carry its probe. */
    static final class Refused extends Exception {
        Refused(ClassInfo type, ClassInfo.Method m, String why) {
            super(type.binaryName() + "." + m.name + ": " + why);
        }
    }

    /** A probe annotation on a method: its type's binary name and its explicit values. */
    record Probe(String type, Map<String, Object> values) {
        String simpleName() {
            return type.substring(type.lastIndexOf('.') + 1);
        }
    }

    private final Requirements requirements;

    ProbeAdvisor(Requirements requirements) {
        this.requirements = requirements;
    }

    /** @return the probe annotation of the method, or null; {@code @NoWindows} and {@code @LockWrapper} are not probes */
    static Probe probeOf(ClassInfo.Method m) {
        for (Map.Entry<String, Map<String, Object>> a : m.annotations.entrySet()) {
            String name = a.getKey();
            if (name.startsWith(PROBE_PACKAGE) && !name.endsWith(".NoWindows") && !name.endsWith(".LockWrapper")) {
                return new Probe(name, a.getValue());
            }
        }
        return null;
    }

    /**
     * @param lookup the classes of this transformation, for supertypes and annotation defaults
     * @param type the type declaring {@code m}
     * @param firstLine the method's first line, for {@code @Requires} sites (0: none)
     * @param m a method or constructor
     * @param a its probe annotation
     * @return the advice to weave into it
     * @throws Refused when the method's shape does not fit the probe
     */
    ProbeAdvice advice(ClassLookup lookup, ClassInfo type, int firstLine, ClassInfo.Method m, Probe a)
            throws Refused {
        Values v = new Values(lookup, a);
        switch (a.simpleName()) {
            case "Acquire":
                lock(lookup, type, m);
                return ProbeAdvice.acquire(ops(v));
            case "TryAcquire":
                lock(lookup, type, m);
                returnsBoolean(type, m, "a try-acquire probe needs a boolean result");
                return ProbeAdvice.succeeded(Probes.TRY_ACQUIRED, ops(v) | OpFlags.TRY);
            case "Upgrade":
                lock(lookup, type, m);
                returnsBoolean(type, m, "an upgrade probe needs a boolean result");
                return ProbeAdvice.upgrade();
            case "Release":
                lock(lookup, type, m);
                return ProbeAdvice.release(ops(v));
            case "Downgrade":
                return lockEnter(lookup, type, m, Probes.DOWNGRADE);
            case "LockDestroy":
                return lockEnter(lookup, type, m, Probes.DESTROY);
            case "SpinWait":
                return lockEnter(lookup, type, m, Probes.SPIN_WAIT);
            case "Assertion":
                return assertion(lookup, type, m, v);
            case "LockInit":
                if (!m.isConstructor() || !isLock(lookup, type.name)) {
                    throw new Refused(type, m, "@LockInit needs a constructor of a LockObject");
                }
                return ProbeAdvice.lockInit();
            case "CriticalEnter":
                return context(type, m, Probes.CRITICAL_ENTER, false, false);
            case "CriticalExit":
                return context(type, m, Probes.CRITICAL_EXIT, true, false);
            case "InterruptsOff":
                return context(type, m, Probes.INTERRUPTS_OFF, false, false);
            case "InterruptsOn":
                return context(type, m, Probes.INTERRUPTS_ON, false, false);
            case "InterruptEnter":
                return context(type, m, Probes.INTERRUPT_ENTER, true, true);
            case "InterruptExit":
                return context(type, m, Probes.INTERRUPT_EXIT, false, true);
            case "Eoi":
                return context(type, m, Probes.EOI, false, false);
            case "RendezvousEnter":
                return context(type, m, Probes.RENDEZVOUS_ENTER, false, false);
            case "RendezvousExit":
                return context(type, m, Probes.RENDEZVOUS_EXIT, true, false);
            case "PcpuAccess":
                return context(type, m, Probes.PCPU_ACCESS, true, false);
            case "ThreadExit":
                return context(type, m, Probes.THREAD_EXIT, true, false);
            case "Switch":
                return context(type, m, Probes.SWITCH, true, true);
            case "Sleep":
                return ProbeAdvice.sleep(objectArgument(type, m, v.integer("interlock")),
                        objectArgument(type, m, v.integer("wmesg")), v.bool("cv"));
            case "Requires":
                return ProbeAdvice.requires(v.string("value"), requirements.site(type, firstLine, m));
            case "Deadlock":
                return machineEvent(type, m, "deadlock", "([Ljava/lang/String;[Ljava/lang/String;)V",
                        "this probe needs two String[] arguments first");
            case "LostWakeup":
                return machineEvent(type, m, "lostWakeup",
                        "(Ljava/lang/String;Ljava/lang/String;Ljava/lang/String;J[Ljava/lang/StackTraceElement;)V",
                        "@LostWakeup needs (String ident, String thread, String waker, long step,"
                                + " StackTraceElement[] sleeper) first");
            case "WakeupLost":
                return machineEvent(type, m, "wakeupLost", "(Ljava/lang/String;J)V",
                        "@WakeupLost needs (String ident, long step) first");
            case "Panic":
                return machineEvent(type, m, "panic", "(Ljava/lang/String;)V", "@Panic needs a String message first");
            default:
                throw new Refused(type, m, "unknown probe @" + a.simpleName());
        }
    }

    private static void lock(ClassLookup lookup, ClassInfo type, ClassInfo.Method m) throws Refused {
        if (m.isStatic() || m.isConstructor() || !isLock(lookup, type.name)) {
            throw new Refused(type, m, "a lock probe needs an instance method of a LockObject");
        }
    }

    private static ProbeAdvice lockEnter(ClassLookup lookup, ClassInfo type, ClassInfo.Method m, int event)
            throws Refused {
        lock(lookup, type, m);
        return ProbeAdvice.lockEnter(event, ProbeAdvice.IntArg.of(0));
    }

    private static void returnsBoolean(ClassInfo type, ClassInfo.Method m, String why) throws Refused {
        if (Type.getReturnType(m.descriptor) != Type.BOOLEAN_TYPE) {
            throw new Refused(type, m, why);
        }
    }

    private static ProbeAdvice assertion(ClassLookup lookup, ClassInfo type, ClassInfo.Method m, Values v)
            throws Refused {
        lock(lookup, type, m);
        int whatArg = v.integer("whatArg");
        if (whatArg < 0) {
            return ProbeAdvice.lockEnter(Probes.ASSERTION, ProbeAdvice.IntArg.of(v.integer("what")));
        }
        Type[] params = m.parameters();
        if (whatArg >= params.length || params[whatArg] != Type.INT_TYPE) {
            throw new Refused(type, m, "@Assertion(whatArg = " + whatArg + ") is not an int argument");
        }
        return ProbeAdvice.lockEnter(Probes.ASSERTION, ProbeAdvice.IntArg.parameter(whatArg));
    }

    private static ProbeAdvice context(ClassInfo type, ClassInfo.Method m, int event, boolean onEntry, boolean intArg)
            throws Refused {
        if (!intArg) {
            return ProbeAdvice.context(event, ProbeAdvice.IntArg.of(0), onEntry);
        }
        Type[] params = m.parameters();
        if (params.length == 0 || params[0] != Type.INT_TYPE) {
            throw new Refused(type, m, "this probe needs an int first argument");
        }
        return ProbeAdvice.context(event, ProbeAdvice.IntArg.parameter(0), onEntry);
    }

    /** @return the index of {@code @Sleep}'s object argument, or -1 for none */
    private static int objectArgument(ClassInfo type, ClassInfo.Method m, int index) throws Refused {
        if (index < 0) {
            return -1;
        }
        Type[] params = m.parameters();
        int sort = index < params.length ? params[index].getSort() : Type.VOID;
        if (sort != Type.OBJECT && sort != Type.ARRAY) {
            throw new Refused(type, m, "@Sleep names argument " + index + ", which is not an object argument");
        }
        return index;
    }

    /** A probe whose first arguments, of exactly the types of {@code descriptor}, describe the event. */
    private static ProbeAdvice machineEvent(ClassInfo type, ClassInfo.Method m, String method, String descriptor,
            String why) throws Refused {
        Type[] want = Type.getArgumentTypes(descriptor);
        Type[] params = m.parameters();
        if (params.length < want.length) {
            throw new Refused(type, m, why);
        }
        for (int i = 0; i < want.length; i++) {
            if (!params[i].equals(want[i])) {
                throw new Refused(type, m, why);
            }
        }
        return ProbeAdvice.machineEvent(method, descriptor);
    }

    private static int ops(Values v) {
        int f = 0;
        if (v.bool("shared")) {
            f |= OpFlags.SHARED;
        }
        if (v.bool("spin")) {
            f |= OpFlags.SPIN_OP;
        }
        if (v.has("nosleep") && v.bool("nosleep")) {
            f |= OpFlags.NOSLEEP;
        }
        return f;
    }

    static boolean isLock(ClassLookup lookup, String internalName) {
        return lookup.firstInChain(internalName, c -> c.name.equals(LOCK_OBJECT)) != null;
    }

    /** A probe annotation's values: the written ones, else the defaults of its type's class file. */
    private static final class Values {
        private final ClassLookup lookup;
        private final Probe probe;

        Values(ClassLookup lookup, Probe probe) {
            this.lookup = lookup;
            this.probe = probe;
        }

        boolean has(String key) {
            return probe.values().containsKey(key) || element(key) != null;
        }

        int integer(String key) {
            return (Integer) value(key);
        }

        boolean bool(String key) {
            return (Boolean) value(key);
        }

        String string(String key) {
            return (String) value(key);
        }

        private Object value(String key) {
            Object v = probe.values().get(key);
            if (v != null) {
                return v;
            }
            ClassInfo.Method element = element(key);
            if (element == null || element.defaultValue == null) {
                throw new IllegalStateException("@" + probe.simpleName() + " has no value for " + key);
            }
            return element.defaultValue;
        }

        private ClassInfo.Method element(String key) {
            ClassInfo annotation = lookup.find(probe.type().replace('.', '/'));
            if (annotation == null) {
                return null;
            }
            for (ClassInfo.Method m : annotation.methods) {
                if (m.name.equals(key)) {
                    return m;
                }
            }
            return null;
        }
    }
}
