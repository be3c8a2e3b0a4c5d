package org.lockwitness.maven;

import java.io.File;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * What the goals after the tests share: the report directories they read (merged), the configuration,
 * the baseline and the module's source roots, made into the command line's arguments. One instance per
 * module execution.
 */
abstract class AbstractRunsMojo extends AbstractMojo {
    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    /** Where {@code prepare-agent} sent the runs. */
    @Parameter(property = "lockwitness.reportDirectory", defaultValue = "${project.build.directory}/lockwitness")
    File reportDirectory;

    /**
     * The directories to read instead of {@code reportDirectory}, e.g. the other modules' in an aggregating
     * module; each holds runs, or is one.
     */
    @Parameter
    List<File> dataDirectories;

    /** The configuration file: its {@code suppress: KEY  # reason} lines and blessed pairs. */
    @Parameter(property = "lockwitness.config")
    File config;

    /** Finding keys accepted already, as the command line's {@code baseline} writes them. */
    @Parameter(property = "lockwitness.baseline")
    File baseline;

    /** Fails the goal when a directory holds no report (no test ran under the agent). */
    @Parameter(property = "lockwitness.requireData", defaultValue = "false")
    boolean requireData;

    /** Skips the goal. */
    @Parameter(property = "lockwitness.skip", defaultValue = "false")
    boolean skip;

    /** The directories read, then {@code --config} and {@code --require-data} as given. */
    final List<String> inputArguments() {
        List<String> args = new ArrayList<>();
        List<File> dirs = dataDirectories == null || dataDirectories.isEmpty() ? List.of(reportDirectory)
                : dataDirectories;
        dirs.forEach(d -> args.add(d.getPath()));
        if (config != null) {
            args.add("--config");
            args.add(config.getPath());
        }
        if (requireData) {
            args.add("--require-data");
        }
        return args;
    }

    /** {@code --baseline}, when one is given. */
    final List<String> baselineArguments() {
        return baseline == null ? List.of() : List.of("--baseline", baseline.getPath());
    }

    /** {@code --source-root} for each of the module's main and test source roots that exists. */
    final List<String> sourceRootArguments() {
        List<String> args = new ArrayList<>();
        Stream.concat(project.getCompileSourceRoots().stream(), project.getTestCompileSourceRoots().stream())
                .filter(r -> Files.isDirectory(new File(r).toPath()))
                .forEach(r -> {
                    args.add("--source-root");
                    args.add(r);
                });
        return args;
    }
}
