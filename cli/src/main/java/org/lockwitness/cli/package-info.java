/**
 * The command line that takes lockwitness into CI, run out of process:
 * {@code java -jar cli/target/lockwitness-cli.jar COMMAND ...} ({@link org.lockwitness.cli.Main}).
 *
 * <ul>
 *   <li>{@code merge}: the union of several runs' {@code witness.json} ({@code ReportReader},
 *   {@code Merger}), the cycle search again on the merged graph for reversals across runs
 *   ({@code CrossRunReversals}), written as {@code witness.json} and {@code witness.txt}
 *   ({@code MergedReport});</li>
 *   <li>{@code check}: the baseline ({@code Baseline}) and the configuration's {@code suppress:} lines applied
 *   ({@code Triage}), SARIF 2.1.0 ({@code SarifWriter}, {@code SourceMap}, {@code SarifLimits}, rules from
 *   {@code RuleTable}) and JUnit XML ({@code JunitWriter}, {@code XmlText}), one line per new finding, and the
 *   project's exit statuses ({@code ExitStatus});</li>
 *   <li>{@code baseline}: the current finding keys, one per line, for a person to edit.</li>
 *   <li>{@code report} (and {@code --html} of {@code check} and {@code merge}): the self-contained
 *   {@code index.html} ({@code HtmlReport}, {@code HtmlText}, {@code RunSection}), its lock-order graph
 *   laid out by the Eclipse Layout Kernel as inline SVG ({@code SvgGraph}, {@code CycleSvg}).</li>
 * </ul>
 *
 * <p>Findings are identified by {@link org.lockwitness.witness.FindingKey}, computed again from each report so
 * that namespaces enter it.
 *
 * <h2>Thread-safety</h2>
 * A command runs on one thread; the value types ({@code Model}'s records, {@code RuleTable},
 * {@code SarifLimits}) are immutable, the writers stateless or confined to one command.
 */
package org.lockwitness.cli;
