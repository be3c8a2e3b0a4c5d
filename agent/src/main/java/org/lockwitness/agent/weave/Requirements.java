package org.lockwitness.agent.weave;

import org.lockwitness.witness.Witness;

/**
 * Registers the site of a {@code @Requires} method: its source file and first line, read from the
 * class file, and its name, which the witness uses as the finding's key.
 *
 * <p>Thread-safety: stateless; the witness's site table is thread-safe.
 */
final class Requirements {

    private final Witness witness;

    Requirements(Witness witness) {
        this.witness = witness;
    }

    /**
     * @param type the class declaring {@code m}
     * @param firstLine the method's first line, or 0 when the class file has none
     * @param m the {@code @Requires} method
     * @return the site id registered for it
     */
    int site(ClassInfo type, int firstLine, ClassInfo.Method m) {
        String file = type.sourceFile != null ? type.sourceFile : type.simpleName() + ".java";
        return witness.site(file, firstLine, type.simpleName() + "." + m.name);
    }
}
