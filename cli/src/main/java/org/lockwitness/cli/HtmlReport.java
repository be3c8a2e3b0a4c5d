package org.lockwitness.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.lockwitness.witness.report.LockGraph;

/**
 * {@code index.html}: one self-contained page (no network, no script or style from elsewhere; a
 * Content-Security-Policy says so to the browser) with the runs, the findings by rule and the
 * lock-order graph as inline SVG ({@link SvgGraph}, the same {@link LockGraph} as
 * {@code lock-order.dot}). Each finding has the element id {@code finding-N}, N from 1 in report
 * order; a reversal edge of the graph links there. Above {@link #FOCUS_LIMIT} classes the graph
 * shows only the classes of findings and their neighbours, and says so. The page's small script
 * opens a finding's stacks when its link is followed, and a {@code window.onerror} sink lists any
 * script error in the page itself ({@code #script-errors}), so a browser check can see it.
 * Stateless.
 */
final class HtmlReport {
    /** The most classes drawn before the graph is cut down to the findings' neighbourhood. */
    static final int FOCUS_LIMIT = 300;
    static final String FILE = "index.html";
    private static final String RULE_REVERSAL = "LOCK_ORDER_REVERSAL";

    private HtmlReport() {
    }

    /** Writes {@code dir/index.html} of what the options loaded, and says where on {@code out}. */
    static void write(Path dir, InputOptions.Loaded loaded, boolean graphAll, PrintWriter out) {
        List<RunSection> runs = new ArrayList<>();
        for (Inputs.Source s : loaded.sources()) {
            runs.add(RunSection.read(s.dir(), s.run()));
        }
        out.println("lockwitness: HTML report " + write(dir, loaded.report(), runs, graphAll));
    }

    /** Writes {@code out/index.html} atomically; returns its path. */
    static Path write(Path out, Model.Report report, List<RunSection> runs, boolean graphAll) {
        String html = render(report, runs, graphAll);
        try {
            Files.createDirectories(out);
            Path tmp = Files.createTempFile(out, FILE, ".tmp");
            Files.writeString(tmp, html, StandardCharsets.UTF_8);
            Path target = out.resolve(FILE);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new InfrastructureException("cannot write " + out.resolve(FILE), e);
        }
    }

    static String render(Model.Report report, List<RunSection> runs, boolean graphAll) {
        StringBuilder b = new StringBuilder(16_384);
        b.append(HEAD);
        b.append("<h1>lockwitness report</h1>\n");
        b.append("<p class=\"summary\">").append(report.findings().size()).append(" finding(s), ")
                .append(report.classes().size()).append(" lock class(es), ").append(report.edges().size())
                .append(" order(s)</p>\n");
        runs(b, runs);
        findings(b, report.findings());
        graph(b, report, graphAll);
        b.append(TAIL);
        return b.toString();
    }

    private static void runs(StringBuilder b, List<RunSection> runs) {
        b.append("<section id=\"runs\"><h2>Runs</h2>\n");
        for (RunSection r : runs) {
            b.append("<div class=\"run\"><h3>").append(esc(r.label())).append("</h3>\n");
            if (r.problem() != null) {
                b.append("<p class=\"problem\">run sections not readable: ").append(esc(r.problem())).append("</p></div>\n");
                continue;
            }
            b.append("<dl>");
            dd(b, "command", r.command());
            dd(b, "seed", r.seed());
            dd(b, "strategy", r.strategy());
            dd(b, "replay", r.replay());
            StringBuilder outcomes = new StringBuilder();
            r.byOutcome().forEach((k, v) -> outcomes.append(outcomes.length() == 0 ? "" : ", ").append(k).append(' ')
                    .append(v));
            dd(b, "machine runs", outcomes.length() == 0 ? "none announced" : outcomes.toString());
            b.append("</dl>\n");
            if (!r.listed().isEmpty()) {
                b.append("<table class=\"machine-runs\"><thead><tr><th>run</th><th>outcome</th><th>seed</th>"
                        + "<th>strategy</th><th>findings</th><th>reason</th><th>replay</th></tr></thead><tbody>\n");
                for (RunSection.Machine m : r.listed()) {
                    b.append("<tr class=\"outcome-").append(esc(String.valueOf(m.outcome()).toLowerCase(Locale.ROOT)))
                            .append("\"><td>").append(m.index()).append("</td><td>").append(esc(m.outcome()))
                            .append("</td><td>").append(esc(m.seed())).append("</td><td>").append(esc(m.strategy()))
                            .append("</td><td>").append(m.findings()).append("</td><td>").append(esc(m.reason()))
                            .append("</td><td><code>").append(esc(m.replay())).append("</code></td></tr>\n");
                }
                b.append("</tbody></table>\n");
            }
            b.append("</div>\n");
        }
        b.append("</section>\n");
    }

    private static void dd(StringBuilder b, String term, String value) {
        if (value != null) {
            b.append("<dt>").append(term).append("</dt><dd><code>").append(esc(value)).append("</code></dd>");
        }
    }

    private static void findings(StringBuilder b, List<Model.Finding> findings) {
        b.append("<section id=\"findings\"><h2>Findings (<span id=\"finding-count\">").append(findings.size())
                .append("</span>)</h2>\n");
        if (findings.isEmpty()) {
            b.append("<p>No finding.</p>\n");
        }
        Map<String, List<Integer>> byRule = new LinkedHashMap<>();
        for (int i = 0; i < findings.size(); i++) {
            byRule.computeIfAbsent(findings.get(i).rule(), r -> new ArrayList<>()).add(i);
        }
        for (Map.Entry<String, List<Integer>> rule : byRule.entrySet()) {
            b.append("<h3 class=\"rule\">").append(esc(rule.getKey())).append(" (").append(rule.getValue().size())
                    .append(")</h3>\n");
            for (int i : rule.getValue()) {
                finding(b, findings.get(i), i + 1);
            }
        }
        b.append("</section>\n");
    }

    private static void finding(StringBuilder b, Model.Finding f, int n) {
        b.append("<article class=\"finding\" id=\"finding-").append(n).append("\" data-rule=\"").append(esc(f.rule()))
                .append("\"><h4><a href=\"#finding-").append(n).append("\">#").append(n).append("</a> ")
                .append(esc(f.headline())).append("</h4>\n");
        b.append("<pre class=\"message\">").append(HtmlText.block(f.message())).append("</pre>\n<dl>");
        dd(b, "key", f.key());
        dd(b, "policy", f.policy());
        dd(b, "qualifier", f.qualifier());
        dd(b, "seen", f.count() + " time(s), threads " + String.join(", ", f.threads()));
        if (!f.runs().isEmpty()) {
            dd(b, "runs", String.join(", ", f.runs()));
        }
        b.append("</dl>\n");
        if (!f.sites().isEmpty()) {
            b.append("<ul class=\"sites\">");
            for (String s : f.sites()) {
                b.append("<li><code>").append(esc(s)).append("</code></li>");
            }
            b.append("</ul>\n");
        }
        if (RULE_REVERSAL.equals(f.rule()) && f.locks().size() >= 2) {
            b.append("<div class=\"cycle\">").append(CycleSvg.svg(f.locks(), f.site())).append("</div>\n");
        }
        if (!f.stacks().isEmpty()) {
            b.append("<details class=\"stacks\"><summary>stacks (").append(f.stacks().size()).append(")</summary>\n");
            for (Model.Trace t : f.stacks()) {
                b.append("<pre>").append(esc(t.title()));
                for (int k = 0; k < t.frames().size(); k++) {
                    b.append("\n#").append(k).append(' ').append(esc(t.frames().get(k)));
                }
                b.append("</pre>\n");
            }
            b.append("</details>\n");
        }
        b.append("</article>\n");
    }

    private static void graph(StringBuilder b, Model.Report report, boolean all) {
        List<LockGraph.Node> nodes = new ArrayList<>();
        for (Model.LockClass c : report.classes()) {
            nodes.add(new LockGraph.Node(c.name(), c.kind(), c.flags().contains("INFRASTRUCTURE")));
        }
        List<LockGraph.Edge> edges = new ArrayList<>();
        for (Model.Edge e : report.edges()) {
            edges.add(new LockGraph.Edge(e.from().name(), e.to().name(), e.count(), e.site(), e.reversal(),
                    e.declared()));
        }
        List<LockGraph.Involvement> involved = new ArrayList<>();
        for (Model.Finding f : report.findings()) {
            involved.add(new LockGraph.Involvement(RULE_REVERSAL.equals(f.rule()), f.locks()));
        }
        LockGraph full = LockGraph.select(nodes, edges, involved, all);
        LockGraph g = full.focus(FOCUS_LIMIT);
        b.append("<section id=\"graph\"><h2>Lock-order graph</h2>\n<p class=\"graph-note\">");
        b.append(g.nodes().size()).append(" class(es) and ").append(g.edges().size()).append(" order(s) drawn");
        if (g != full) {
            b.append("; the graph has ").append(full.nodes().size()).append(" classes, more than ").append(FOCUS_LIMIT)
                    .append(", so only the classes of findings and their neighbours are drawn");
        }
        if (g.hidden() > 0) {
            b.append("; ").append(g.hidden()).append(" class(es) not drawn")
                    .append(all ? "" : " (the program's own locks in no finding and classes with no order;"
                            + " --graph all draws them)");
        }
        b.append(".</p>\n");
        b.append(LEGEND);
        b.append("<div class=\"graph\">").append(g.nodes().isEmpty() ? "<p>No order to draw.</p>" : SvgGraph.svg(g, "finding-"))
                .append("</div>\n</section>\n");
    }

    private static String esc(String s) {
        return HtmlText.escape(s);
    }

    static final String LEGEND = "<ul class=\"legend\"><li><span class=\"key sleep\"></span>sleep lock</li>"
            + "<li><span class=\"key spin\"></span>spin mutex (octagon)</li>"
            + "<li><span class=\"key infrastructure\"></span>the program's own lock</li>"
            + "<li><span class=\"key declared-only\"></span>declared in the configuration only</li>"
            + "<li><span class=\"key in-finding\"></span>in a finding</li>"
            + "<li><span class=\"line reversal\"></span>reversal, at the attempt's site; links to its finding</li>"
            + "<li><span class=\"line cycle\"></span>order of a reversal's cycle, at its first site</li>"
            + "<li><span class=\"line declared\"></span>declared order</li></ul>\n";

    private static final String HEAD = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; \
            script-src 'unsafe-inline'; img-src data:">
            <title>lockwitness report</title>
            <script>
            window.onerror = function (message, source, line) {
              var list = document.getElementById('script-errors');
              if (!list) { list = document.createElement('ul'); list.id = 'script-errors'; document.documentElement.appendChild(list); }
              var item = document.createElement('li');
              item.textContent = message + ' (' + line + ')';
              list.appendChild(item);
            };
            </script>
            <style>
            body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5em; color: #222; }
            code, pre { font: 12px/1.35 ui-monospace, monospace; }
            pre { background: #f6f6f6; padding: .5em; overflow-x: auto; }
            dl { display: grid; grid-template-columns: max-content auto; gap: .1em 1em; }
            dt { font-weight: 600; }
            dd { margin: 0; }
            table { border-collapse: collapse; }
            td, th { border: 1px solid #ccc; padding: .2em .5em; text-align: left; vertical-align: top; }
            .finding { border-left: 4px solid #d00; padding: .2em 1em; margin: 1em 0; }
            .finding:target { background: #fff4f4; }
            svg text { font: 11px sans-serif; }
            svg .node rect, svg .node polygon { fill: #fff; stroke: #333; }
            svg .node.infrastructure rect, svg .node.infrastructure polygon { fill: #e4e4e4; }
            svg .node.declared-only rect, svg .node.declared-only polygon { stroke-dasharray: 5 3; }
            svg .node.in-finding rect, svg .node.in-finding polygon { stroke: #d00; stroke-width: 2; }
            svg .node text { text-anchor: middle; }
            svg .node text.kind { fill: #666; font-size: 10px; }
            svg .edge path { fill: none; stroke: #222; stroke-width: 1.2; }
            svg .edge.cycle path { stroke-width: 2; }
            svg .edge.declared path { stroke: #888; stroke-dasharray: 6 4; }
            svg .edge.declared text { fill: #666; }
            svg .edge.reversal path { stroke: #d00; stroke-width: 3.5; }
            svg .edge.reversal text { fill: #d00; font-weight: 600; }
            .legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .3em 1.2em; font-size: 12px; }
            .legend .key { display: inline-block; width: 1.6em; height: 1em; border: 1px solid #333; border-radius: 3px;
              margin-right: .3em; vertical-align: middle; background: #fff; }
            .legend .key.spin { border-radius: 0; clip-path: polygon(25% 0, 75% 0, 100% 30%, 100% 70%, 75% 100%, 25% 100%, 0 70%, 0 30%);
              background: #333; }
            .legend .key.infrastructure { background: #e4e4e4; }
            .legend .key.declared-only { border-style: dashed; }
            .legend .key.in-finding { border: 2px solid #d00; }
            .legend .line { display: inline-block; width: 2em; margin-right: .3em; vertical-align: middle; border-top: 1px solid #222; }
            .legend .line.reversal { border-top: 4px solid #d00; }
            .legend .line.cycle { border-top-width: 2px; }
            .legend .line.declared { border-top: 2px dashed #888; }
            .graph { overflow: auto; border: 1px solid #ddd; }
            #script-errors { color: #d00; }
            </style>
            </head>
            <body>
            """;

    private static final String TAIL = """
            <script>
            (function () {
              function open() {
                var target = location.hash ? document.getElementById(location.hash.substring(1)) : null;
                if (target) {
                  var details = target.querySelectorAll('details');
                  for (var i = 0; i < details.length; i++) { details[i].open = true; }
                }
              }
              window.addEventListener('hashchange', open);
              open();
              document.body.setAttribute('data-findings', document.querySelectorAll('article.finding').length);
              document.body.setAttribute('data-ready', 'true');
            })();
            </script>
            </body>
            </html>
            """;
}
