package org.lockwitness.witness.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One report file, replaced atomically: written to a hidden temporary file in the same directory,
 * then renamed over the target, so a reader (or a kill) sees the old file or the new one, never a
 * part. The temporary file is created as any other file of the process (its mode follows the
 * umask, unlike {@code Files.createTempFile}'s owner-only 0600), and removed if the write fails.
 * The encoder replaces what UTF-8 cannot encode instead of failing; the format writers escape
 * before that. Stateless and thread-safe; a name is written by one thread at a time
 * ({@link ReportWriter}'s monitor).
 */
final class ReportFile {
    private ReportFile() {
    }

    /** Writes the content of one file. */
    interface Body {
        void write(Writer w) throws IOException;
    }

    static void write(Path dir, String name, Body body) throws IOException {
        Path target = dir.resolve(name);
        Path tmp = dir.resolve("." + name + "." + ProcessHandle.current().pid() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
                    Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8.newEncoder()
                            .onMalformedInput(CodingErrorAction.REPLACE)
                            .onUnmappableCharacter(CodingErrorAction.REPLACE)))) {
                body.write(w);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
