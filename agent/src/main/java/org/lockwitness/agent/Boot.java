package org.lockwitness.agent;

import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.lockwitness.agent.api.TestRegistry;
import org.lockwitness.agent.runtime.InterruptBoundaries;
import org.lockwitness.agent.runtime.ProbeRuntime;
import org.lockwitness.agent.runtime.jlock.JavaLockRuntime;
import org.lockwitness.agent.weave.Counters;
import org.lockwitness.agent.weave.Weaving;
import org.lockwitness.witness.CycleFilter;
import org.lockwitness.witness.FrameBoundaries;
import org.lockwitness.agent.weave.jlock.JavaLockSettings;
import org.lockwitness.agent.weave.jlock.JavaLockWeaving;
import org.lockwitness.witness.Policy;
import org.lockwitness.witness.Rule;
import org.lockwitness.witness.Witness;
import org.lockwitness.witness.WitnessConfig;
import org.lockwitness.witness.WitnessConfigException;
import org.lockwitness.witness.WitnessOptions;

/**
 * Starts the agent once: parses the options (a bad one stops a {@code premain} JVM with status 2
 * and one message listing the valid keys), creates the witness with the test registry of
 * {@code LockwitnessApi} (which names each new finding's test), hands it to the run-time side,
 * installs the transformation (retransforming classes already loaded, so attach works), installs
 * the model's checker SPI when the model is on the class path, and registers the exit hook.
 *
 * <p>Thread-safety: {@link #start} is synchronized and runs once.
 */
final class Boot {

    static final int BAD_OPTIONS = 2;
    /**
     * Why an attached agent may see a bare key: {@code jcmd PID JVMTI.agent_load JAR key=value,...}
     * passes only {@code key}, because jcmd's own parser splits an unquoted {@code key=value} argument.
     */
    static final String JCMD_HINT = " (jcmd's JVMTI.agent_load keeps only what comes before the first '=' of an"
            + " unquoted option argument: quote the options inside the argument, e.g. '\"report=DIR,fail=all\"')";
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
            System.err.println(e.getMessage() + (attached && args != null && !args.contains("=") ? JCMD_HINT : ""));
            if (!attached) {
                System.exit(BAD_OPTIONS);
            }
            return;
        }
        started = true;
        AtomicReference<Consumer<String>> halt = new AtomicReference<>(reason -> { });
        TestRegistry tests = new TestRegistry(options.given.containsKey("fail"));
        Witness witness = Witness.create(witnessOptions(options, config, halt).attribution(tests).build());
        tests.install(witness);
        ProbeRuntime.start(witness);
        Counters counters = new Counters();
        counters.register(witness);
        String command = System.getProperty("sun.java.command");
        witness.runInfo(command, null, null, null);
        ExitSummary summary = new ExitSummary(witness, counters, options);
        MainReturn.install(summary);
        String mainClass = attached ? null : MainClass.fromCommand(command);
        Weaving.install(inst, witness, options.weaving(mainClass), counters, attached);
        if (options.locks.java()) {
            JavaLockRuntime.start(witness);
            JavaLockWeaving.install(inst, witness, new JavaLockSettings(options.javaInclude, options.javaExclude),
                    counters);
        }
        if (options.locks.kernel() && modelPresent()) {
            halt.set(AgentChecker.install(witness, options, LockwitnessAgent.jar(), summary::launcherOnly));
        }
        Runtime.getRuntime().addShutdownHook(new Thread(summary::atExit, "lockwitness-exit"));
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

    private static WitnessOptions.Builder witnessOptions(AgentOptions options, WitnessConfig config,
            AtomicReference<Consumer<String>> halt) {
        WitnessOptions.Builder b = WitnessOptions.builder()
                .reportDir(options.report)
                .stackDepth(options.stacks)
                .stackFilter(options.frameFilter)
                .boundaries(modelPresent() ? InterruptBoundaries.INSTANCE : FrameBoundaries.NONE)
                .spinBound(options.spinBound)
                .holdBound(options.holdBound)
                .classLimit(options.classes)
                .orderLimit(options.orders)
                .graphAll(options.graphAll)
                .config(config)
                .panicHandler(f -> halt.get().accept("lockwitness: " + f.rule() + ": " + f.message()));
        for (CycleFilter f : options.filtersOff) {
            b.cycleFilter(f, false);
        }
        for (Rule r : options.fail) {
            b.policy(r, Policy.FAIL);
        }
        for (Rule r : options.panic) {
            b.policy(r, Policy.PANIC);
        }
        return b;
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
