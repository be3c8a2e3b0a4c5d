package org.lockwitness.witness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.DirectedAcyclicGraph;

/**
 * Declared lock orders, blessed pairs and suppressed findings, read from a configuration file (DESIGN.md,
 * "Configuration file"):
 *
 * <pre>
 * # comment
 * order: proctree -&gt; allproc -&gt; allprison     # declared order chain
 * blessed: dirhash, bufwait                   # reversal between these is not reported
 * suppress: DEADLOCK|lock=a (sx)              # the reason, required
 * </pre>
 *
 * <p>Declared orders become edges of the order graph before any lock is taken, as FreeBSD's
 * {@code order_lists}, so a violation is reported on first sight. A reversal between a blessed
 * pair is recorded but not reported ({@code blessed_list}). A {@code suppress:} line names a
 * {@link FindingKey} whose finding is still recorded and reported by the witness, but which CI tools
 * treat as suppressed, with the line's comment as the reason. Each chain keeps the line it was
 * declared on ({@link #orderSite}); lock kinds are unknown here, so a chain mixing a spin and a
 * sleep class (which FreeBSD's {@code itismychild} refuses) is found when both are enrolled. Names may contain spaces. Unknown
 * directives, other syntax, an order of one name, a blessed pair of one name, an order that
 * contradicts an earlier one, a suppression without a reason and a key suppressed twice are errors
 * naming the line. Immutable and thread-safe.
 */
public final class WitnessConfig {
    /** No declared orders, nothing blessed. */
    public static final WitnessConfig EMPTY = new WitnessConfig(List.of(), List.of(), Set.of(), Map.of());

    private final List<List<String>> orders;
    private final List<String> orderSites;
    private final Set<String> blessed;
    private final Map<String, String> suppressions;

    private WitnessConfig(List<List<String>> orders, List<String> orderSites, Set<String> blessed,
            Map<String, String> suppressions) {
        this.orders = List.copyOf(orders);
        this.orderSites = List.copyOf(orderSites);
        this.blessed = Set.copyOf(blessed);
        this.suppressions = Collections.unmodifiableMap(new LinkedHashMap<>(suppressions));
    }

    /** Reads and parses a configuration file (UTF-8). */
    public static WitnessConfig load(Path file) throws IOException, WitnessConfigException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    /**
     * Parses configuration text.
     *
     * @param text the file's content
     * @param source the name used in error messages, e.g. the file name
     * @throws WitnessConfigException on the first bad line, naming it
     */
    public static WitnessConfig parse(String text, String source) throws WitnessConfigException {
        List<List<String>> orders = new ArrayList<>();
        List<String> orderSites = new ArrayList<>();
        Set<String> blessed = new LinkedHashSet<>();
        Map<String, String> suppressions = new LinkedHashMap<>();
        DirectedAcyclicGraph<String, DefaultEdge> declared = new DirectedAcyclicGraph<>(DefaultEdge.class);
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            int hash = lines[i].indexOf('#');
            String line = (hash < 0 ? lines[i] : lines[i].substring(0, hash)).trim();
            if (line.isEmpty()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon < 0) {
                throw new WitnessConfigException(source, lineNo,
                        "expected 'order: a -> b', 'blessed: a, b' or 'suppress: KEY # reason', got '" + line + "'");
            }
            String directive = line.substring(0, colon).trim();
            String rest = line.substring(colon + 1);
            if (directive.equals("order")) {
                List<String> chain = names(rest, "->", source, lineNo);
                if (chain.size() < 2) {
                    throw new WitnessConfigException(source, lineNo, "an order needs at least two lock names");
                }
                declare(declared, chain, source, lineNo);
                orders.add(chain);
                orderSites.add(fileName(source) + ":" + lineNo);
            } else if (directive.equals("blessed")) {
                List<String> pair = names(rest, ",", source, lineNo);
                if (pair.size() != 2 || pair.get(0).equals(pair.get(1))) {
                    throw new WitnessConfigException(source, lineNo,
                            "a blessed pair needs exactly two different lock names");
                }
                blessed.add(pairKey(pair.get(0), pair.get(1)));
            } else if (directive.equals("suppress")) {
                suppress(suppressions, rest.trim(), hash < 0 ? "" : lines[i].substring(hash + 1).trim(), source,
                        lineNo);
            } else {
                throw new WitnessConfigException(source, lineNo, "unknown directive '" + directive
                        + "' (expected 'order', 'blessed' or 'suppress')");
            }
        }
        return new WitnessConfig(orders, orderSites, blessed, suppressions);
    }

    /** The declared order chains, each as written. */
    public List<List<String>> orders() {
        return orders;
    }

    /** Where the chain {@code orders().get(i)} was declared: the source's file name and the line, {@code file:line}. */
    public String orderSite(int i) {
        return orderSites.get(i);
    }

    /** Whether a reversal between these two lock names is blessed (either order). */
    public boolean isBlessed(String a, String b) {
        return blessed.contains(pairKey(a, b));
    }

    /** The suppressed finding keys ({@link FindingKey#text()}), each with its reason, in file order. */
    public Map<String, String> suppressions() {
        return suppressions;
    }

    private static void suppress(Map<String, String> suppressions, String key, String reason, String source,
            int lineNo) throws WitnessConfigException {
        // the directive ends at the first colon, so a key keeps colons of its own (a lock named "ix0:TX(0)")
        if (key.isEmpty()) {
            throw new WitnessConfigException(source, lineNo, "a suppression needs a finding key");
        }
        if (reason.isEmpty()) {
            throw new WitnessConfigException(source, lineNo, "a suppression needs a reason: 'suppress: KEY # reason'");
        }
        if (suppressions.putIfAbsent(key, reason) != null) {
            throw new WitnessConfigException(source, lineNo, "key '" + key + "' suppressed twice");
        }
    }

    private static List<String> names(String text, String separator, String source, int lineNo)
            throws WitnessConfigException {
        List<String> names = new ArrayList<>();
        for (String part : text.split(Pattern.quote(separator), -1)) {
            String name = part.trim();
            if (name.isEmpty()) {
                throw new WitnessConfigException(source, lineNo, "empty lock name");
            }
            names.add(name);
        }
        return names;
    }

    private static void declare(DirectedAcyclicGraph<String, DefaultEdge> declared, List<String> chain,
            String source, int lineNo) throws WitnessConfigException {
        for (int k = 0; k + 1 < chain.size(); k++) {
            String from = chain.get(k);
            String to = chain.get(k + 1);
            if (from.equals(to)) {
                throw new WitnessConfigException(source, lineNo, "lock '" + from + "' ordered after itself");
            }
            declared.addVertex(from);
            declared.addVertex(to);
            try {
                declared.addEdge(from, to);
            } catch (IllegalArgumentException cycle) {
                throw new WitnessConfigException(source, lineNo,
                        "order " + from + " -> " + to + " contradicts an order declared earlier");
            }
        }
    }

    /** The last segment of a path: a site names a file as a stack frame does. */
    private static String fileName(String source) {
        return source.substring(Math.max(source.lastIndexOf('/'), source.lastIndexOf('\\')) + 1);
    }

    private static String pairKey(String a, String b) {
        return a.compareTo(b) <= 0 ? a + '\u0000' + b : b + '\u0000' + a;
    }
}
