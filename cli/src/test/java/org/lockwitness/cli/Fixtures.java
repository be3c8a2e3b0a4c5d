package org.lockwitness.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.lockwitness.witness.LockKind;
import org.lockwitness.witness.Witness;
import org.lockwitness.witness.WitnessConfig;
import org.lockwitness.witness.WitnessConfigException;
import org.lockwitness.witness.WitnessOptions;
import org.lockwitness.witness.WitnessThread;

/**
 * Real report directories, written by a {@link Witness} driven the way the agent drives it. The stacks it
 * captures are this class's frames, so {@code src/test/java} is a source root that holds their files.
 */
final class Fixtures {
    private final Witness w;
    private final Path dir;
    private final WitnessThread t;
    private long instance = 0x100;

    private Fixtures(Path dir, String config) {
        try {
            this.w = Witness.create(WitnessOptions.builder().reportDir(dir).debounceMillis(0)
                    .config(WitnessConfig.parse(config, "fixture.conf")).build());
        } catch (WitnessConfigException e) {
            throw new IllegalArgumentException(e);
        }
        this.dir = dir;
        this.t = w.thread(1, "t");
        w.runInfo("java -jar app.jar " + dir.getFileName(), 7L, "random", null);
    }

    /** A run in {@code dir}. */
    static Fixtures run(Path dir) {
        return new Fixtures(dir, "");
    }

    /** A run in {@code dir} with a configuration (declared orders, blessed pairs). */
    static Fixtures run(Path dir, String config) {
        return new Fixtures(dir, config);
    }

    /** Takes the locks in order, blocking and exclusive, the i-th at {@code file:line+i}, then releases them. */
    Fixtures nest(String file, int line, String... names) {
        int[] ids = new int[names.length];
        long[] instances = new long[names.length];
        for (int i = 0; i < names.length; i++) {
            ids[i] = w.enroll(names[i], LockKind.SLEEP_MUTEX, 0);
            instances[i] = instance++;
            int site = w.site(file, line + i, "m" + (line + i));
            w.checkOrder(t, ids[i], instances[i], site, 0, 0);
            w.acquired(t, ids[i], instances[i], site, 0);
        }
        for (int i = names.length - 1; i >= 0; i--) {
            w.release(t, ids[i], instances[i], 0, 0);
        }
        return this;
    }

    /** A {@code @Requires(lock)} method entered without its lock. */
    Fixtures missing(String lock, String file, int line, String method) {
        w.required(t, lock, w.site(file, line, method));
        return this;
    }

    /** Writes the reports and returns the directory. */
    Path write() {
        try {
            w.writeReports();
        } finally {
            w.close();
        }
        return dir;
    }

    /** Runs the command line, capturing its output. */
    static Result cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Result(status, out.toString(), err.toString());
    }

    /**
     * A command's outcome.
     *
     * @param status the exit status
     * @param out what it printed on stdout
     * @param err what it printed on stderr
     */
    record Result(int status, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }

        @Override
        public String toString() {
            return "status " + status + "\n--- out\n" + out + "--- err\n" + err;
        }
    }

    static String read(Path file) throws IOException {
        return Files.readString(file);
    }
}
