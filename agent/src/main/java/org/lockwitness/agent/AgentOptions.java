package org.lockwitness.agent;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.lockwitness.agent.weave.ClassPatterns;
import org.lockwitness.agent.weave.WeaveSettings;
import org.lockwitness.agent.weave.Windows;
import org.lockwitness.witness.CycleFilter;
import org.lockwitness.witness.Rule;
import org.lockwitness.witness.WitnessOptions;

/**
 * The agent's options, parsed from {@code key=value,...} exactly as DESIGN.md ("The agent") lists
 * them: {@code report}, {@code windows}, {@code fail}, {@code panic}, {@code config},
 * {@code include}, {@code exclude}, {@code stacks}, and our {@code spinBound} and {@code holdBound}
 * ({@code SPIN_HELD_TOO_LONG}'s two bounds) and {@code classes} and {@code orders} (the witness's
 * table sizes, as FreeBSD's {@code WITNESS_COUNT} and lockdep's {@code MAX_LOCKDEP_KEYS}). The report
 * directory is a {@link ReportPattern}. {@code frames} is {@code user}, the default, or {@code all}
 * to keep the kernel model's frames in stacks; {@code graph} chooses what {@code lock-order.dot}
 * draws; {@code locks}, {@code javaInclude} and {@code javaExclude} choose what is
 * instrumented (the kernel model, application classes' Java locks, or both); {@code filterSingleThread},
 * {@code filterGateLock}, {@code filterStartJoin} and {@code filterReadRead} switch the cycle filters
 * of Java locks ({@link CycleFilter}). Lists inside a value
 * are separated by
 * {@code +}. A value may contain commas: the string is split only at a comma followed by
 * {@code key=} (as JaCoCo's agent options are), so {@code report=/tmp/a,b,windows=lines} names the
 * directory {@code /tmp/a,b}. {@link #javaAgentArgument} renders options back into a
 * {@code -javaagent:} argument that parses to the same options.
 *
 * <p>Thread-safety: immutable.
 */
final class AgentOptions {

    static final List<String> KEYS = List.of("report", "windows", "fail", "panic", "config", "include",
            "exclude", "stacks", "spinBound", "holdBound", "classes", "orders", "graph",
            "frames", "locks", "javaInclude", "javaExclude",
            // the cycle filters of Java locks (CycleFilter.option())
            "filterSingleThread", "filterGateLock", "filterStartJoin", "filterReadRead");

    static final String USAGE = "valid keys: report=DIR (default lockwitness-report; {pid} and {start} are replaced"
            + " by the process id and start time), windows=lines|probes|off"
            + " (default probes), fail=RULE+...|all|none (default none), panic=RULE+...|all|none, config=FILE,"
            + " include=PATTERN+..., exclude=PATTERN+..., stacks=N, spinBound=N (a spinner's own iterations,"
            + " default " + WitnessOptions.DEFAULT_SPIN_BOUND + "), holdBound=N (a spin lock holder's own"
            + " scheduling points, default " + WitnessOptions.DEFAULT_HOLD_BOUND + "), classes=N (lock classes, 1.."
            + WitnessOptions.MAX_CLASS_LIMIT + ", default " + WitnessOptions.DEFAULT_CLASS_LIMIT + "), orders=N (lock"
            + " orders, 1.." + WitnessOptions.MAX_ORDER_LIMIT + ", default " + WitnessOptions.DEFAULT_ORDER_LIMIT + "),"
            + " graph=all|default"
            + " (lock-order.dot: every class, or leave out the program's own locks in no finding and classes with no"
            + " order), frames=user|all (stack"
            + " frames: the program's only, default user, or the kernel model's too), locks=kernel|java|both (default"
            + " both), javaInclude=PATTERN+..., javaExclude=PATTERN+... (the application classes whose Java locks"
            + " are checked), filterSingleThread=on|off, filterGateLock=on|off, filterStartJoin=on|off,"
            + " filterReadRead=on|off (the cycle filters of Java locks: a reversal one of them explains is reported"
            + " qualified and does not fail; default on)";

    /**
     * The frames of stacks with {@code frames=all}: the kernel model's are kept; the agent's, the
     * witness's, the JDK's and Byte Buddy's never say anything about the program.
     */
    static final List<String> TOOL_FRAMES = List.of("org.lockwitness.agent.", "org.lockwitness.witness.", "java.",
            "jdk.", "sun.", "net.bytebuddy.");

    /** Where the option string is split: at a comma followed by a key and {@code =}. */
    static final Pattern SPLIT = Pattern.compile(",(?=\\s*[A-Za-z0-9_\\-]+\\s*=)");

    private static final String JAVAAGENT = "-javaagent:";

    /** The report directory of this JVM: {@link #reportPattern} expanded. */
    final Path report;
    /** The {@code report=} value as given, before {@link ReportPattern} expands it. */
    final String reportPattern;
    final Windows windows;
    final Set<Rule> fail;
    final Set<Rule> panic;
    final Path config;
    final ClassPatterns include;
    final ClassPatterns exclude;
    final int stacks;
    /** {@code SPIN_HELD_TOO_LONG}'s bounds: a spinner's own iterations, a holder's own scheduling points. */
    final long spinBound;
    final long holdBound;
    /** The witness's class and order limits. */
    final int classes;
    final int orders;
    /** Whether lock-order.dot draws every class ({@code graph=all}). */
    final boolean graphAll;
    /** Class-name prefixes of the frames left out of stacks ({@code frames=}); sites always leave out the model. */
    final List<String> frameFilter;
    /** What is instrumented, and which application classes get their Java locks checked. */
    final LockScope locks;
    final ClassPatterns javaInclude;
    final ClassPatterns javaExclude;
    /** The cycle filters of Java locks switched off ({@code filterSingleThread=off}, ...). */
    final Set<CycleFilter> filtersOff;
    /** The options as given, keys and values trimmed, in the order given. */
    final Map<String, String> given;

    private AgentOptions(Builder b) {
        this.reportPattern = b.report;
        this.report = ReportPattern.expandForThisProcess(b.report);
        this.windows = b.windows;
        this.fail = Set.copyOf(b.fail);
        this.panic = Set.copyOf(b.panic);
        this.config = b.config;
        this.include = b.include;
        this.exclude = b.exclude;
        this.stacks = b.stacks;
        this.spinBound = b.spinBound;
        this.holdBound = b.holdBound;
        this.classes = b.classes;
        this.orders = b.orders;
        this.graphAll = b.graphAll;
        this.frameFilter = b.frameFilter;
        this.locks = b.locks;
        this.javaInclude = b.javaInclude;
        this.javaExclude = b.javaExclude;
        this.filtersOff = Set.copyOf(b.filtersOff);
        this.given = Collections.unmodifiableMap(new LinkedHashMap<>(b.given));
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
        for (String item : SPLIT.split(args, -1)) {
            int eq = item.indexOf('=');
            String key = (eq < 0 ? item : item.substring(0, eq)).trim();
            if (!KEYS.contains(key)) {
                throw new OptionException("unknown option '" + key + "'");
            }
            if (eq < 0 || item.substring(eq + 1).isBlank()) {
                throw new OptionException("option '" + key + "' needs a value");
            }
            if (b.given.containsKey(key)) {
                throw new OptionException("option '" + key + "' given twice");
            }
            String value = item.substring(eq + 1).trim();
            b.given.put(key, value);
            b.set(key, value);
        }
        return new AgentOptions(b);
    }

    /**
     * Renders the {@code -javaagent:} argument that starts the agent jar with these options: the
     * one place that writes the agent's option syntax.
     *
     * @param jar the agent jar; made absolute
     * @param options keys and values, rendered in the map's iteration order
     * @return {@code -javaagent:JAR=key=value,...}, or {@code -javaagent:JAR} without options
     * @throws IllegalArgumentException for an unknown key, or a value that is bad or would not
     *     parse back as given (one with a comma followed by {@code key=}, or surrounding blanks)
     */
    static String javaAgentArgument(Path jar, Map<String, String> options) {
        StringBuilder s = new StringBuilder();
        for (Map.Entry<String, String> e : options.entrySet()) {
            if (!KEYS.contains(e.getKey())) {
                throw new IllegalArgumentException("lockwitness: unknown option '" + e.getKey() + "'; " + USAGE);
            }
            s.append(s.length() == 0 ? "" : ",").append(e.getKey()).append('=').append(e.getValue());
        }
        String rendered = s.toString();
        try {
            if (!parse(rendered).given.equals(options)) {
                throw new IllegalArgumentException("lockwitness: the options " + options
                        + " would not parse back as given from '" + rendered + "'");
            }
        } catch (OptionException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        String agent = JAVAAGENT + jar.toAbsolutePath();
        return options.isEmpty() ? agent : agent + "=" + rendered;
    }

    /**
     * @return the options as given, for starting the same agent from any directory: the report
     *     directory always named, it and the config file as absolute paths; a report pattern stays a
     *     pattern, so a replay never writes into the directory of the run it replays
     */
    Map<String, String> forRelaunch() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("report", Path.of(reportPattern).toAbsolutePath().toString());
        for (Map.Entry<String, String> e : given.entrySet()) {
            if (!e.getKey().equals("report")) {
                m.put(e.getKey(), e.getKey().equals("config") ? config.toAbsolutePath().toString() : e.getValue());
            }
        }
        return Collections.unmodifiableMap(m);
    }

    /**
     * @param mainClass the binary name of the launched main class, or null
     * @return what these options decide about weaving
     */
    WeaveSettings weaving(String mainClass) {
        return new WeaveSettings(windows, include, exclude, mainClass, locks.kernel());
    }

    /** A bad option; the message names it and lists the valid keys. */
    static final class OptionException extends Exception {
        OptionException(String problem) {
            super("lockwitness: " + problem + "; " + USAGE);
        }
    }

    private static final class Builder {
        String report = "lockwitness-report";
        Windows windows = Windows.PROBES;
        Set<Rule> fail = EnumSet.noneOf(Rule.class);
        Set<Rule> panic = EnumSet.noneOf(Rule.class);
        Path config;
        ClassPatterns include = ClassPatterns.ALL;
        ClassPatterns exclude = ClassPatterns.NONE;
        int stacks = 32;
        long spinBound = WitnessOptions.DEFAULT_SPIN_BOUND;
        long holdBound = WitnessOptions.DEFAULT_HOLD_BOUND;
        int classes = WitnessOptions.DEFAULT_CLASS_LIMIT;
        int orders = WitnessOptions.DEFAULT_ORDER_LIMIT;
        boolean graphAll;
        List<String> frameFilter = WitnessOptions.DEFAULT_FRAME_FILTER;
        LockScope locks = LockScope.BOTH;
        ClassPatterns javaInclude = ClassPatterns.ALL;
        ClassPatterns javaExclude = ClassPatterns.NONE;
        final Set<CycleFilter> filtersOff = EnumSet.noneOf(CycleFilter.class);
        final Map<String, String> given = new LinkedHashMap<>();

        void set(String key, String value) throws OptionException {
            switch (key) {
                case "report" -> report = report(value);
                case "windows" -> windows = windows(value);
                case "fail" -> fail = rules(key, value);
                case "panic" -> panic = rules(key, value);
                case "config" -> config = Path.of(value);
                case "include" -> include = patterns(key, value);
                case "exclude" -> exclude = patterns(key, value);
                case "stacks" -> stacks = stacks(value);
                case "spinBound" -> spinBound = bound(key, value);
                case "holdBound" -> holdBound = bound(key, value);
                case "classes" -> classes = limit(key, value, WitnessOptions.MAX_CLASS_LIMIT);
                case "orders" -> orders = limit(key, value, WitnessOptions.MAX_ORDER_LIMIT);
                case "graph" -> graphAll = graph(value);
                case "frames" -> frameFilter = frames(value);
                case "locks" -> locks = locks(value);
                case "javaInclude" -> javaInclude = patterns(key, value);
                case "javaExclude" -> javaExclude = patterns(key, value);
                case "filterSingleThread" -> filter(CycleFilter.SINGLE_THREAD, value);
                case "filterGateLock" -> filter(CycleFilter.GATE_LOCK, value);
                case "filterStartJoin" -> filter(CycleFilter.START_JOIN, value);
                case "filterReadRead" -> filter(CycleFilter.READ_READ, value);
                default -> throw new OptionException("unknown option '" + key + "'");
            }
        }

        private void filter(CycleFilter f, String value) throws OptionException {
            switch (value) {
                case "on" -> filtersOff.remove(f);
                case "off" -> filtersOff.add(f);
                default -> throw new OptionException("bad value " + f.option() + "=" + value + " (on or off)");
            }
        }

        private static String report(String value) throws OptionException {
            String problem = ReportPattern.problem(value);
            if (problem != null) {
                throw new OptionException("bad value report=" + value + ": " + problem);
            }
            try {
                Path.of(value);
            } catch (InvalidPathException e) {
                throw new OptionException("bad value report=" + value + ": " + e.getReason());
            }
            return value;
        }

        private static int limit(String key, String value, int max) throws OptionException {
            try {
                int n = Integer.parseInt(value);
                if (n >= 1 && n <= max) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new OptionException("bad value " + key + "=" + value + " (a number, 1.." + max + ")");
        }

        private static Windows windows(String value) throws OptionException {
            try {
                return Windows.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new OptionException("bad value windows=" + value + " (lines, probes or off)");
            }
        }

        private static boolean graph(String value) throws OptionException {
            return switch (value) {
                case "all" -> true;
                case "default" -> false;
                default -> throw new OptionException("bad value graph=" + value + " (all or default)");
            };
        }

        private static LockScope locks(String value) throws OptionException {
            try {
                return LockScope.parse(value);
            } catch (IllegalArgumentException e) {
                throw new OptionException("bad value locks=" + value + " (kernel, java or both)");
            }
        }

        private static ClassPatterns patterns(String key, String value) throws OptionException {
            try {
                return ClassPatterns.parse(value);
            } catch (IllegalArgumentException e) {
                throw new OptionException("bad value " + key + "=" + value + ": " + e.getMessage());
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

        private static long bound(String key, String value) throws OptionException {
            try {
                long n = Long.parseLong(value);
                if (n >= 1) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new OptionException("bad value " + key + "=" + value + " (a number, 1 or more)");
        }

        private static List<String> frames(String value) throws OptionException {
            return switch (value) {
                case "user" -> WitnessOptions.DEFAULT_FRAME_FILTER;
                case "all" -> TOOL_FRAMES;
                default -> throw new OptionException("bad value frames=" + value + " (user or all)");
            };
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
