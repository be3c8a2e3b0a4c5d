package org.lockwitness.kernel.probe;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A wakeup found no sleeper on its channel ({@code wakeup}, {@code wakeup_one}, {@code cv_signal},
 * {@code cv_broadcast}), on the waking thread: the checker may note where, for a later
 * {@link LostWakeup} of the same channel and step. The method's first two arguments are
 * {@code String ident, long step}. Fires on entry.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface WakeupLost {
}
