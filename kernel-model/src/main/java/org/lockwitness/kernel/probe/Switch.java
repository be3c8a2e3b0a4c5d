package org.lockwitness.kernel.probe;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A context switch of the running thread ({@code mi_switch}). The first argument is the {@code int}
 * switch flags ({@code org.lockwitness.kernel.Sched.SW_*}). Fires on entry, before the thread leaves
 * the CPU; the snapshot tells whether the thread lock is held.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Switch {
}
