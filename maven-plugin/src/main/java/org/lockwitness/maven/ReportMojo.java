package org.lockwitness.maven;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code report}: the runs of this build merged into {@code mergedDirectory} ({@code witness.json},
 * {@code witness.txt}, and the HTML report {@code index.html}), and every finding as SARIF 2.1.0 ({@code lockwitness.sarif}, locations in the module's
 * source roots) and JUnit XML ({@code TEST-lockwitness.xml}) in {@code outputDirectory}, with the baseline and
 * suppressions applied. Never fails the build on findings: that is {@code check}'s job. One instance per
 * module execution.
 */
@Mojo(name = "report", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public final class ReportMojo extends AbstractRunsMojo {
    /** Where the SARIF and JUnit XML go. */
    @Parameter(property = "lockwitness.outputDirectory", defaultValue = "${project.build.directory}/lockwitness")
    File outputDirectory;

    /**
     * Where the merged report goes; outside {@code reportDirectory}, or the next {@code check} would read it
     * as one more run.
     */
    @Parameter(property = "lockwitness.mergedDirectory",
            defaultValue = "${project.build.directory}/lockwitness-merged")
    File mergedDirectory;

    /** Creates the goal; Maven fills its parameters. */
    public ReportMojo() {
    }

    @Override
    public void execute() throws MojoExecutionException {
        if (skip) {
            getLog().info("lockwitness: skipped");
            return;
        }
        List<String> merge = new ArrayList<>(List.of("merge"));
        merge.addAll(inputArguments());
        merge.addAll(List.of("--out", mergedDirectory.getPath(), "--html", mergedDirectory.getPath()));
        require(Cli.run(merge, getLog()));

        List<String> formats = new ArrayList<>(List.of("check"));
        formats.addAll(inputArguments());
        formats.addAll(List.of("--fail", "none"));
        formats.addAll(baselineArguments());
        formats.addAll(List.of("--sarif", new File(outputDirectory, "lockwitness.sarif").getPath(),
                "--junit", new File(outputDirectory, "TEST-lockwitness.xml").getPath()));
        formats.addAll(sourceRootArguments());
        require(Cli.run(formats, getLog()));
    }

    private static void require(Cli.Result r) throws MojoExecutionException {
        if (r.status() != 0) {
            throw new MojoExecutionException("lockwitness report failed (exit status " + r.status() + "): "
                    + r.text());
        }
    }
}
