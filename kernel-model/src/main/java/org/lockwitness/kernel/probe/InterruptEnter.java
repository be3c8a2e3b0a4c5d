package org.lockwitness.kernel.probe;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The running thread starts an interrupt handler. The first argument is an {@code int}, one of
 * {@code org.lockwitness.kernel.Snapshot.INTR_*}: device interrupt (primary interrupt context for its
 * filters), bitmap IPI, or rendezvous IPI. Fires on entry.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface InterruptEnter {
}
