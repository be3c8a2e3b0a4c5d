package org.lockwitness.kernel.probe;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A lost wakeup (LOST_WAKEUP): at the end of the run a thread still sleeps, without interlock and
 * without timeout, on an ident whose wakeup came, with no sleeper, after the thread's last lock
 * release and before its sleep. The method's first three arguments are
 * {@code String ident, String thread, String waker}. Fires on entry.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface LostWakeup {
}
