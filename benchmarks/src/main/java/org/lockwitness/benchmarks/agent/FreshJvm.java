package org.lockwitness.benchmarks.agent;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A fresh JVM on the benchmarks' class path, its output discarded, for the start-up benchmarks
 * ({@link AgentStartupBenchmark}, {@link ModelStartupBenchmark}): each measured shot is one.
 */
final class FreshJvm {

    private static final long TIMEOUT_SECONDS = 60;

    private FreshJvm() {
    }

    /**
     * Runs {@code java jvmArgs -cp <this class path> mainClass} in the current directory and waits
     * for it, at most a minute.
     *
     * @return its exit status
     */
    static int run(List<String> jvmArgs, Class<?> mainClass) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass.getName());
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).directory(new File(".")).start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(mainClass.getSimpleName() + " did not end within " + TIMEOUT_SECONDS + " s");
        }
        return p.exitValue();
    }
}
