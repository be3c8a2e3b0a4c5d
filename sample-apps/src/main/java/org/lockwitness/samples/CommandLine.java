package org.lockwitness.samples;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import org.lockwitness.samples.explore.StrategyKind;
import org.lockwitness.samples.workload.Variant;

/**
 * The parsed command line: {@code list}, {@code run}, {@code explore}, {@code demo} or
 * {@code help} with its options ({@code --help} anywhere means {@code help}). Parsing checks
 * syntax, ranges and rule IDs; whether a workload exists is the caller's question.
 *
 * <p>Thread-safety: immutable.
 */
final class CommandLine {

    static final String USAGE = String.join("\n",
            "usage: java -javaagent:lockwitness-agent.jar=report=DIR,windows=lines -jar lockwitness-samples.jar"
                    + " COMMAND",
            "  list",
            "  run NAME [--variant buggy|fixed] [--cpus N] [--seed S] [--steps N]",
            "           [--strategy random|pct|sweep] [--interrupt I --delay K]",
            "  explore NAME --strategy random|pct|sweep [--variant buggy|fixed] [--schedules N] [--target RULE]",
            "           [--seed S] [--cpus N] [--steps N]",
            "  demo [NAME...] [--report DIR]",
            "  help | --help",
            "run without --seed runs the workload's explore budget; --interrupt and --delay pick one sweep schedule.");

    /** The commands. */
    enum Command {
        LIST, RUN, EXPLORE, DEMO, HELP
    }

    final Command command;
    /** The workload of {@code run} and {@code explore}; the workloads of {@code demo}. */
    final List<String> names;
    final Variant variant;
    final OptionalInt cpus;
    final OptionalLong seed;
    final OptionalLong steps;
    final Optional<StrategyKind> strategy;
    final OptionalInt interrupt;
    final OptionalInt delay;
    final OptionalInt schedules;
    final Optional<String> target;
    final Path report;

    private CommandLine(Parser p) {
        this.command = p.command;
        this.names = List.copyOf(p.names);
        this.variant = p.variant;
        this.cpus = p.cpus;
        this.seed = p.seed;
        this.steps = p.steps;
        this.strategy = Optional.ofNullable(p.strategy);
        this.interrupt = p.interrupt;
        this.delay = p.delay;
        this.schedules = p.schedules;
        this.target = Optional.ofNullable(p.target);
        this.report = p.report;
    }

    /** @return the workload name of {@code run} or {@code explore} */
    String name() {
        return names.get(0);
    }

    /**
     * @param args the arguments of {@code main}
     * @return the command line
     * @throws UsageException naming what is wrong
     */
    static CommandLine parse(String[] args) throws UsageException {
        if (args.length == 0) {
            throw new UsageException("no command");
        }
        Parser p = new Parser(List.of(args).contains("--help") ? new String[] {"help"} : args);
        p.parse();
        return new CommandLine(p);
    }

    /** One pass over the arguments. */
    private static final class Parser {
        private final String[] args;
        private int i = 1;
        private final Set<String> seen = new HashSet<>();
        Command command;
        final List<String> names = new ArrayList<>();
        Variant variant = Variant.BUGGY;
        OptionalInt cpus = OptionalInt.empty();
        OptionalLong seed = OptionalLong.empty();
        OptionalLong steps = OptionalLong.empty();
        StrategyKind strategy;
        OptionalInt interrupt = OptionalInt.empty();
        OptionalInt delay = OptionalInt.empty();
        OptionalInt schedules = OptionalInt.empty();
        String target;
        Path report = Path.of("lockwitness-demo");

        Parser(String[] args) {
            this.args = args;
        }

        void parse() throws UsageException {
            switch (args[0]) {
                case "list" -> command = Command.LIST;
                case "run" -> command = Command.RUN;
                case "explore" -> command = Command.EXPLORE;
                case "demo" -> command = Command.DEMO;
                case "help" -> command = Command.HELP;
                default -> throw new UsageException("unknown command '" + args[0] + "'");
            }
            while (i < args.length) {
                String a = args[i++];
                if (a.startsWith("--")) {
                    option(a);
                } else if (command == Command.DEMO || (names.isEmpty() && (command == Command.RUN
                        || command == Command.EXPLORE))) {
                    names.add(a);
                } else {
                    throw new UsageException("unexpected argument '" + a + "'");
                }
            }
            check();
        }

        private void option(String name) throws UsageException {
            if (!seen.add(name)) {
                throw new UsageException("option " + name + " given twice");
            }
            boolean runLike = command == Command.RUN || command == Command.EXPLORE;
            switch (name) {
                case "--variant" -> variant = named(Variant::of, value(name, runLike));
                case "--cpus" -> cpus = OptionalInt.of(range(name, 1, 32, runLike));
                case "--seed" -> seed = OptionalLong.of(number(name, runLike));
                case "--steps" -> steps = OptionalLong.of(positive(name, runLike));
                case "--strategy" -> strategy = named(StrategyKind::of, value(name, runLike));
                case "--interrupt" -> interrupt = OptionalInt.of(range(name, 0, Integer.MAX_VALUE,
                        command == Command.RUN));
                case "--delay" -> delay = OptionalInt.of(range(name, 0, Integer.MAX_VALUE, command == Command.RUN));
                case "--schedules" -> schedules = OptionalInt.of(range(name, 1, Integer.MAX_VALUE,
                        command == Command.EXPLORE));
                case "--target" -> target = rule(value(name, command == Command.EXPLORE));
                case "--report" -> report = Path.of(value(name, command == Command.DEMO));
                default -> throw new UsageException("unknown option " + name);
            }
        }

        private void check() throws UsageException {
            if ((command == Command.RUN || command == Command.EXPLORE) && names.isEmpty()) {
                throw new UsageException(command.name().toLowerCase() + " needs a workload NAME");
            }
            if (command == Command.EXPLORE && strategy == null) {
                throw new UsageException("explore needs --strategy random|pct|sweep");
            }
            if (interrupt.isPresent() != delay.isPresent()) {
                throw new UsageException("--interrupt and --delay go together");
            }
            if (interrupt.isPresent() && (strategy != StrategyKind.SWEEP || seed.isEmpty())) {
                throw new UsageException("--interrupt and --delay need --strategy sweep and --seed");
            }
        }

        private String value(String name, boolean allowed) throws UsageException {
            if (!allowed) {
                throw new UsageException("option " + name + " does not apply to " + args[0]);
            }
            if (i >= args.length || args[i].startsWith("--")) {
                throw new UsageException("option " + name + " needs a value");
            }
            return args[i++];
        }

        private long number(String name, boolean allowed) throws UsageException {
            String v = value(name, allowed);
            try {
                return Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw new UsageException("option " + name + " needs a number, not '" + v + "'");
            }
        }

        private long positive(String name, boolean allowed) throws UsageException {
            long n = number(name, allowed);
            if (n < 1) {
                throw new UsageException("option " + name + " must be positive");
            }
            return n;
        }

        private int range(String name, int min, int max, boolean allowed) throws UsageException {
            long n = number(name, allowed);
            if (n < min || n > max) {
                throw new UsageException("option " + name + " must be in [" + min + ", " + max + "]");
            }
            return (int) n;
        }

        /** @return {@code of(v)}, whose IllegalArgumentException becomes a usage error */
        private static <T> T named(Function<String, T> of, String v) throws UsageException {
            try {
                return of.apply(v);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }

        private static String rule(String v) throws UsageException {
            if (!Rules.IDS.contains(v)) {
                throw new UsageException("--target needs a rule ID, not '" + v + "' (did you mean "
                        + Names.closest(v, Rules.IDS) + "?); the rules: " + String.join(" ", Rules.IDS));
            }
            return v;
        }
    }
}
