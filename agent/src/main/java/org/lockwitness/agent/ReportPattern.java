package org.lockwitness.agent;

import java.nio.file.Path;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code report=} option as a pattern, so that several JVMs given the same option (Surefire's
 * forks, Gradle's test workers, the modules of one build) never share a report directory:
 * {@code {pid}} becomes the process id and {@code {start}} the JVM's start time in milliseconds
 * since the epoch (the process's start instant as the operating system reports it, or the agent's
 * start when it does not). Any other {@code {...}} is a bad option, so a typo never silently names a
 * literal directory.
 *
 * <p>Thread-safety: stateless.
 */
final class ReportPattern {

    private static final Pattern TOKEN = Pattern.compile("\\{([^{}]*)}");

    private ReportPattern() {
    }

    /**
     * @param pattern the {@code report=} value
     * @return null if every token is known, else a message naming the first unknown one
     */
    static String problem(String pattern) {
        Matcher m = TOKEN.matcher(pattern);
        while (m.find()) {
            if (!m.group(1).equals("pid") && !m.group(1).equals("start")) {
                return "unknown token {" + m.group(1) + "} (known: {pid}, {start})";
            }
        }
        return null;
    }

    /**
     * @param pattern a {@code report=} value whose tokens are known
     * @param pid the process id
     * @param start the JVM's start
     * @return the directory this JVM writes to
     */
    static Path expand(String pattern, long pid, Instant start) {
        return Path.of(pattern.replace("{pid}", Long.toString(pid))
                .replace("{start}", Long.toString(start.toEpochMilli())));
    }

    /** @return the pattern expanded for this process */
    static Path expandForThisProcess(String pattern) {
        if (!pattern.contains("{")) {
            return Path.of(pattern);
        }
        ProcessHandle self = ProcessHandle.current();
        return expand(pattern, self.pid(), self.info().startInstant().orElseGet(Instant::now));
    }
}
