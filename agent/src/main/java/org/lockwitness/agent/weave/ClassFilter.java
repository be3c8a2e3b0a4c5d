package org.lockwitness.agent.weave;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What is known of a class before its class file is parsed: whether its package is one the agent
 * never transforms ({@link #PACKAGES}), and whether its constant pool
 * mentions the kernel model (a byte scan). Free of ASM, so that judging a class loads none
 * of it.
 *
 * <p>Thread-safety: stateless.
 */
final class ClassFilter {

    /**
     * The packages never transformed: the JDK, Byte Buddy (a host's own copy), the agent, the witness,
     * the probe SPI, tools.
     */
    static final List<String> PACKAGES = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.", "net.bytebuddy.",
            "org.lockwitness.agent.", "org.lockwitness.witness.", ProbeAdvisor.PROBE_PACKAGE, "org.jacoco.",
            "org.junit.", "org.openjdk.jmh.");

    private static final String[] INTERNAL = internal();
    private static final byte[] MODEL = ProbeTargets.MODEL_PREFIX.getBytes(StandardCharsets.US_ASCII);

    private ClassFilter() {
    }

    /** The packages as internal-name prefixes; a plain loop, as streams would load some 50 classes at start-up. */
    private static String[] internal() {
        String[] out = new String[PACKAGES.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = PACKAGES.get(i).replace('.', '/');
        }
        return out;
    }

    /**
     * @param internalName a class's internal name ({@code a/b/C})
     * @return whether the class is in a package the agent never transforms
     */
    static boolean ignored(String internalName) {
        for (String p : INTERNAL) {
            if (internalName.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param bytes a class file
     * @return whether it mentions {@code org/lockwitness/kernel/} anywhere (its constant pool)
     */
    static boolean mentionsModel(byte[] bytes) {
        outer:
        for (int i = 0, n = bytes.length - MODEL.length; i <= n; i++) {
            for (int j = 0; j < MODEL.length; j++) {
                if (bytes[i + j] != MODEL[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
