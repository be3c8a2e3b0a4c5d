package org.lockwitness.agent.weave;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Parameter annotations of the probe advice whose values {@link ProbeAdvisor} binds per woven
 * method: a constant taken from the probe annotation, or one of the method's own arguments.
 */
final class Bound {

    private Bound() {
    }

    /** The {@link Probes} event constant. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.PARAMETER)
    @interface Event {
    }

    /** The event's int argument: op flags, {@code LA_*} value, or switch flags. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.PARAMETER)
    @interface Arg {
    }

    /** {@code @Sleep}'s interlock argument, or null. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.PARAMETER)
    @interface Interlock {
    }

    /** {@code @Sleep}'s wait-message argument, or null. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.PARAMETER)
    @interface Wmesg {
    }

    /** {@code @Requires}'s lock name. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.PARAMETER)
    @interface LockName {
    }

    /** The site id registered for a {@code @Requires} method. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.PARAMETER)
    @interface SiteId {
    }
}
