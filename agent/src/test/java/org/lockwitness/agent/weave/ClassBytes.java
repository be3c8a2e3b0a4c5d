package org.lockwitness.agent.weave;

import java.io.IOException;
import java.io.InputStream;

/** The class file of a loaded class, as its loader finds it: what a transformer would be given. */
final class ClassBytes {

    private ClassBytes() {
    }

    static byte[] of(Class<?> type) throws IOException {
        try (InputStream in = type.getClassLoader().getResourceAsStream(type.getName().replace('.', '/') + ".class")) {
            if (in == null) {
                throw new IOException("no class file for " + type.getName());
            }
            return in.readAllBytes();
        }
    }
}
