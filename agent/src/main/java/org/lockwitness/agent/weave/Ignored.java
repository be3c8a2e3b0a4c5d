package org.lockwitness.agent.weave;

import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;

import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.matcher.ElementMatchers;

/**
 * The classes the agent never transforms: the JDK, Byte Buddy, the agent and the witness
 * themselves, the probe package, other agents and test frameworks, synthetic types, and anything
 * the bootstrap loader defines (Byte Buddy's own default ignores, which {@code ignore} replaces).
 */
final class Ignored {

    static final AgentBuilder.RawMatcher MATCHER = new AgentBuilder.RawMatcher.ForElementMatchers(
            nameStartsWith("java.").or(nameStartsWith("javax."))
                    .or(nameStartsWith("jdk.")).or(nameStartsWith("sun.")).or(nameStartsWith("com.sun."))
                    .or(nameStartsWith("net.bytebuddy.")).or(nameStartsWith("org.lockwitness.agent."))
                    .or(nameStartsWith("org.lockwitness.witness.")).or(nameStartsWith(ProbeAdvisor.PROBE_PACKAGE))
                    .or(nameStartsWith("org.jacoco.")).or(nameStartsWith("org.junit."))
                    .or(nameStartsWith("org.openjdk.jmh.")).or(isSynthetic()),
            ElementMatchers.isBootstrapClassLoader());

    private Ignored() {
    }
}
