package org.lockwitness.kernel.probe;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The machine is stuck and its waiters form a cycle (DEADLOCK). The method's first two
 * arguments are {@code String[] locks, String[] threads}: the lock names and the thread names of the
 * cycle, in cycle order (thread i waits for lock i, held by thread i+1). Fires on entry.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Deadlock {
}
