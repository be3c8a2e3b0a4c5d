package org.lockwitness.agent.weave;

import java.util.HashMap;
import java.util.Map;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.commons.AdviceAdapter;

/**
 * The one transformation of a class, in plain ASM. A model class gets its probe advice and then, as
 * the outer visitor, its interrupt windows; any other class gets call-site instrumentation, advice
 * on its {@code @Requires} methods, line windows when it is marked {@code @KernelCode} and
 * {@code windows=lines} (a user's own simulation code, so that a check-then-act gap in it becomes a
 * place where an interrupt can land). The launched main class's exit call is {@link MainExitWeaver}'s.
 * What a class's annotations and its callees' say is read from class files ({@link ClassLookup}),
 * never by loading a class.
 *
 * <p>The visitors run outermost first: windows, then call sites, then the probe advice, then the
 * writer. So the windows and call sites see only the method's original code, and no window or
 * site lands inside woven advice.
 *
 * <p>Thread-safety: stateless apart from thread-safe collaborators.
 */
final class Weaver {

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

    /**
     * @param loader the class's loader (null: the bootstrap loader)
     * @param bytes its class file
     * @return the woven class file, or null for a class never woven (a synthetic one)
     */
    byte[] weave(ClassLoader loader, byte[] bytes) {
        ClassInfo type = ClassInfo.read(bytes);
        if (type.isSynthetic()) {
            return null;
        }
        ClassLookup lookup = new ClassLookup(loader, type);
        boolean model = type.binaryName().startsWith(MODEL_PACKAGE);
        Map<String, Advice> advice = probes(lookup, type, bytes, model);
        ClassReader reader = new ClassReader(bytes);
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        ClassVisitor cv = advice.isEmpty() ? writer : new Advised(writer, advice);
        boolean kernelCode = WindowVisitor.isKernelCode(type);
        if (kernelCode) {
            countMatches(type.binaryName());
        }
        if (model) {
            if (windows != null && (settings.windows() == Windows.OFF || kernelCode && admitted(type.binaryName()))) {
                cv = windows.wrap(type, lookup, cv);
            }
        } else {
            cv = callSites.wrap(type, lookup, cv);
            if (kernelCode && windows != null && settings.windows() == Windows.LINES && admitted(type.binaryName())) {
                cv = windows.wrap(type, lookup, cv);
            }
        }
        reader.accept(cv, advice.isEmpty() && model ? 0 : ClassReader.EXPAND_FRAMES);
        return writer.toByteArray();
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

    /** @return the advice of each probe method, by name and descriptor (outside the model: {@code @Requires} only) */
    private Map<String, Advice> probes(ClassLookup lookup, ClassInfo type, byte[] bytes, boolean model) {
        Map<String, Advice> out = new HashMap<>();
        Map<String, Integer> firstLines = null;
        for (ClassInfo.Method m : type.methods) {
            ProbeAdvisor.Probe probe = ProbeAdvisor.probeOf(m);
            if (probe == null || (!model && !probe.simpleName().equals("Requires"))) {
                continue;
            }
            if (firstLines == null) {
                firstLines = FirstLines.of(bytes);
            }
            int line = firstLines.getOrDefault(m.name + m.descriptor, 0);
            try {
                out.put(m.name + m.descriptor, new Advice(advisor.advice(lookup, type, line, m, probe), line));
                counters.probesWoven.incrementAndGet();
            } catch (ProbeAdvisor.Refused e) {
                counters.probesRefused.incrementAndGet();
                System.err.println("lockwitness: probe not woven: " + e.getMessage());
            }
        }
        return out;
    }

    /** A method's advice and its first line, which the code woven on entry is given. */
    private record Advice(ProbeAdvice advice, int firstLine) {
    }

    /** Weaves each probe method's advice on entry and before each normal return. */
    private static final class Advised extends ClassVisitor {
        private final Map<String, Advice> advice;

        Advised(ClassVisitor next, Map<String, Advice> advice) {
            super(Opcodes.ASM9, next);
            this.advice = advice;
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                String[] exceptions) {
            MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
            Advice a = advice.get(name + descriptor);
            if (mv == null || a == null) {
                return mv;
            }
            return new AdviceAdapter(Opcodes.ASM9, mv, access, name, descriptor) {
                @Override
                protected void onMethodEnter() {
                    if (a.firstLine() > 0) {
                        Label line = new Label();
                        visitLabel(line);
                        visitLineNumber(a.firstLine(), line);
                    }
                    a.advice().enter(this);
                }

                @Override
                protected void onMethodExit(int opcode) {
                    if (opcode != Opcodes.ATHROW) {
                        a.advice().exit(this);
                    }
                }
            };
        }
    }
}
