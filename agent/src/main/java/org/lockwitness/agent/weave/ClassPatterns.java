package org.lockwitness.agent.weave;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Class-name patterns of {@code include=} and {@code exclude=}: binary names (dots, {@code $} for
 * nested classes) with {@code *} for any run of characters, several joined with {@code +}
 * ({@link #SYNTAX}). A pattern with a character that no binary class name holds, or that other glob
 * dialects give a meaning this one lacks ({@code ? [ ] { } \}, a slash, a semicolon, white space or
 * a control character), is refused rather than matched literally. Public because the agent's
 * options parse them.
 *
 * <p>Thread-safety: immutable.
 */
public final class ClassPatterns {

    /** The pattern syntax, as error messages state it. */
    public static final String SYNTAX = "a class pattern is a binary class name (dots, $ for nested classes) with *"
            + " for any run of characters, e.g. org.lockwitness.kernel.Critical, *.Smp or org.lockwitness.kernel.*;"
            + " several are joined with +";
    private static final String REFUSED = "?[]{}\\/;";

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
     * @throws IllegalArgumentException for an empty pattern or a refused character, with {@link #SYNTAX}
     */
    public static ClassPatterns parse(String value) {
        List<Pattern> list = new ArrayList<>();
        for (String glob : value.split("\\+", -1)) {
            String g = glob.trim();
            if (g.isEmpty()) {
                throw new IllegalArgumentException("empty class pattern in '" + value + "'; " + SYNTAX);
            }
            for (int i = 0; i < g.length(); i++) {
                char c = g.charAt(i);
                if (REFUSED.indexOf(c) >= 0 || Character.isWhitespace(c) || Character.isISOControl(c)) {
                    throw new IllegalArgumentException("'" + c + "' cannot appear in the class pattern '" + g
                            + "'; " + SYNTAX);
                }
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
