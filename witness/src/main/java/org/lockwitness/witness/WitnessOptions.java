package org.lockwitness.witness;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Settings of one {@link Witness}: limits, policies, frame filter, report directory, panic handler
 * and configuration. Build with {@link #builder()}; immutable and thread-safe once built.
 */
public final class WitnessOptions {
    /** Default size of the class table, FreeBSD's {@code WITNESS_COUNT}. */
    public static final int DEFAULT_CLASS_LIMIT = 1536;
    /** Default number of distinct stored lock-order stacks, FreeBSD's {@code WITNESS_LO_DATA_COUNT}. */
    public static final int DEFAULT_STACK_STORE_LIMIT = 2048;
    /** Default {@link Builder#spinBound}: a spinner's own iterations on one spin lock. */
    public static final long DEFAULT_SPIN_BOUND = 100_000;
    /** Default {@link Builder#holdBound}: the holder's own scheduling points with a spin lock held. */
    public static final long DEFAULT_HOLD_BOUND = 100_000;
    /** Largest class table the lock id layout allows: 1,048,575 (20 bits of class id). */
    public static final int MAX_CLASS_LIMIT = LockId.MAX_CLASS_ID;
    /** Default number of lock-order pairs, lockdep's {@code MAX_LOCKDEP_ENTRIES} scaled up: 1,048,576. */
    public static final int DEFAULT_ORDER_LIMIT = 1 << 20;
    /** Largest order table: 67,108,864 pairs. */
    public static final int MAX_ORDER_LIMIT = 1 << 26;
    /** Frames skipped by default when capturing stacks and choosing a site. */
    public static final List<String> DEFAULT_FRAME_FILTER = List.of("org.lockwitness.kernel.",
            "org.lockwitness.agent.", "org.lockwitness.witness.", "java.", "jdk.", "sun.",
            "net.bytebuddy.");

    final int classLimit;
    final int orderLimit;
    final int stackStoreLimit;
    final int stackDepth;
    final long spinBound;
    final long holdBound;
    final Map<Rule, Policy> policies;
    final List<String> frameFilter;
    final FrameBoundaries boundaries;
    /** The prefixes skipped in stacks: {@link #frameFilter} unless set apart. */
    final List<String> stackFilter;
    final Consumer<Finding> panicHandler;
    final Path reportDir;
    final long debounceMillis;
    final WitnessConfig config;
    final boolean graphAll;
    final Supplier<String> attribution;
    /** The {@link CycleFilter}s switched on. */
    final Set<CycleFilter> cycleFilters;

    private WitnessOptions(Builder b) {
        this.classLimit = b.classLimit;
        this.orderLimit = b.orderLimit;
        this.stackStoreLimit = b.stackStoreLimit;
        this.stackDepth = b.stackDepth;
        this.spinBound = b.spinBound;
        this.holdBound = b.holdBound;
        this.policies = new EnumMap<>(b.policies);
        this.frameFilter = List.copyOf(b.frameFilter);
        this.boundaries = b.boundaries;
        this.stackFilter = b.stackFilter == null ? this.frameFilter : b.stackFilter;
        this.panicHandler = b.panicHandler;
        this.reportDir = b.reportDir;
        this.debounceMillis = b.debounceMillis;
        this.config = b.config;
        this.graphAll = b.graphAll;
        this.attribution = b.attribution;
        this.cycleFilters = Set.copyOf(b.cycleFilters);
    }

    /** A builder with every default. */
    public static Builder builder() {
        return new Builder();
    }

    /** The default options: no report directory, every rule WARN. */
    public static WitnessOptions defaults() {
        return builder().build();
    }

    Policy policy(Rule rule) {
        return policies.getOrDefault(rule, Policy.WARN);
    }

    boolean filters(CycleFilter f) {
        return cycleFilters.contains(f);
    }

    /** Builds {@link WitnessOptions}. Not thread-safe. */
    public static final class Builder {
        private int classLimit = DEFAULT_CLASS_LIMIT;
        private int orderLimit = DEFAULT_ORDER_LIMIT;
        private int stackStoreLimit = DEFAULT_STACK_STORE_LIMIT;
        private int stackDepth = 32;
        private long spinBound = DEFAULT_SPIN_BOUND;
        private long holdBound = DEFAULT_HOLD_BOUND;
        private final Map<Rule, Policy> policies = new EnumMap<>(Rule.class);
        private List<String> frameFilter = DEFAULT_FRAME_FILTER;
        private FrameBoundaries boundaries = FrameBoundaries.NONE;
        private List<String> stackFilter;
        private Consumer<Finding> panicHandler = f -> { };
        private Path reportDir;
        private long debounceMillis = 250;
        private WitnessConfig config = WitnessConfig.EMPTY;
        private boolean graphAll;
        private Supplier<String> attribution = () -> null;
        private final Set<CycleFilter> cycleFilters = EnumSet.allOf(CycleFilter.class);

        private Builder() {
        }

        /**
         * Maximum number of lock classes (1..{@value #MAX_CLASS_LIMIT}); past it the checker disables itself. Memory
         * grows with the classes enrolled, not with the limit.
         */
        public Builder classLimit(int limit) {
            if (limit < 1 || limit > MAX_CLASS_LIMIT) {
                throw new IllegalArgumentException("classLimit must be in 1.." + MAX_CLASS_LIMIT + ": " + limit);
            }
            this.classLimit = limit;
            return this;
        }

        /**
         * Maximum number of lock-order pairs (1..{@value #MAX_ORDER_LIMIT}): every (held class, acquired class)
         * pair the slow path sees, order or reversal. Past it the checker disables itself. Memory grows with the
         * pairs seen, about 150 bytes each with stacks off (WitnessNewOrderBenchmark).
         */
        public Builder orderLimit(int limit) {
            if (limit < 1 || limit > MAX_ORDER_LIMIT) {
                throw new IllegalArgumentException("orderLimit must be in 1.." + MAX_ORDER_LIMIT + ": " + limit);
            }
            this.orderLimit = limit;
            return this;
        }

        /**
         * Maximum number of distinct stored stacks; once reached, later orders are kept without a stack (and their
         * stacks not captured). A stack shared by several orders is stored once.
         */
        public Builder stackStoreLimit(int limit) {
            if (limit < 0) {
                throw new IllegalArgumentException("stackStoreLimit must be >= 0: " + limit);
            }
            this.stackStoreLimit = limit;
            return this;
        }

        /** Maximum frames kept per captured stack (0 captures none). */
        public Builder stackDepth(int depth) {
            if (depth < 0) {
                throw new IllegalArgumentException("stackDepth must be >= 0: " + depth);
            }
            this.stackDepth = depth;
            return this;
        }

        /**
         * A spinner that spins on one spin lock for more of its own iterations than this is
         * {@link Rule#SPIN_HELD_TOO_LONG}, as FreeBSD's {@code _mtx_lock_spin_failed} bounds only the
         * spinner's own loop.
         */
        public Builder spinBound(long iterations) {
            if (iterations < 1) {
                throw new IllegalArgumentException("spinBound must be >= 1: " + iterations);
            }
            this.spinBound = iterations;
            return this;
        }

        /**
         * A spin lock held for more of its holder's own scheduling points than this (those taken on
         * the CPU that holds it, {@link WitnessThread#at}'s {@code step}) is {@link Rule#SPIN_HELD_TOO_LONG}.
         * Our extension: FreeBSD bounds only the spinner.
         */
        public Builder holdBound(long steps) {
            if (steps < 1) {
                throw new IllegalArgumentException("holdBound must be >= 1: " + steps);
            }
            this.holdBound = steps;
            return this;
        }

        /** Sets the policy of one rule (default {@link Policy#WARN}). */
        public Builder policy(Rule rule, Policy policy) {
            policies.put(Objects.requireNonNull(rule), Objects.requireNonNull(policy));
            return this;
        }

        /**
         * The frames where a stack crosses from an interrupt handler into the interrupted code, and
         * the lines shown there; default none.
         */
        public Builder boundaries(FrameBoundaries boundaries) {
            this.boundaries = Objects.requireNonNull(boundaries);
            return this;
        }

        /** Class-name prefixes of frames to skip when capturing stacks and choosing a site. */
        public Builder frameFilter(List<String> prefixes) {
            this.frameFilter = List.copyOf(prefixes);
            return this;
        }

        /**
         * Class-name prefixes of frames to skip in stacks only, when they should show more than
         * the sites do (the model's own frames); default: the {@link #frameFilter}.
         */
        public Builder stackFilter(List<String> prefixes) {
            this.stackFilter = List.copyOf(prefixes);
            return this;
        }

        /**
         * Called, outside the checker lock and after the finding is recorded, for every occurrence
         * of a rule whose policy is {@link Policy#PANIC}. It runs on the thread that reported the
         * event; events that thread issues while the handler runs are ignored. Exceptions it
         * throws become {@link Rule#CHECKER_FAULT} findings.
         */
        public Builder panicHandler(Consumer<Finding> handler) {
            this.panicHandler = Objects.requireNonNull(handler);
            return this;
        }

        /** Where {@code witness.txt}, {@code witness.json} and the DOT files go; null for none. */
        public Builder reportDir(Path dir) {
            this.reportDir = dir;
            return this;
        }

        /** Delay between a new finding and the rewrite of the reports. */
        public Builder debounceMillis(long millis) {
            if (millis < 0) {
                throw new IllegalArgumentException("debounceMillis must be >= 0: " + millis);
            }
            this.debounceMillis = millis;
            return this;
        }

        /** Declared orders and blessed pairs. */
        public Builder config(WitnessConfig config) {
            this.config = Objects.requireNonNull(config);
            return this;
        }

        /**
         * Whether {@code lock-order.dot} shows every class and order (the agent's {@code graph=all});
         * by default it leaves out the program's infrastructure locks that take part in no finding
         * and the classes with no order.
         */
        public Builder graphAll(boolean all) {
            this.graphAll = all;
            return this;
        }

        /**
         * Names what was running when a finding first appears (the agent: the test), shown as the finding's
         * {@link Finding#test()}; null for nothing known. Called under the checker lock on the thread that reported
         * the event, once per new finding: it must be quick, take no lock and report no event. A supplier that
         * throws counts as null.
         */
        public Builder attribution(Supplier<String> attribution) {
            this.attribution = Objects.requireNonNull(attribution);
            return this;
        }

        /**
         * Switches one {@link CycleFilter} on or off (each is on by default). A cycle among Java locks
         * that a filter explains is reported with that filter as its qualifier and never fails.
         */
        public Builder cycleFilter(CycleFilter filter, boolean on) {
            if (on) {
                cycleFilters.add(Objects.requireNonNull(filter));
            } else {
                cycleFilters.remove(Objects.requireNonNull(filter));
            }
            return this;
        }

        /** The options. */
        public WitnessOptions build() {
            return new WitnessOptions(this);
        }
    }
}
