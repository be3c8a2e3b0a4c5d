package org.lockwitness.maven;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.maven.artifact.Artifact;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * {@code prepare-agent}: sets a property (by default {@code argLine}, which Surefire and Failsafe put on their
 * forked JVMs' command line) to {@code -javaagent:<the agent jar>=report=<reportDirectory>/{pid},...}, after
 * the property's existing value, so that every test JVM writes its own report directory. The agent jar is
 * the plugin's own dependency {@code org.lockwitness:agent:runtime}, so its version is the plugin's. Unless
 * {@code append}, the runs an earlier build left in {@code reportDirectory} are removed first (as JaCoCo's
 * {@code append=false}). The Java locks checked are those of the project's own packages (its source roots'
 * packages, {@link ProjectPackages}) unless {@code javaInclude} or {@code options} says otherwise. Maven runs
 * one instance per module execution; it touches only its module.
 */
@Mojo(name = "prepare-agent", defaultPhase = LifecyclePhase.INITIALIZE, threadSafe = true)
public final class PrepareAgentMojo extends AbstractMojo {
    /** The agent's key in the plugin's artifact map. */
    static final String AGENT = "org.lockwitness:agent";

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    MavenSession session;

    @Parameter(defaultValue = "${plugin.artifactMap}", readonly = true, required = true)
    Map<String, Artifact> pluginArtifacts;

    /** The property to set: Surefire's and Failsafe's {@code argLine} unless the build passes another. */
    @Parameter(property = "lockwitness.propertyName", defaultValue = "argLine")
    String propertyName;

    /** Where the runs go: each JVM writes {@code reportDirectory/<its pid>}. */
    @Parameter(property = "lockwitness.reportDirectory", defaultValue = "${project.build.directory}/lockwitness")
    File reportDirectory;

    /** Keep the runs of earlier builds instead of removing them first. */
    @Parameter(property = "lockwitness.append", defaultValue = "false")
    boolean append;

    /** The agent's {@code windows=}: {@code lines}, {@code probes} or {@code off}; the agent's default if unset. */
    @Parameter(property = "lockwitness.windows")
    String windows;

    /**
     * The agent's {@code fail=}. Surefire's and Gradle's test JVMs end with {@code System.exit(0)}, which keeps
     * status 0: use the {@code check} goal to fail a build.
     */
    @Parameter(property = "lockwitness.agentFail")
    String fail;

    /** The agent's {@code config=}: declared orders, blessed pairs and suppressions. */
    @Parameter(property = "lockwitness.config")
    File config;

    /**
     * The agent's {@code javaInclude=}: the classes whose Java locks are checked, globs joined by {@code +}.
     * Unset, the project's own packages: every package with a source file in its main or test source roots
     * ({@code com.example.*}); {@code *} checks every class outside the JDK and the test harness.
     */
    @Parameter(property = "lockwitness.javaInclude")
    String javaInclude;

    /** More agent options, {@code key=value,...}, passed through as they are. */
    @Parameter(property = "lockwitness.options")
    String options;

    /** Skips the goal: the property is left as it is. */
    @Parameter(property = "lockwitness.skip", defaultValue = "false")
    boolean skip;

    /** Creates the goal; Maven fills its parameters. */
    public PrepareAgentMojo() {
    }

    @Override
    public void execute() throws MojoExecutionException {
        if (skip) {
            getLog().info("lockwitness: skipped");
            return;
        }
        Artifact agent = pluginArtifacts.get(AGENT);
        if (agent == null || agent.getFile() == null) {
            throw new MojoExecutionException("lockwitness: the plugin's dependency " + AGENT + ":runtime is missing");
        }
        if (!append) {
            try {
                int removed = StaleRuns.clear(reportDirectory.toPath());
                if (removed > 0) {
                    getLog().info("lockwitness: removed " + removed + " run(s) of an earlier build from "
                            + reportDirectory);
                }
            } catch (IOException e) {
                throw new MojoExecutionException("lockwitness: cannot clear " + reportDirectory, e);
            }
        }
        String agentOptions = AgentArgLine.options(reportDirectory.toPath(), windows, fail,
                config == null ? null : config.toPath(), javaInclude(), options);
        String existing = session.getUserProperties().getProperty(propertyName,
                project.getProperties().getProperty(propertyName));
        String value = AgentArgLine.append(existing, agent.getFile().toPath(), agentOptions);
        project.getProperties().setProperty(propertyName, value);
        getLog().info("lockwitness: " + propertyName + " set to " + value);
    }

    /** The {@code javaInclude=} to pass: the parameter, else the project's packages; null to leave it to the agent. */
    private String javaInclude() throws MojoExecutionException {
        if (javaInclude != null && !javaInclude.isBlank()) {
            return javaInclude;
        }
        if (options != null && options.contains("javaInclude=")) {
            return null;
        }
        List<Path> roots = new ArrayList<>();
        project.getCompileSourceRoots().forEach(r -> roots.add(Path.of(r)));
        project.getTestCompileSourceRoots().forEach(r -> roots.add(Path.of(r)));
        try {
            return ProjectPackages.javaInclude(roots);
        } catch (UncheckedIOException e) {
            throw new MojoExecutionException("lockwitness: " + e.getMessage(), e.getCause());
        }
    }
}
