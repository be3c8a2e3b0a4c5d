package org.lockwitness.agent.weave;

import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;

import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.matcher.ElementMatchers;

/**
 * The classes the agent never transforms: the JDK, Byte Buddy, the agent and the witness
 * themselves, the probe package, other agents and test frameworks, synthetic types, and anything
 * the bootstrap loader defines (Byte Buddy's own default ignores, which {@code ignore} replaces).
 * {@link ClassFilter#ignored} applies the same list of packages to a class name before its class file
 * is read.
 */
final class Ignored {

    static final AgentBuilder.RawMatcher MATCHER = new AgentBuilder.RawMatcher.ForElementMatchers(
            packages().or(isSynthetic()), ElementMatchers.isBootstrapClassLoader());

    private Ignored() {
    }

    private static ElementMatcher.Junction<TypeDescription> packages() {
        ElementMatcher.Junction<TypeDescription> m = ElementMatchers.none();
        for (String p : ClassFilter.PACKAGES) {
            m = m.or(nameStartsWith(p));
        }
        return m;
    }
}
