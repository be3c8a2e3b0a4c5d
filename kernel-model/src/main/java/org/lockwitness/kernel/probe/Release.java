package org.lockwitness.kernel.probe;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A release of the receiver, a {@code LockObject}. The event fires on method entry, while the lock
 * is still held ({@code witness_unlock}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Release {
    /** True for a shared (read) release. */
    boolean shared() default false;

    /** True for a spin operation. */
    boolean spin() default false;
}
