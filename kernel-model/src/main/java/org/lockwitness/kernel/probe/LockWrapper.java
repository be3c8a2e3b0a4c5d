package org.lockwitness.kernel.probe;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A transparent lock wrapper, such as a {@code PROC_LOCK(p)} written as a method: the lock
 * operations inside it are reported at its caller's line, as FreeBSD's lock macros pass the
 * caller's {@code __FILE__} and {@code __LINE__} ({@code LOCK_FILE}, {@code LOCK_LINE}) down to
 * the primitive. A checker takes the site of every call to the method from the calling line and
 * keeps it for the model calls the method makes; a call from a class that never mentions the
 * kernel model is not instrumented, and its events fall back to the first frame outside the model.
 * Put it on a method outside the model; it fires no event of its own.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface LockWrapper {
}
