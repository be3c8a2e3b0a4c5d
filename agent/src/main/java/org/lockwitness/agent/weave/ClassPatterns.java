package org.lockwitness.agent.weave;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Class-name patterns of {@code include=} and {@code exclude=}: binary names (dots, {@code $} for
 * nested classes) with {@code *} for any run of characters, several joined with {@code +}. Public
 * because the agent's options parse them.
 *
 * <p>Thread-safety: immutable.
 */
public final class ClassPatterns {

    /** Matches every class. */
    public static final ClassPatterns ALL = new ClassPatterns(List.of(Pattern.compile(".*")));
    /** Matches no class. */
    public static final ClassPatterns NONE = new ClassPatterns(List.of());

    private final List<Pattern> patterns;

    private ClassPatterns(List<Pattern> patterns) {
        this.patterns = List.copyOf(patterns);
    }

    /**
     * @param value patterns joined with {@code +}, e.g. {@code org.lockwitness.kernel.Critical+*.Smp}
     * @return the patterns
     * @throws IllegalArgumentException for an empty pattern
     */
    public static ClassPatterns parse(String value) {
        List<Pattern> list = new ArrayList<>();
        for (String glob : value.split("\\+", -1)) {
            String g = glob.trim();
            if (g.isEmpty()) {
                throw new IllegalArgumentException("empty class pattern in '" + value + "'");
            }
            List<String> parts = new ArrayList<>();
            for (String part : g.split("\\*", -1)) {
                parts.add(Pattern.quote(part));
            }
            list.add(Pattern.compile(String.join(".*", parts)));
        }
        return new ClassPatterns(list);
    }

    /**
     * @param className a binary class name
     * @return whether a pattern matches the whole name
     */
    public boolean matches(String className) {
        for (Pattern p : patterns) {
            if (p.matcher(className).matches()) {
                return true;
            }
        }
        return false;
    }
}
