package org.lockwitness.agent.weave.jlock;

import java.util.List;

/**
 * The classes whose Java locks are never instrumented, whatever the patterns say: the JDK, the
 * agent, the witness and the kernel model (which has its own probes), the test harness (JUnit,
 * Surefire and other Maven machinery, Gradle workers, Mockito, Hamcrest, AssertJ), logging
 * frameworks, other agents and language runtimes, and shaded copies of libraries (a package
 * segment {@code shaded}, {@code shadow} or {@code repackaged}).
 *
 * <p>Thread-safety: stateless.
 */
final class Harness {

    private static final List<String> PREFIXES = List.of("java/", "javax/", "jdk/", "sun/", "com/sun/",
            "org/lockwitness/agent/", "org/lockwitness/witness/", "org/lockwitness/kernel/", "net/bytebuddy/",
            "org/junit/", "junit/", "org/opentest4j/", "org/apiguardian/", "org/apache/maven/",
            "org/codehaus/plexus/", "org/gradle/", "worker/org/gradle/", "org/mockito/", "org/objenesis/",
            "org/hamcrest/", "org/assertj/", "org/slf4j/", "ch/qos/logback/", "org/apache/logging/",
            "org/apache/commons/logging/", "org/jacoco/", "org/openjdk/jmh/", "kotlin/", "scala/",
            "groovy/", "org/codehaus/groovy/");
    private static final List<String> SHADED = List.of("/shaded/", "/shadow/", "/repackaged/");

    private Harness() {
    }

    /**
     * @param internalName a class's internal name ({@code a/b/C})
     * @return whether the class is never instrumented for its Java locks
     */
    static boolean excluded(String internalName) {
        for (String p : PREFIXES) {
            if (internalName.startsWith(p)) {
                return true;
            }
        }
        for (String s : SHADED) {
            if (internalName.contains(s)) {
                return true;
            }
        }
        return internalName.contains("$$Lambda") || internalName.equals("module-info");
    }
}
