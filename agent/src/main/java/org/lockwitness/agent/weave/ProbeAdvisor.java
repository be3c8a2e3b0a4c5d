package org.lockwitness.agent.weave;

import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.method.ParameterList;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;
import org.lockwitness.agent.runtime.Probes;
import org.lockwitness.witness.OpFlags;

/**
 * Chooses the advice of one method from its probe annotation, matched by the annotation's name in
 * {@code org.lockwitness.kernel.probe} (never by model class), and binds the annotation's values.
 * A method whose shape does not fit its probe (a lock probe on a static method, say) is refused
 * with a message, not woven.
 *
 * <p>Thread-safety: stateless apart from the thread-safe {@link Requirements}.
 */
final class ProbeAdvisor {

    static final String PROBE_PACKAGE = "org.lockwitness.kernel.probe.";
    static final String LOCK_OBJECT = "org.lockwitness.kernel.LockObject";

    /** A method that cannot carry its probe. */
    static final class Refused extends Exception {
        Refused(MethodDescription m, String why) {
            super(m.getDeclaringType().getTypeName() + "." + m.getInternalName() + ": " + why);
        }
    }

    private final Requirements requirements;

    ProbeAdvisor(Requirements requirements) {
        this.requirements = requirements;
    }

    /** @return the probe annotation of the method, or null; {@code @NoWindows} is not a probe */
    static AnnotationDescription probeOf(MethodDescription m) {
        for (AnnotationDescription a : m.getDeclaredAnnotations()) {
            String name = a.getAnnotationType().getName();
            if (name.startsWith(PROBE_PACKAGE) && !name.endsWith(".NoWindows") && !name.endsWith(".LockWrapper")) {
                return a;
            }
        }
        return null;
    }

    /**
     * @param loader the loader of {@code type}, for {@code @Requires} sites
     * @param type the type declaring {@code m}
     * @param m a method or constructor
     * @param a its probe annotation
     * @return the advice to weave into it
     * @throws Refused when the method's shape does not fit the probe
     */
    AsmVisitorWrapper.ForDeclaredMethods.MethodVisitorWrapper advice(ClassLoader loader, TypeDescription type,
            MethodDescription m, AnnotationDescription a) throws Refused {
        String probe = a.getAnnotationType().getSimpleName();
        switch (probe) {
            case "Acquire":
                return lock(m).bind(Bound.Arg.class, ops(a, 0)).to(ProbeAdvice.Acquire.class);
            case "TryAcquire":
                return succeeded(m, Probes.TRY_ACQUIRED, ops(a, OpFlags.TRY));
            case "Upgrade":
                if (!m.getReturnType().represents(boolean.class)) {
                    throw new Refused(m, "an upgrade probe needs a boolean result");
                }
                return lock(m).to(ProbeAdvice.Upgrade.class);
            case "Release":
                return lockEnter(m, Probes.RELEASE).bind(Bound.Arg.class, ops(a, 0)).to(ProbeAdvice.LockEnter.class);
            case "Downgrade":
                return lockEnter(m, Probes.DOWNGRADE).bind(Bound.Arg.class, 0).to(ProbeAdvice.LockEnter.class);
            case "LockDestroy":
                return lockEnter(m, Probes.DESTROY).bind(Bound.Arg.class, 0).to(ProbeAdvice.LockEnter.class);
            case "SpinWait":
                return lockEnter(m, Probes.SPIN_WAIT).bind(Bound.Arg.class, 0).to(ProbeAdvice.LockEnter.class);
            case "Assertion":
                return assertion(m, a);
            case "LockInit":
                if (!m.isConstructor() || !isLock(m.getDeclaringType())) {
                    throw new Refused(m, "@LockInit needs a constructor of a LockObject");
                }
                return Advice.to(ProbeAdvice.LockInit.class);
            case "CriticalEnter":
                return context(m, Probes.CRITICAL_ENTER, false, false);
            case "CriticalExit":
                return context(m, Probes.CRITICAL_EXIT, true, false);
            case "InterruptsOff":
                return context(m, Probes.INTERRUPTS_OFF, false, false);
            case "InterruptsOn":
                return context(m, Probes.INTERRUPTS_ON, false, false);
            case "InterruptEnter":
                return context(m, Probes.INTERRUPT_ENTER, true, true);
            case "InterruptExit":
                return context(m, Probes.INTERRUPT_EXIT, false, true);
            case "Eoi":
                return context(m, Probes.EOI, false, false);
            case "RendezvousEnter":
                return context(m, Probes.RENDEZVOUS_ENTER, false, false);
            case "RendezvousExit":
                return context(m, Probes.RENDEZVOUS_EXIT, true, false);
            case "PcpuAccess":
                return context(m, Probes.PCPU_ACCESS, true, false);
            case "ThreadExit":
                return context(m, Probes.THREAD_EXIT, true, false);
            case "Switch":
                return context(m, Probes.SWITCH, true, true);
            case "Sleep":
                return sleep(m, a);
            case "Requires":
                return requires(loader, type, m, a);
            case "Deadlock":
                return machineEvent(m, String[].class, ProbeAdvice.Deadlock.class);
            case "LostWakeup":
                if (m.getParameters().size() < 5 || !m.getParameters().get(2).getType().represents(String.class)
                        || !m.getParameters().get(3).getType().represents(long.class)
                        || !m.getParameters().get(4).getType().represents(StackTraceElement[].class)) {
                    throw new Refused(m, "@LostWakeup needs (String ident, String thread, String waker, long step,"
                            + " StackTraceElement[] sleeper) first");
                }
                return machineEvent(m, String.class, ProbeAdvice.LostWakeup.class);
            case "WakeupLost":
                if (m.getParameters().size() < 2 || !m.getParameters().get(0).getType().represents(String.class)
                        || !m.getParameters().get(1).getType().represents(long.class)) {
                    throw new Refused(m, "@WakeupLost needs (String ident, long step) first");
                }
                return Advice.to(ProbeAdvice.WakeupLost.class);
            case "Panic":
                if (m.getParameters().isEmpty() || !m.getParameters().get(0).getType().represents(String.class)) {
                    throw new Refused(m, "@Panic needs a String message first");
                }
                return Advice.to(ProbeAdvice.Panic.class);
            default:
                throw new Refused(m, "unknown probe @" + probe);
        }
    }

    private static Advice.WithCustomMapping lock(MethodDescription m) throws Refused {
        if (m.isStatic() || m.isConstructor() || !isLock(m.getDeclaringType())) {
            throw new Refused(m, "a lock probe needs an instance method of a LockObject");
        }
        return Advice.withCustomMapping();
    }

    private static Advice.WithCustomMapping lockEnter(MethodDescription m, int event) throws Refused {
        return lock(m).bind(Bound.Event.class, event);
    }

    private static Advice succeeded(MethodDescription m, int event, int arg) throws Refused {
        if (!m.getReturnType().represents(boolean.class)) {
            throw new Refused(m, "a try-acquire probe needs a boolean result");
        }
        return lock(m).bind(Bound.Event.class, event).bind(Bound.Arg.class, arg).to(ProbeAdvice.LockSucceeded.class);
    }

    private static Advice assertion(MethodDescription m, AnnotationDescription a) throws Refused {
        int whatArg = a.getValue("whatArg").resolve(Integer.class);
        Advice.WithCustomMapping mapping = lockEnter(m, Probes.ASSERTION);
        if (whatArg < 0) {
            return mapping.bind(Bound.Arg.class, a.getValue("what").resolve(Integer.class))
                    .to(ProbeAdvice.LockEnter.class);
        }
        ParameterList<?> params = m.getParameters();
        if (whatArg >= params.size() || !params.get(whatArg).getType().represents(int.class)) {
            throw new Refused(m, "@Assertion(whatArg = " + whatArg + ") is not an int argument");
        }
        return mapping.bind(Bound.Arg.class, params.get(whatArg)).to(ProbeAdvice.LockEnter.class);
    }

    private static Advice context(MethodDescription m, int event, boolean onEntry, boolean intArg) throws Refused {
        Advice.WithCustomMapping mapping = Advice.withCustomMapping().bind(Bound.Event.class, event);
        ParameterList<?> params = m.getParameters();
        if (intArg) {
            if (params.isEmpty() || !params.get(0).getType().represents(int.class)) {
                throw new Refused(m, "this probe needs an int first argument");
            }
            mapping = mapping.bind(Bound.Arg.class, params.get(0));
        } else {
            mapping = mapping.bind(Bound.Arg.class, 0);
        }
        return mapping.to(onEntry ? ProbeAdvice.ContextEnter.class : ProbeAdvice.ContextExit.class);
    }

    private static Advice sleep(MethodDescription m, AnnotationDescription a) throws Refused {
        Advice.WithCustomMapping mapping = Advice.withCustomMapping();
        mapping = argument(mapping, Bound.Interlock.class, m, a.getValue("interlock").resolve(Integer.class));
        mapping = argument(mapping, Bound.Wmesg.class, m, a.getValue("wmesg").resolve(Integer.class));
        boolean cv = a.getValue("cv").resolve(Boolean.class);
        return mapping.bind(Bound.Arg.class, cv ? 1 : 0).to(ProbeAdvice.Sleep.class);
    }

    private static <T extends java.lang.annotation.Annotation> Advice.WithCustomMapping argument(
            Advice.WithCustomMapping mapping, Class<T> binding, MethodDescription m, int index) throws Refused {
        if (index < 0) {
            return mapping.bind(binding, (Object) null);
        }
        ParameterList<?> params = m.getParameters();
        if (index >= params.size() || params.get(index).getType().isPrimitive()) {
            throw new Refused(m, "@Sleep names argument " + index + ", which is not an object argument");
        }
        return mapping.bind(binding, params.get(index));
    }

    private Advice requires(ClassLoader loader, TypeDescription type, MethodDescription m, AnnotationDescription a) {
        String lockName = a.getValue("value").resolve(String.class);
        int site = requirements.site(loader, type, m);
        return Advice.withCustomMapping().bind(Bound.LockName.class, lockName).bind(Bound.SiteId.class, site)
                .to(ProbeAdvice.Requires.class);
    }

    /** A probe whose first two arguments, of type {@code argType}, describe the event. */
    private static Advice machineEvent(MethodDescription m, Class<?> argType, Class<?> advice) throws Refused {
        ParameterList<?> params = m.getParameters();
        if (params.size() < 2 || !params.get(0).getType().represents(argType)
                || !params.get(1).getType().represents(argType)) {
            throw new Refused(m, "this probe needs two " + argType.getSimpleName() + " arguments first");
        }
        return Advice.to(advice);
    }

    private static int ops(AnnotationDescription a, int base) {
        int f = base;
        if (a.getValue("shared").resolve(Boolean.class)) {
            f |= OpFlags.SHARED;
        }
        if (a.getValue("spin").resolve(Boolean.class)) {
            f |= OpFlags.SPIN_OP;
        }
        boolean hasNosleep = a.getAnnotationType().getDeclaredMethods().stream()
                .anyMatch(m -> m.getName().equals("nosleep"));
        if (hasNosleep && a.getValue("nosleep").resolve(Boolean.class)) {
            f |= OpFlags.NOSLEEP;
        }
        return f;
    }

    static boolean isLock(TypeDefinition type) {
        for (TypeDefinition t = type; t != null; t = t.getSuperClass()) {
            if (t.asErasure().getName().equals(LOCK_OBJECT)) {
                return true;
            }
        }
        return false;
    }
}
