package org.lockwitness.kernel.probe;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A lock assertion on the receiver, a {@code LockObject}, checked by the checker against the locks it
 * knows to be held ({@code witness_assert}). The assertion is {@link #what()}, or, when
 * {@link #whatArg()} is not negative, the {@code int} argument at that index. Values are
 * {@code LockObject.LA_*}. Without the agent an assertion checks nothing, as in a kernel built
 * without INVARIANTS. Fires on entry.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Assertion {
    /** The {@code LA_*} flags asserted. */
    int what() default 0;

    /** Index of an {@code int} argument holding the {@code LA_*} flags, or -1. */
    int whatArg() default -1;
}
