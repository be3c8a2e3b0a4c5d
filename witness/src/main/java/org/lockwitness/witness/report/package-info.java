/**
 * The witness's report files: {@code witness.txt} ({@link org.lockwitness.witness.report.TextReport},
 * FreeBSD's console output), {@code witness.json}, {@code lock-order.dot} and one DOT file per
 * reversal, written by {@link org.lockwitness.witness.report.ReportWriter} from one
 * {@link org.lockwitness.witness.report.ReportSnapshot}. Each file of one write states the write's
 * sequence number. What a format cannot carry (controls, line separators, bidirectional overrides,
 * lone surrogates) is escaped by that format's class: {@code TextEscape}, {@code JsonEscape},
 * {@code DotEscape}. {@code witness.json} is the machine interface; {@code witness.txt} is for
 * people. {@link org.lockwitness.witness.report.LockGraph} decides what a drawing of the order graph
 * shows, for {@code lock-order.dot} and for the command line's HTML report alike.
 *
 * <p>Not an API: the types that are public are public only for {@code org.lockwitness.witness},
 * which takes the snapshot and owns the writer, and {@code LockGraph} also for the command line.
 *
 * <h2>Thread-safety</h2>
 * A snapshot is immutable, taken under the witness's checker lock and written outside it, so the
 * threads reporting events never wait for the disk. The writer's daemon thread and an explicit
 * write are serialized by the writer's monitor; each file is replaced atomically. The format
 * writers are stateless.
 */
package org.lockwitness.witness.report;
