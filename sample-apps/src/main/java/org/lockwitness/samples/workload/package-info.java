/**
 * What a sample workload declares: its name, its seed document, its buggy and fixed variants, the
 * rules the buggy variant must produce and the exploration budget a schedule-dependent bug needs.
 *
 * <p>Thread-safety: the declarations are immutable.
 */
package org.lockwitness.samples.workload;
