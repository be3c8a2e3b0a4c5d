package org.lockwitness.agent;

import java.util.concurrent.atomic.AtomicLong;
import org.lockwitness.witness.Witness;

/**
 * The instrumentation counters of {@code witness.json}'s {@code instrumentation} object and of the
 * exit summary.
 *
 * <p>Thread-safety: atomic counters, incremented by concurrent transformations.
 */
final class Counters {

    final AtomicLong classesTransformed = new AtomicLong();
    /** Transformed classes of the kernel model itself (the rest only got call sites). */
    final AtomicLong modelClassesTransformed = new AtomicLong();
    final AtomicLong probesWoven = new AtomicLong();
    final AtomicLong probesRefused = new AtomicLong();
    final AtomicLong callSites = new AtomicLong();
    final AtomicLong windowsWoven = new AtomicLong();
    final AtomicLong windowsStripped = new AtomicLong();
    final AtomicLong transformErrors = new AtomicLong();

    /** Shows every counter, and the event count and hash, in the witness's reports. */
    void register(Witness w) {
        w.instrumentation("classesTransformed", classesTransformed::get);
        w.instrumentation("probesWoven", probesWoven::get);
        w.instrumentation("probesRefused", probesRefused::get);
        w.instrumentation("callSites", callSites::get);
        w.instrumentation("windowsWoven", windowsWoven::get);
        w.instrumentation("windowsStripped", windowsStripped::get);
        w.instrumentation("transformErrors", transformErrors::get);
        w.instrumentation("eventsSeen", EventTrace::events);
        w.instrumentation("eventTraceHash", EventTrace::hash);
    }
}
