package org.lockwitness.kernel.probe;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The running thread is about to sleep ({@code WITNESS_WARN} in {@code _sleep}, {@code cv_wait}).
 * Fires on entry. {@link #interlock()} names the argument holding the interlock, a
 * {@code LockObject} that the sleep drops, or -1 when there is none. {@link #wmesg()} names the
 * argument holding the wait message (a {@code String}), or -1.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Sleep {
    /** Index of the interlock argument, or -1. */
    int interlock() default -1;

    /** Index of the wait-message argument, or -1. */
    int wmesg() default -1;

    /**
     * A condition-variable wait ({@code _cv_wait}) rather than a sleep ({@code _sleep}): the
     * wait message is the cv's description, and a checker says "Waiting on" as FreeBSD does.
     */
    boolean cv() default false;
}
