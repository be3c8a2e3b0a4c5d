package org.lockwitness.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;

/**
 * Writes output files whole: to a temporary file beside the target, then renamed over it, so a reader
 * never sees half a file. A file that cannot be written is an {@link InfrastructureException}. Stateless.
 */
final class Output {
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping()
            .serializeNulls().create();

    /** Writes bytes to a stream; may throw {@link IOException}. */
    @FunctionalInterface
    interface Body {
        void write(OutputStream out) throws IOException;
    }

    private Output() {
    }

    /** Writes JSON, pretty-printed, UTF-8. */
    static void json(Path file, JsonElement json) {
        text(file, GSON.toJson(json) + "\n");
    }

    /** Writes text, UTF-8. */
    static void text(Path file, String text) {
        write(file, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Writes what {@code body} writes. */
    static void write(Path file, Body body) {
        Path target = file.toAbsolutePath();
        try {
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            try {
                try (OutputStream out = Files.newOutputStream(tmp)) {
                    body.write(out);
                }
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new InfrastructureException("cannot write " + file, e);
        }
    }
}
