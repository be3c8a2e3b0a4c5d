package org.lockwitness.kernel.probe;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A non-blocking acquire of the receiver, a {@code LockObject}. The method returns {@code boolean}:
 * true when the lock was taken. Never order-checked; on success the lock is recorded as held
 * ({@code witness_lock} with {@code LOP_TRYLOCK}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface TryAcquire {
    /** True for a shared (read) acquire. */
    boolean shared() default false;

    /**
     * True for a sleepable lock taken in a way that cannot sleep ({@code LOP_NOSLEEP}), as an rm read
     * lock is: the hold does not count as sleepable.
     */
    boolean nosleep() default false;

    /** True for a spin operation. */
    boolean spin() default false;
}
