package org.lockwitness.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The tool's version and the witness.json schema version it reads and writes. Constants only. */
final class Version {
    /** The version of docs/witness.schema.json written, and the major version read. */
    static final String SCHEMA = "1.1";
    /** The project's version, from the build. */
    static final String TOOL = load();
    /** Where people read about the rules: the man page whose semantics the checker follows. */
    static final String INFORMATION_URI = "https://man.freebsd.org/cgi/man.cgi?query=witness&sektion=4";

    private Version() {
    }

    /** The major part of a schema version, e.g. {@code 1} of {@code 1.0}. */
    static String major(String schemaVersion) {
        int dot = schemaVersion.indexOf('.');
        return dot < 0 ? schemaVersion : schemaVersion.substring(0, dot);
    }

    private static String load() {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                throw new IllegalStateException("version.properties is missing from the build");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty("version");
    }
}
