package org.lockwitness.samples;

import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How this CLI was launched, so it can launch itself again: the Java executable, the
 * {@code -javaagent} argument of the running JVM (found in its input arguments), and either the
 * samples jar or the class path. Used for the replay command and for {@code demo}'s JVMs.
 *
 * <p>Thread-safety: immutable.
 */
final class Launcher {

    private static final String AGENT = "-javaagent:";

    private final String java;
    private final Optional<String> agentArgument;
    private final List<String> application;

    Launcher(String java, Optional<String> agentArgument, List<String> application) {
        this.java = java;
        this.agentArgument = agentArgument;
        this.application = List.copyOf(application);
    }

    /** @return the launcher of the running JVM */
    static Launcher current() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Optional<String> agent = agentArgument(ManagementFactory.getRuntimeMXBean().getInputArguments());
        return new Launcher(java, agent, application());
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

    /** @return the jar of a {@code -javaagent:jar[=options]} argument */
    static Path jarOf(String agentArgument) {
        String rest = agentArgument.substring(AGENT.length());
        int eq = rest.indexOf('=');
        return Path.of(eq < 0 ? rest : rest.substring(0, eq));
    }

    /** @return the agent jar of the running JVM */
    Optional<Path> agentJar() {
        return agentArgument.map(Launcher::jarOf);
    }

    /**
     * @param agentOptions the agent's options, e.g. {@code report=DIR,windows=lines}
     * @param cliArgs      the CLI's arguments
     * @return a command that runs this CLI under the same agent jar with other options
     */
    List<String> command(String agentOptions, List<String> cliArgs) {
        Path jar = agentJar().orElseThrow(() -> new IllegalStateException("no -javaagent argument"));
        return words(AGENT + jar + "=" + agentOptions, cliArgs);
    }

    /**
     * @param cliArgs the CLI's arguments
     * @return the command, as one line of shell words, that runs them as this JVM was run
     */
    String replay(List<String> cliArgs) {
        List<String> words = words(agentArgument.orElse(""), cliArgs);
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

    private List<String> words(String agentWord, List<String> cliArgs) {
        List<String> c = new ArrayList<>();
        c.add(java);
        c.add(agentWord);
        c.addAll(application);
        c.addAll(cliArgs);
        return c;
    }

    /** @return {@code -jar samples.jar}, or the class path and the main class when not run from a jar */
    private static List<String> application() {
        Path code;
        try {
            code = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            code = null;
        }
        if (code != null && Files.isRegularFile(code) && code.toString().endsWith(".jar")) {
            return List.of("-jar", code.toString());
        }
        return List.of("-cp", System.getProperty("java.class.path"), Main.class.getName());
    }
}
