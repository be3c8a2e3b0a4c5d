package org.lockwitness.agent.weave;

import java.util.concurrent.atomic.AtomicLong;
import org.lockwitness.agent.runtime.ProbeRuntime;
import org.lockwitness.witness.Witness;

/**
 * The instrumentation counters of {@code witness.json}'s {@code instrumentation} object and of the
 * exit summary. Public so that the agent's entry package can read them; only this package counts.
 *
 * <p>Thread-safety: atomic counters, incremented by concurrent transformations and read at any
 * time.
 */
public final class Counters {

    final AtomicLong classesTransformed = new AtomicLong();
    /** Transformed classes of the kernel model itself (the rest only got call sites). */
    final AtomicLong modelClassesTransformed = new AtomicLong();
    /** Whether a class of the kernel model's packages (the probe SPI included) was loaded after the agent started. */
    volatile boolean modelLoaded;
    final AtomicLong probesWoven = new AtomicLong();
    final AtomicLong probesRefused = new AtomicLong();
    final AtomicLong callSites = new AtomicLong();
    final AtomicLong windowsWoven = new AtomicLong();
    final AtomicLong windowsStripped = new AtomicLong();
    final AtomicLong transformErrors = new AtomicLong();
    /** {@code @KernelCode} model classes that {@code include=} matched, and that {@code exclude=} matched. */
    final AtomicLong includeMatched = new AtomicLong();
    final AtomicLong excludeMatched = new AtomicLong();
    /** Places in application classes instrumented for their Java locks ({@code locks=java} or {@code both}). */
    final AtomicLong javaLockSites = new AtomicLong();

    /** Creates counters at zero. */
    public Counters() {
    }

    /**
     * Shows every counter, and the event count and hash, in the witness's reports.
     *
     * @param w the witness
     */
    public void register(Witness w) {
        w.instrumentation("classesTransformed", classesTransformed::get);
        w.instrumentation("probesWoven", probesWoven::get);
        w.instrumentation("probesRefused", probesRefused::get);
        w.instrumentation("callSites", callSites::get);
        w.instrumentation("windowsWoven", windowsWoven::get);
        w.instrumentation("windowsStripped", windowsStripped::get);
        w.instrumentation("transformErrors", transformErrors::get);
        w.instrumentation("javaLockSites", javaLockSites::get);
        w.instrumentation("eventsSeen", ProbeRuntime::events);
        w.instrumentation("eventTraceHash", ProbeRuntime::eventTraceHash);
    }

    /** @return the classes transformed */
    public long classesTransformed() {
        return classesTransformed.get();
    }

    /** @return the transformed classes of the kernel model itself */
    public long modelClassesTransformed() {
        return modelClassesTransformed.get();
    }

    /**
     * @return whether the kernel model is in this JVM: one of its classes was transformed, or loaded
     *     after the agent started (its probe SPI is never transformed)
     */
    public boolean modelSeen() {
        return modelLoaded || modelClassesTransformed.get() > 0;
    }

    /** @return the probe-annotated methods that got their advice */
    public long probesWoven() {
        return probesWoven.get();
    }

    /** @return the call sites that set a site id */
    public long callSites() {
        return callSites.get();
    }

    /** @return the interrupt windows added ({@code windows=lines}) */
    public long windowsWoven() {
        return windowsWoven.get();
    }

    /** @return the model's own interrupt windows removed ({@code windows=off}) */
    public long windowsStripped() {
        return windowsStripped.get();
    }

    /**
     * Whether anything woven into this JVM can produce an event: the one question the agent asks
     * before writing a report (a JVM that cannot produce one must not replace the report of one
     * that did). Today: a probe was woven (into a model class, or {@code @Requires} into any class),
     * or a Java lock of an application class was instrumented.
     *
     * @return whether events are possible
     */
    public boolean eventsPossible() {
        return probesWoven.get() > 0 || javaLockSites.get() > 0;
    }

    /**
     * Counts the places of one class instrumented for its Java locks.
     *
     * @param sites the places
     */
    public void javaLockSites(long sites) {
        javaLockSites.addAndGet(sites);
    }

    /** @return the places in application classes instrumented for their Java locks */
    public long javaLockSites() {
        return javaLockSites.get();
    }

    /** Counts a class that could not be transformed and runs unchecked. */
    public void transformError() {
        transformErrors.incrementAndGet();
    }

    /** @return the {@code @KernelCode} model classes whose names {@code include=} matched */
    public long includeMatched() {
        return includeMatched.get();
    }

    /** @return the {@code @KernelCode} model classes whose names {@code exclude=} matched */
    public long excludeMatched() {
        return excludeMatched.get();
    }

    /** @return the classes that could not be transformed and run unchecked */
    public long transformErrors() {
        return transformErrors.get();
    }
}
