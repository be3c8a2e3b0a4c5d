package org.lockwitness.maven;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code check}: the command line's {@code check} over the runs of this build, merged (so a reversal whose two
 * orders happened in two test JVMs is found too), with the baseline and the configuration's suppressions
 * applied. Fails the build when a {@code failOn} rule has a new finding, with the command line's lines: one
 * per new finding ({@code RULE key: message @ site}) and the one naming the rules that failed. Under Surefire
 * and Failsafe this goal, not the agent's {@code fail=}, is what fails a build. One instance per module
 * execution.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public final class CheckMojo extends AbstractRunsMojo {
    /** Rules whose new findings fail the build: {@code RULE,RULE...}, {@code all} or {@code none}. */
    @Parameter(property = "lockwitness.failOn", defaultValue = "all")
    String failOn;

    /** Also write SARIF 2.1.0 here. */
    @Parameter(property = "lockwitness.sarif")
    File sarif;

    /** Also write JUnit XML here. */
    @Parameter(property = "lockwitness.junit")
    File junit;

    /** Creates the goal; Maven fills its parameters. */
    public CheckMojo() {
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("lockwitness: skipped");
            return;
        }
        List<String> args = new ArrayList<>(List.of("check"));
        args.addAll(inputArguments());
        args.addAll(List.of("--fail", failOn));
        args.addAll(baselineArguments());
        if (sarif != null) {
            args.addAll(List.of("--sarif", sarif.getPath()));
            args.addAll(sourceRootArguments());
        }
        if (junit != null) {
            args.addAll(List.of("--junit", junit.getPath()));
        }
        Cli.Result r = Cli.run(args, getLog());
        if (r.status() == Cli.FINDINGS) {
            throw new MojoFailureException(r.text());
        }
        if (r.status() != 0) {
            throw new MojoExecutionException("lockwitness check failed (exit status " + r.status() + "): "
                    + r.text());
        }
    }
}
