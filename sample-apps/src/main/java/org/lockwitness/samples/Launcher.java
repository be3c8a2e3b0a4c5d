package org.lockwitness.samples;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lockwitness.kernel.probe.Checker;

/**
 * How this CLI was launched, so it can launch itself again: the Java executable, the agent (whose
 * {@code -javaagent:} argument the checker renders through the model's {@link Checker} SPI), and
 * either the samples jar or the class path. Used for the replay command and for {@code demo}'s
 * JVMs. Every jar and directory in the commands is an absolute path, so a printed command works
 * from any directory.
 *
 * <p>Thread-safety: immutable.
 */
final class Launcher {

    private static final String AGENT = "-javaagent:";

    private final String java;
    private final Checker checker;
    private final Optional<String> jvmAgentArgument;
    private final List<String> application;

    /**
     * @param java             the Java executable
     * @param checker          the checker, which renders its agent's {@code -javaagent:} argument
     * @param jvmAgentArgument this JVM's own {@code -javaagent:} argument, replayed only when the
     *                         checker renders none
     * @param application      the words that start the CLI: {@code -jar JAR} or {@code -cp PATH MAIN}
     */
    Launcher(String java, Checker checker, Optional<String> jvmAgentArgument, List<String> application) {
        this.java = java;
        this.checker = checker;
        this.jvmAgentArgument = jvmAgentArgument;
        this.application = List.copyOf(application);
    }

    /**
     * @param checker the installed checker
     * @return the launcher of the running JVM
     */
    static Launcher current(Checker checker) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toAbsolutePath().toString();
        Optional<String> agent = agentArgument(ManagementFactory.getRuntimeMXBean().getInputArguments());
        return new Launcher(java, checker, agent, application(codeSource(), System.getProperty("java.class.path")));
    }

    /**
     * @param inputArguments the JVM's input arguments
     * @return the first {@code -javaagent:} argument whose jar is the lockwitness agent, else the first one
     */
    static Optional<String> agentArgument(List<String> inputArguments) {
        Optional<String> any = Optional.empty();
        for (String a : inputArguments) {
            if (a.startsWith(AGENT)) {
                if (jarOf(a).getFileName().toString().contains("lockwitness")) {
                    return Optional.of(a);
                }
                any = any.isPresent() ? any : Optional.of(a);
            }
        }
        return any;
    }

    /** @return the agent jar this JVM runs under, as an absolute path, if it has one */
    Optional<Path> agentJar() {
        return jvmAgentArgument.map(a -> jarOf(a).toAbsolutePath());
    }

    /** @return the Java executable */
    String java() {
        return java;
    }

    /** @return the jar of a {@code -javaagent:jar[=options]} argument */
    static Path jarOf(String agentArgument) {
        String rest = agentArgument.substring(AGENT.length());
        int eq = rest.indexOf('=');
        return Path.of(eq < 0 ? rest : rest.substring(0, eq));
    }

    /**
     * @param agentOptions the agent's options, e.g. {@code report} to an absolute directory
     * @param cliArgs      the CLI's arguments
     * @return a command that runs this CLI under the same agent jar with other options
     * @throws IllegalStateException when the checker is not an agent that can be started again
     * @throws IllegalArgumentException for an option the agent rejects
     */
    List<String> command(Map<String, String> agentOptions, List<String> cliArgs) {
        String agent = checker.javaAgentArgument(agentOptions)
                .orElseThrow(() -> new IllegalStateException("no lockwitness agent to start again"));
        return words(agent, cliArgs);
    }

    /**
     * @param cliArgs the CLI's arguments
     * @return the command, as one line of shell words, that runs them as this JVM was run: the
     *     same agent with the same options, jars and directories as absolute paths
     */
    String replay(List<String> cliArgs) {
        List<String> words = words(replayAgent(), cliArgs);
        StringBuilder b = new StringBuilder();
        for (String w : words) {
            if (w.isEmpty()) {
                continue;
            }
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append(w.matches("[A-Za-z0-9_@%+=:,./-]+") ? w : "'" + w.replace("'", "'\\''") + "'");
        }
        return b.toString();
    }

    /**
     * The agent argument of a replay: the checker's own, re-rendered with its options, or else this
     * JVM's argument as typed, its jar made absolute.
     */
    private String replayAgent() {
        try {
            Optional<String> rendered = checker.javaAgentArgument(checker.agentOptions());
            if (rendered.isPresent()) {
                return rendered.get();
            }
        } catch (IllegalArgumentException e) {
            // an option the agent cannot write back: replay the argument as typed
        }
        return jvmAgentArgument.map(Launcher::withAbsoluteJar).orElse("");
    }

    /** @return a {@code -javaagent:jar[=options]} argument with its jar as an absolute path */
    static String withAbsoluteJar(String agentArgument) {
        String rest = agentArgument.substring(AGENT.length());
        int eq = rest.indexOf('=');
        return AGENT + jarOf(agentArgument).toAbsolutePath() + (eq < 0 ? "" : rest.substring(eq));
    }

    private List<String> words(String agentWord, List<String> cliArgs) {
        List<String> c = new ArrayList<>();
        c.add(java);
        c.add(agentWord);
        c.addAll(application);
        c.addAll(cliArgs);
        return c;
    }

    /**
     * @param code      the jar or directory this CLI was loaded from, or null
     * @param classPath the JVM's class path
     * @return {@code -jar JAR}, or the class path and the main class when not run from a jar; every
     *     entry absolute
     */
    static List<String> application(Path code, String classPath) {
        if (code != null && Files.isRegularFile(code) && code.toString().endsWith(".jar")) {
            return List.of("-jar", code.toAbsolutePath().toString());
        }
        List<String> entries = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator, -1)) {
            try {
                entries.add(Path.of(entry).toAbsolutePath().toString());
            } catch (InvalidPathException e) {
                entries.add(entry);
            }
        }
        return List.of("-cp", String.join(File.pathSeparator, entries), Main.class.getName());
    }

    private static Path codeSource() {
        try {
            return Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            return null;
        }
    }
}
