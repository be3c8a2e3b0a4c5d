package org.lockwitness.kernel.probe;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A lost wakeup (LOST_WAKEUP): at the end of the run a thread still sleeps, without timeout, on an
 * ident whose wakeup came, with no sleeper, between the thread's last check and its sleep: after
 * its last lock release for a sleep without interlock, or while it held the interlock of an
 * {@code msleep} or {@code cv_wait}. The method's first five arguments are
 * {@code String ident, String thread, String waker, long step, StackTraceElement[] sleeper}: the
 * scheduling point of the lost wakeup, as its {@link WakeupLost} said, and the sleeping thread's
 * host stack. Fires on entry.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface LostWakeup {
}
