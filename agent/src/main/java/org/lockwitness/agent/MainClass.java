package org.lockwitness.agent;

import java.io.IOException;
import java.util.jar.JarFile;

/**
 * The launched main class, from the {@code sun.java.command} property: its first word is a class
 * name, or a jar whose manifest names the class.
 */
final class MainClass {

    private MainClass() {
    }

    /** @return the binary name of the main class, or null when it cannot be told */
    static String fromCommand(String command) {
        if (command == null || command.isBlank()) {
            return null;
        }
        String first = command.trim().split("\\s+")[0];
        if (!first.endsWith(".jar")) {
            return first;
        }
        try (JarFile jar = new JarFile(first)) {
            return jar.getManifest() == null ? null : jar.getManifest().getMainAttributes().getValue("Main-Class");
        } catch (IOException | SecurityException e) {
            return null;
        }
    }
}
