package org.lockwitness.kernel.probe;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A kernel panic ({@code panic(9)}): the method's first argument is the panic message, a
 * {@code String}. Fires on entry, on the panicking kernel thread, before the machine halts, so a
 * checker sees the site and the stack of the panic call.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Panic {
}
