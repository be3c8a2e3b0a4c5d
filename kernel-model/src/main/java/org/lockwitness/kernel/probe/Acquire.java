package org.lockwitness.kernel.probe;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A blocking acquire of the receiver, a {@code LockObject}. The checker checks the order on
 * method entry, before the method can block ({@code witness_checkorder}), and records the lock as
 * held on normal return ({@code witness_lock}). Site: the caller's call site.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Acquire {
    /** True for a shared (read) acquire. */
    boolean shared() default false;

    /**
     * True for a sleepable lock taken in a way that cannot sleep ({@code LOP_NOSLEEP}), as an rm read
     * lock is: the hold does not count as sleepable.
     */
    boolean nosleep() default false;

    /** True for a spin operation ({@code mtx_lock_spin}); a mismatch with the lock's class is KIND_MISMATCH. */
    boolean spin() default false;
}
