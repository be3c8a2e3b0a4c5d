package org.lockwitness.kernel.probe;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * End of interrupt is signalled on the running CPU. Fires on return (the snapshot no longer shows
 * EOI pending).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Eoi {
}
