package org.lockwitness.agent;

import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.matcher.ElementMatchers;
import org.lockwitness.witness.Policy;
import org.lockwitness.witness.Rule;
import org.lockwitness.witness.Witness;
import org.lockwitness.witness.WitnessConfig;
import org.lockwitness.witness.WitnessConfigException;
import org.lockwitness.witness.WitnessOptions;

/**
 * Starts the agent once: parses the options (a bad one stops a {@code premain} JVM with status 2
 * and one message listing the valid keys), creates the witness, installs the transformation
 * (retransforming classes already loaded, so attach works), installs the model's checker SPI when
 * the model is on the class path, and registers the exit hook.
 *
 * <p>Thread-safety: {@link #start} is synchronized and runs once.
 */
final class Boot {

    static final int BAD_OPTIONS = 2;
    /** System property that logs every transformation and error on stderr. */
    static final String DEBUG_PROPERTY = "lockwitness.debug";
    /**
     * Keeps Byte Buddy off {@code sun.misc.Unsafe} (JDK 24+ warns about it). The shaded jar
     * relocates this name with Byte Buddy, so the host's own Byte Buddy is not affected.
     */
    private static final String BYTE_BUDDY_SAFE = "net.bytebuddy.safe";
    private static final String CHECKER_SPI = "org.lockwitness.kernel.probe.Checker";

    private static boolean started;

    private Boot() {
    }

    static synchronized void start(String args, Instrumentation inst, boolean attached) {
        if (started) {
            System.err.println("lockwitness: the agent is already running; ignoring the second start");
            return;
        }
        AgentOptions options;
        WitnessConfig config;
        try {
            options = AgentOptions.parse(args);
            config = config(options);
        } catch (AgentOptions.OptionException e) {
            System.err.println(e.getMessage());
            if (!attached) {
                System.exit(BAD_OPTIONS);
            }
            return;
        }
        started = true;
        AtomicReference<Consumer<String>> halt = new AtomicReference<>(reason -> { });
        Witness witness = Witness.create(witnessOptions(options, config, halt));
        AgentState.witness(witness);
        Counters counters = new Counters();
        counters.register(witness);
        String command = System.getProperty("sun.java.command");
        witness.runInfo(command, null, null, null);
        Agent agent = new Agent(witness, counters, options);
        ExitStatus.agent(agent);
        String mainClass = attached ? null : MainClass.fromCommand(command);
        install(inst, options, witness, counters, mainClass);
        if (modelPresent()) {
            halt.set(AgentChecker.install(witness));
        }
        Runtime.getRuntime().addShutdownHook(new Thread(agent::atExit, "lockwitness-exit"));
    }

    private static WitnessConfig config(AgentOptions options) throws AgentOptions.OptionException {
        if (options.config == null) {
            return WitnessConfig.EMPTY;
        }
        try {
            return WitnessConfig.load(options.config);
        } catch (IOException e) {
            throw new AgentOptions.OptionException("bad value config=" + options.config + ": cannot read it: " + e);
        } catch (WitnessConfigException e) {
            throw new AgentOptions.OptionException("bad value config=" + options.config + ": " + e.getMessage());
        }
    }

    private static WitnessOptions witnessOptions(AgentOptions options, WitnessConfig config,
            AtomicReference<Consumer<String>> halt) {
        WitnessOptions.Builder b = WitnessOptions.builder()
                .reportDir(options.report)
                .stackDepth(options.stacks)
                .config(config)
                .panicHandler(f -> halt.get().accept("lockwitness: " + f.rule() + ": " + f.message()));
        for (Rule r : options.fail) {
            b.policy(r, Policy.FAIL);
        }
        for (Rule r : options.panic) {
            b.policy(r, Policy.PANIC);
        }
        return b.build();
    }

    private static void install(Instrumentation inst, AgentOptions options, Witness witness, Counters counters,
            String mainClass) {
        if (System.getProperty(BYTE_BUDDY_SAFE) == null) {
            System.setProperty(BYTE_BUDDY_SAFE, "true");
        }
        WindowVisitor windows = options.windows == AgentOptions.Windows.PROBES ? null
                : new WindowVisitor(options.windows == AgentOptions.Windows.LINES, counters);
        Weaver weaver = new Weaver(new ProbeAdvisor(new Requirements(witness)),
                new CallSiteVisitor(witness, new ProbeTargets(), counters), windows, options, mainClass, counters);
        AgentBuilder.Listener listener = new TransformListener(counters);
        if (Boolean.getBoolean(DEBUG_PROPERTY)) {
            listener = new AgentBuilder.Listener.Compound(listener,
                    AgentBuilder.Listener.StreamWriting.toSystemError().withTransformationsOnly());
        }
        new AgentBuilder.Default()
                .disableClassFormatChanges()
                .with(AgentBuilder.DescriptionStrategy.Default.POOL_ONLY)
                .with(AgentBuilder.InjectionStrategy.Disabled.INSTANCE)
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(new TransformListener.Retransformation())
                .with(listener)
                .with(AgentBuilder.InstallationListener.ErrorSuppressing.INSTANCE)
                .with(new KernelPrefilter(mainClass == null ? null : mainClass.replace('.', '/')))
                .ignore(Ignored.MATCHER)
                .type(ElementMatchers.any())
                .transform(weaver)
                .installOn(inst);
    }

    private static boolean modelPresent() {
        try {
            Class.forName(CHECKER_SPI, false, ClassLoader.getSystemClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
