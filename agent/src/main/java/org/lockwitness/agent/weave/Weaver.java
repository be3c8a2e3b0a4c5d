package org.lockwitness.agent.weave;

import java.security.ProtectionDomain;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatchers;
import net.bytebuddy.utility.JavaModule;

/**
 * The one transformation of a class. A model class gets its probe advice and then, as the outer
 * visitor, its interrupt windows; any other class gets call-site instrumentation, advice on its
 * {@code @Requires} methods, line windows when it is marked {@code @KernelCode} and
 * {@code windows=lines} (a user's own simulation code, so that a check-then-act gap in it becomes a
 * place where an interrupt can land). The launched main class's exit call is {@link MainExitWeaver}'s.
 *
 * <p>Thread-safety: stateless apart from thread-safe collaborators.
 */
final class Weaver implements AgentBuilder.Transformer {

    static final String MODEL_PACKAGE = "org.lockwitness.kernel.";

    private final ProbeAdvisor advisor;
    private final CallSiteVisitor callSites;
    private final WindowVisitor windows;
    private final WeaveSettings settings;
    private final Counters counters;

    /**
     * @param windows the window visitor, or null for {@code windows=probes}
     * @param settings the windows, include/exclude patterns and main class
     */
    Weaver(ProbeAdvisor advisor, CallSiteVisitor callSites, WindowVisitor windows, WeaveSettings settings,
            Counters counters) {
        this.advisor = advisor;
        this.callSites = callSites;
        this.windows = windows;
        this.settings = settings;
        this.counters = counters;
    }

    @Override
    public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder, TypeDescription type, ClassLoader loader,
            JavaModule module, ProtectionDomain domain) {
        boolean model = type.getName().startsWith(MODEL_PACKAGE);
        DynamicType.Builder<?> b = builder.visit(probes(type, loader, model));
        if (model) {
            boolean kernelCode = WindowVisitor.isKernelCode(type);
            if (kernelCode) {
                countMatches(type.getName());
            }
            if (windows != null && (settings.windows() == Windows.OFF || kernelCode && admitted(type.getName()))) {
                b = b.visit(windows);
            }
            return b;
        }
        b = b.visit(callSites);
        if (WindowVisitor.isKernelCode(type)) {
            countMatches(type.getName());
            if (windows != null && settings.windows() == Windows.LINES && admitted(type.getName())) {
                b = b.visit(windows);
            }
        }
        return b;
    }

    /**
     * Line windows go into {@code @KernelCode} classes that include/exclude admit, the model's and the
     * user's; removal ({@code windows=off}) into every model class only.
     */
    private boolean admitted(String name) {
        return settings.include().matches(name) && !settings.exclude().matches(name);
    }

    /** Counts include= and exclude= matches in every mode, so the exit can tell a pattern that matched nothing. */
    private void countMatches(String name) {
        if (settings.include().matches(name)) {
            counters.includeMatched.incrementAndGet();
        }
        if (settings.exclude().matches(name)) {
            counters.excludeMatched.incrementAndGet();
        }
    }

    private AsmVisitorWrapper probes(TypeDescription type, ClassLoader loader, boolean model) {
        AsmVisitorWrapper.ForDeclaredMethods wrapper = new AsmVisitorWrapper.ForDeclaredMethods();
        for (MethodDescription.InDefinedShape m : type.getDeclaredMethods()) {
            AnnotationDescription probe = ProbeAdvisor.probeOf(m);
            if (probe == null || (!model && !probe.getAnnotationType().getSimpleName().equals("Requires"))) {
                continue;
            }
            try {
                wrapper = wrapper.invokable(ElementMatchers.is(m), advisor.advice(loader, type, m, probe));
                counters.probesWoven.incrementAndGet();
            } catch (ProbeAdvisor.Refused e) {
                counters.probesRefused.incrementAndGet();
                System.err.println("lockwitness: probe not woven: " + e.getMessage());
            }
        }
        return wrapper;
    }
}
