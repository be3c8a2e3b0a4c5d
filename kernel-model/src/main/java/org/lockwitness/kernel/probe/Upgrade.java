package org.lockwitness.kernel.probe;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A try-upgrade of the receiver from shared to exclusive. The method returns {@code boolean}. The
 * attempt is checked on entry, so that an attempt on a lock not held shared is seen even when it
 * fails ({@code sx_try_upgrade}'s assertion); on true the hold becomes exclusive
 * ({@code witness_upgrade}), reported on return.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Upgrade {
}
