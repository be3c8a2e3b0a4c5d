package org.lockwitness.witness.report;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.lockwitness.witness.Backtrace;
import org.lockwitness.witness.Finding;
import org.lockwitness.witness.Messages;

/**
 * {@code witness.txt}: each finding as FreeBSD prints it (kernel-reference §1.4–1.7), preceded
 * by one {@code #} line with the rule, policy, count, threads and CPUs, the values quoted
 * ({@link #header}) so that names with spaces, colons or commas parse. Stacks are printed as
 * {@code #N frame}, an interrupt's boundary line ({@code --- interrupt 5 (nic) ---}) unnumbered
 * between them, as a FreeBSD backtrace prints the trap frame; a generic backtrace without frames
 * is left out. The first line names the
 * snapshot ({@code # lockwitness snapshot N}), as every file of one write does. Every string is
 * escaped with {@link TextEscape}, so the only line breaks are the report's own and those between
 * the lines of a message: one {@code # RULE} header per finding. For people: no tool of ours parses
 * this file ({@code witness.json} is the machine interface). It ends with FreeBSD's views of the
 * lock-order graph ({@link TreeSection}). Stateless; called by
 * {@link ReportWriter} only.
 */
final class TextReport {
    private TextReport() {
    }

    static void write(ReportSnapshot s, long sequence, Writer w) throws IOException {
        w.write("# lockwitness snapshot " + sequence + "\n");
        w.write("# lockwitness witness report: " + s.findings().size() + " finding(s), " + s.classes().size()
                + " lock class(es), " + s.edges().size() + " order(s)\n");
        RunSections.text(s.runs(), w);
        for (Finding f : s.findings()) {
            w.write("\n" + header(f) + "\n");
            w.write(TextEscape.block(f.message()));
            w.write('\n');
            for (Backtrace t : f.stacks()) {
                writeTrace(t, w);
            }
            RunSections.text(f, w);
        }
        TreeSection.write(s.classes(), s.edges(), w);
    }

    /**
     * {@code # RULE (policy) count=N threads=LIST cpus=LIST}, each LIST zero or more
     * {@link TextEscape#quoted} values separated by commas: {@code threads="swi4: clock" cpus="0"}.
     */
    static String header(Finding f) {
        return "# " + f.rule() + " (" + f.policy().name().toLowerCase(Locale.ROOT) + ") count=" + f.count()
                + " threads=" + f.threads().stream().map(TextEscape::quoted).collect(Collectors.joining(","))
                + " cpus=" + f.cpus().stream().map(c -> TextEscape.quoted(String.valueOf(c)))
                        .collect(Collectors.joining(","));
    }

    private static void writeTrace(Backtrace t, Writer w) throws IOException {
        List<String> frames = t.frames();
        if (frames.isEmpty() && t.title().equals(Messages.STACK_BACKTRACE)) {
            return;
        }
        w.write(TextEscape.line(t.title()));
        w.write('\n');
        int n = 0;
        for (String frame : frames) {
            boolean boundary = frame.startsWith("--- ") && frame.endsWith(" ---");
            w.write((boundary ? "" : "#" + n++ + " ") + TextEscape.line(frame) + "\n");
        }
    }
}
