package org.lockwitness.agent.weave.jlock;

import java.lang.instrument.Instrumentation;
import org.lockwitness.agent.runtime.jlock.JavaLockRuntime;
import org.lockwitness.agent.weave.Counters;
import org.lockwitness.witness.Witness;

/**
 * Installs the instrumentation of Java locks in application classes. The one public way into this
 * package.
 *
 * <p>Thread-safety: call {@link #install} once, from the thread that starts the agent, after
 * {@code JavaLockRuntime.start}: woven code may run as soon as it returns.
 */
public final class JavaLockWeaving {

    private JavaLockWeaving() {
    }

    /**
     * Opens the lock package to the hooks ({@link JavaLockRuntime#openLocks}) and adds the
     * transformer. Classes already loaded keep their code (an attached agent sees the
     * Java locks of classes loaded after it).
     *
     * @param inst the instrumentation
     * @param witness the witness, which registers sites at transform time
     * @param settings which classes are instrumented
     * @param counters where instrumented sites and failures are counted
     */
    public static void install(Instrumentation inst, Witness witness, JavaLockSettings settings, Counters counters) {
        JavaLockRuntime.openLocks(inst);
        inst.addTransformer(new JavaLockTransformer(witness, settings, counters), false);
    }
}
