package org.lockwitness.kernel.probe;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The running CPU enters the SMP rendezvous handler region ({@code smp_rendezvous_action}). Fires on
 * return, with {@code owepreempt} as it is when the handlers start.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface RendezvousEnter {
}
