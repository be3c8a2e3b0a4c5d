package org.lockwitness.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The shaded agent jar: manifest, relocation, the agent's three packages, and no class of the
 * kernel model.
 */
class AgentJarIT {

    @Test
    void manifest_namesTheEntryPointsAndAllowsRetransformation() throws Exception {
        try (JarFile jar = new JarFile(Forked.agentJar().toFile())) {
            Attributes main = jar.getManifest().getMainAttributes();
            assertEquals(LockwitnessAgent.class.getName(), main.getValue("Premain-Class"));
            assertEquals(LockwitnessAgent.class.getName(), main.getValue("Agent-Class"));
            assertEquals("true", main.getValue("Can-Retransform-Classes"));
            assertEquals("true", main.getValue("Can-Redefine-Classes"));
        }
    }

    @Test
    void everyClass_isTheAgentsOwnOrRelocatedUnderItsShadedPackage() throws Exception {
        List<String> stray = new ArrayList<>();
        int shaded = 0;
        try (JarFile jar = new JarFile(Forked.agentJar().toFile())) {
            for (JarEntry e : jar.stream().toList()) {
                String n = e.getName();
                if (n.startsWith("org/lockwitness/agent/shaded/")) {
                    shaded++;
                } else if (!e.isDirectory() && !n.startsWith("org/lockwitness/agent/") && !n.startsWith("META-INF/")) {
                    stray.add(n);
                } else if (n.startsWith("META-INF/") && n.endsWith(".class")) {
                    stray.add(n);
                }
            }
            for (String relocated : List.of("org/objectweb/asm/ClassReader", "org/objectweb/asm/commons/AdviceAdapter",
                    "org/jgrapht/Graph", "org/jheaps/Heap", "org/apfloat/Apfloat", "com/google/gson/Gson",
                    "org/lockwitness/witness/Witness")) {
                String shadedName = relocated.startsWith("org/lockwitness/witness/")
                        ? "org/lockwitness/agent/shaded/witness/Witness.class"
                        : "org/lockwitness/agent/shaded/" + relocated + ".class";
                assertNotNull(jar.getEntry(shadedName), shadedName + " missing");
            }
        }
        assertEquals(List.of(), stray, "entries outside the agent's packages");
        assertTrue(shaded > 1000, "too few shaded classes: " + shaded);
    }

    @Test
    void noClassOfTheKernelModel_isInside() throws Exception {
        try (JarFile jar = new JarFile(Forked.agentJar().toFile())) {
            assertEquals(0, jar.stream().filter(e -> e.getName().contains("org/lockwitness/kernel")).count());
        }
    }

    @Test
    void agentClasses_areInTheEntryWeaveRuntimeAndApiPackagesOnly() throws Exception {
        List<String> elsewhere = new ArrayList<>();
        try (JarFile jar = new JarFile(Forked.agentJar().toFile())) {
            for (String n : jar.stream().map(JarEntry::getName).filter(n -> n.endsWith(".class")).toList()) {
                String pkg = n.substring(0, n.lastIndexOf('/') + 1);
                boolean inWeaveOrRuntime = pkg.startsWith("org/lockwitness/agent/weave/")
                        || pkg.startsWith("org/lockwitness/agent/runtime/");
                if (!n.startsWith("org/lockwitness/agent/shaded/") && !pkg.equals("org/lockwitness/agent/")
                        && !pkg.equals("org/lockwitness/agent/api/") && !inWeaveOrRuntime) {
                    elsewhere.add(n);
                }
            }
            for (String c : List.of("org/lockwitness/agent/LockwitnessAgent", "org/lockwitness/agent/Boot",
                    "org/lockwitness/agent/weave/Weaving", "org/lockwitness/agent/runtime/Probes",
                    "org/lockwitness/agent/runtime/Sites", "org/lockwitness/agent/runtime/ExitStatus",
                    "org/lockwitness/agent/api/LockwitnessApi")) {
                assertNotNull(jar.getEntry(c + ".class"), c + " missing");
            }
        }
        assertEquals(List.of(), elsewhere, "classes outside the agent's packages");
    }
}
