package org.lockwitness.agent;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.lockwitness.witness.Rule;

/**
 * The agent's options, parsed from {@code key=value,...} exactly as DESIGN.md ("The agent") lists
 * them: {@code report}, {@code windows}, {@code fail}, {@code panic}, {@code config},
 * {@code include}, {@code exclude}, {@code stacks}. Lists inside a value are separated by
 * {@code +}. Immutable.
 */
final class AgentOptions {

    /** Where interrupt windows go. */
    enum Windows {
        /** Before every source line and every {@code @Shared} field access of {@code @KernelCode}. */
        LINES,
        /** Only the model's own primitive-boundary windows. */
        PROBES,
        /** No window at all: the model's own are removed too. */
        OFF
    }

    static final List<String> KEYS = List.of("report", "windows", "fail", "panic", "config", "include",
            "exclude", "stacks");

    static final String USAGE = "valid keys: report=DIR (default lockwitness-report), windows=lines|probes|off"
            + " (default probes), fail=RULE+...|all|none (default none), panic=RULE+...|all|none, config=FILE,"
            + " include=PATTERN+..., exclude=PATTERN+..., stacks=N";

    final Path report;
    final Windows windows;
    final Set<Rule> fail;
    final Set<Rule> panic;
    final Path config;
    final ClassPatterns include;
    final ClassPatterns exclude;
    final int stacks;

    private AgentOptions(Builder b) {
        this.report = b.report;
        this.windows = b.windows;
        this.fail = Set.copyOf(b.fail);
        this.panic = Set.copyOf(b.panic);
        this.config = b.config;
        this.include = b.include;
        this.exclude = b.exclude;
        this.stacks = b.stacks;
    }

    /**
     * Parses the agent's argument string.
     *
     * @param args the string after {@code =} in {@code -javaagent:jar=...}, or null
     * @return the options
     * @throws OptionException naming the bad key or value, with the list of valid keys
     */
    static AgentOptions parse(String args) throws OptionException {
        Builder b = new Builder();
        if (args == null || args.isBlank()) {
            return new AgentOptions(b);
        }
        Set<String> seen = new HashSet<>();
        for (String item : args.split(",", -1)) {
            int eq = item.indexOf('=');
            String key = (eq < 0 ? item : item.substring(0, eq)).trim();
            if (!KEYS.contains(key)) {
                throw new OptionException("unknown option '" + key + "'");
            }
            if (eq < 0 || item.substring(eq + 1).isBlank()) {
                throw new OptionException("option '" + key + "' needs a value");
            }
            if (!seen.add(key)) {
                throw new OptionException("option '" + key + "' given twice");
            }
            b.set(key, item.substring(eq + 1).trim());
        }
        return new AgentOptions(b);
    }

    /** A bad option; the message names it and lists the valid keys. */
    static final class OptionException extends Exception {
        OptionException(String problem) {
            super("lockwitness: " + problem + "; " + USAGE);
        }
    }

    private static final class Builder {
        Path report = Path.of("lockwitness-report");
        Windows windows = Windows.PROBES;
        Set<Rule> fail = EnumSet.noneOf(Rule.class);
        Set<Rule> panic = EnumSet.noneOf(Rule.class);
        Path config;
        ClassPatterns include = ClassPatterns.ALL;
        ClassPatterns exclude = ClassPatterns.NONE;
        int stacks = 32;

        void set(String key, String value) throws OptionException {
            switch (key) {
                case "report" -> report = Path.of(value);
                case "windows" -> windows = windows(value);
                case "fail" -> fail = rules(key, value);
                case "panic" -> panic = rules(key, value);
                case "config" -> config = Path.of(value);
                case "include" -> include = ClassPatterns.parse(value);
                case "exclude" -> exclude = ClassPatterns.parse(value);
                case "stacks" -> stacks = stacks(value);
                default -> throw new OptionException("unknown option '" + key + "'");
            }
        }

        private static Windows windows(String value) throws OptionException {
            try {
                return Windows.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new OptionException("bad value windows=" + value + " (lines, probes or off)");
            }
        }

        private static Set<Rule> rules(String key, String value) throws OptionException {
            if (value.equals("all")) {
                return EnumSet.allOf(Rule.class);
            }
            Set<Rule> rules = EnumSet.noneOf(Rule.class);
            if (value.equals("none")) {
                return rules;
            }
            for (String name : value.split("\\+", -1)) {
                try {
                    rules.add(Rule.valueOf(name.trim()));
                } catch (IllegalArgumentException e) {
                    throw new OptionException("bad value " + key + "=" + value + ": unknown rule '" + name
                            + "' (rules: " + EnumSet.allOf(Rule.class) + ")");
                }
            }
            return rules;
        }

        private static int stacks(String value) throws OptionException {
            try {
                int n = Integer.parseInt(value);
                if (n >= 0) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new OptionException("bad value stacks=" + value + " (a number of frames, 0 or more)");
        }
    }
}
