package org.lockwitness.witness;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The stable identity of a finding across runs, machines and edits: the rule, the sorted lock classes
 * involved (each by name and kind), and where the finding has no lock, or is
 * {@link Rule#REQUIRED_LOCK_NOT_HELD}, the method; a finding with neither is placed by its first site's
 * file. No line number enters a key, so it survives edits elsewhere in the file; lambda and anonymous
 * class numbers ({@code lambda$run$2}, {@code Foo$1}) are dropped for the same reason.
 *
 * <p>The text form, written as {@code key} on each finding of {@code witness.json} and read back by
 * baselines and {@code suppress:} lines, is {@code RULE}, then {@code |lock=NAME (KIND)} per lock class in
 * sorted order, then {@code |method=M} or {@code |file=F.java}, for example
 * {@code LOCK_ORDER_REVERSAL|lock=process lock (sleep mutex)|lock=sigio lock (sleep mutex)}. Characters that
 * would make it ambiguous or unfit for one line with a {@code #} comment ({@code % | #}, control characters,
 * and parentheses in a kind) are percent-encoded. A lock whose kind is not known is written with kind {@code ?}.
 *
 * <p>Immutable and thread-safe.
 */
public final class FindingKey implements Comparable<FindingKey> {
    private static final String REQUIRED_MARK = " entered without lock \"";
    private static final Pattern NUMBERED = Pattern.compile("\\$\\d+");
    private static final Pattern LINE = Pattern.compile(":\\d+$");

    private final String text;

    private FindingKey(String text) {
        this.text = text;
    }

    /**
     * The key of a witness finding.
     *
     * @param f the finding
     * @param kindOf the kind ({@link LockKind#className()}) of a lock class by name, or null when unknown
     */
    public static FindingKey of(Finding f, Function<String, String> kindOf) {
        List<List<String>> frames = new ArrayList<>();
        for (Backtrace b : f.stacks()) {
            frames.add(b.frames());
        }
        return of(f.rule().name(), f.locks(), kindOf, f.message(), f.sites(), frames);
    }

    /**
     * The key of a finding given as plain values, as read back from {@code witness.json}.
     *
     * @param rule the rule's name
     * @param locks the lock class names, in any order, repeats allowed
     * @param kindOf the kind of a lock class by name, or null when unknown
     * @param message the finding's message (names the method of {@link Rule#REQUIRED_LOCK_NOT_HELD})
     * @param sites the sites, {@code File.java:line}, first seen first
     * @param stacks the frames of each stack, innermost first, {@code pkg.Class.method(File.java:line)}
     */
    public static FindingKey of(String rule, List<String> locks, Function<String, String> kindOf, String message,
            List<String> sites, List<List<String>> stacks) {
        StringBuilder b = new StringBuilder(encode(Objects.requireNonNull(rule), ""));
        TreeSet<String> classes = new TreeSet<>();
        for (String name : locks) {
            String kind = kindOf.apply(name);
            classes.add("lock=" + encode(name, "") + " (" + encode(kind == null ? "?" : kind, "()") + ")");
        }
        classes.forEach(c -> b.append('|').append(c));
        String method = rule.equals(Rule.REQUIRED_LOCK_NOT_HELD.name()) || locks.isEmpty()
                ? method(rule, message, stacks) : null;
        if (method != null) {
            b.append("|method=").append(encode(NUMBERED.matcher(method).replaceAll(""), ""));
        } else if (locks.isEmpty() && !sites.isEmpty()) {
            b.append("|file=").append(encode(LINE.matcher(sites.get(0)).replaceFirst(""), ""));
        }
        return new FindingKey(b.toString());
    }

    /** The key's text, one line, without {@code #}. */
    public String text() {
        return text;
    }

    private static String method(String rule, String message, List<List<String>> stacks) {
        if (rule.equals(Rule.REQUIRED_LOCK_NOT_HELD.name()) && message != null) {
            int mark = message.indexOf(REQUIRED_MARK);
            if (mark > 0) {
                return message.substring(0, mark);
            }
        }
        for (List<String> frames : stacks) {
            if (!frames.isEmpty()) {
                String frame = frames.get(0);
                int paren = frame.indexOf('(');
                return paren < 0 ? frame : frame.substring(0, paren);
            }
        }
        return null;
    }

    /** Percent-encodes control characters, {@code % | #} and the {@code extra} characters. */
    private static String encode(String s, String extra) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || "%|#".indexOf(c) >= 0 || extra.indexOf(c) >= 0) {
                b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4 & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    @Override
    public int compareTo(FindingKey o) {
        return text.compareTo(o.text);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FindingKey k && k.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
