package org.lockwitness.kernel.probe;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The running CPU spins once more on the receiver, a contended spin {@code LockObject}. Fires on
 * entry; the checker bounds how long a spin lock is spun on (SPIN_HELD_TOO_LONG).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface SpinWait {
}
