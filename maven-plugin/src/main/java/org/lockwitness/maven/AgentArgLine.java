package org.lockwitness.maven;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code -javaagent:} argument {@code prepare-agent} puts on the test JVMs' command line, and the
 * property value it makes of it: the existing value (say, Surefire's own {@code argLine}) first, then the
 * agent. Like JaCoCo's, an argument with a blank in it is quoted, as Surefire splits {@code argLine} at
 * blanks outside quotes. Stateless.
 */
final class AgentArgLine {
    /** The per-JVM part of every report directory: the agent puts the process id there. */
    static final String PER_JVM = "{pid}";

    private AgentArgLine() {
    }

    /**
     * The agent's option string.
     *
     * @param reportDirectory where the runs go; each JVM writes {@code reportDirectory/{pid}}
     * @param windows the agent's {@code windows=}, or null
     * @param fail the agent's {@code fail=}, or null
     * @param config the agent's {@code config=}, or null
     * @param javaInclude the agent's {@code javaInclude=}, or null
     * @param extra more options, {@code key=value,...}, as the agent takes them, or null
     * @return the options, {@code report=} first
     */
    static String options(Path reportDirectory, String windows, String fail, Path config, String javaInclude,
            String extra) {
        List<String> options = new ArrayList<>();
        options.add("report=" + reportDirectory.resolve(PER_JVM));
        add(options, "windows", windows);
        add(options, "fail", fail);
        add(options, "config", config == null ? null : config.toString());
        add(options, "javaInclude", javaInclude);
        if (extra != null && !extra.isBlank()) {
            options.add(extra.trim());
        }
        return String.join(",", options);
    }

    /**
     * The property's new value.
     *
     * @param existing the property's value before, or null
     * @param agentJar the agent jar
     * @param options the agent's option string
     * @return {@code existing} followed by the {@code -javaagent:} argument
     */
    static String append(String existing, Path agentJar, String options) {
        String arg = "-javaagent:" + agentJar + "=" + options;
        if (arg.chars().anyMatch(Character::isWhitespace)) {
            arg = '"' + arg + '"';
        }
        return existing == null || existing.isBlank() ? arg : existing.trim() + " " + arg;
    }

    private static void add(List<String> options, String key, String value) {
        if (value != null && !value.isBlank()) {
            options.add(key + "=" + value.trim());
        }
    }
}
