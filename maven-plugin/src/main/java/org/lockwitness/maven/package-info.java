/**
 * The lockwitness Maven plugin, on JaCoCo's model: the agent writes the runtime data, everything else
 * happens out of the test JVMs.
 *
 * <ul>
 *   <li>{@code prepare-agent} ({@link org.lockwitness.maven.PrepareAgentMojo}) sets a property, by default
 *   Surefire's and Failsafe's {@code argLine}, to {@code -javaagent:<agent>=report=<dir>/{pid},...}, so every
 *   forked JVM writes its own report directory, with the project's own packages as the Java locks checked
 *   ({@code ProjectPackages}), and clears the stale ones ({@code AgentArgLine}, {@code StaleRuns});</li>
 *   <li>{@code check} ({@link org.lockwitness.maven.CheckMojo}) runs the command line's {@code check} in the
 *   build's JVM over those directories, merged, and fails the build naming each new finding's rule and
 *   key;</li>
 *   <li>{@code report} ({@link org.lockwitness.maven.ReportMojo}) writes the merged report, SARIF and JUnit
 *   XML.</li>
 * </ul>
 *
 * <p>Both goals after the tests call {@link org.lockwitness.cli.Main#run} ({@code Cli}), so that the plugin
 * and the command line cannot disagree on a verdict.
 *
 * <h2>Thread-safety</h2>
 * Maven may run the goals of several modules at once; each goal touches only its own module's directories,
 * and each call of the command line is independent.
 */
package org.lockwitness.maven;
