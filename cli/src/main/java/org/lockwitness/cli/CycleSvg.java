package org.lockwitness.cli;

import java.util.List;
import java.util.Locale;

/**
 * A reversal's cycle as a small inline SVG: its locks on a circle, in cycle order, the attempted
 * order (first lock to second) a thick red arrow labelled with the attempt's site, the orders known
 * before plain arrows. Too small a picture to need a layout library. Stateless.
 */
final class CycleSvg {
    private static final double R = 70;
    private static final double NODE_W = 150;
    private static final double NODE_H = 24;

    private CycleSvg() {
    }

    static String svg(List<String> locks, String site) {
        int n = locks.size();
        double label = site == null ? 0 : ("reversal @ " + site).length() * 6.5;
        double width = 2 * R + NODE_W + 40 + label;
        double height = 2 * R + NODE_H + 50;
        double cx = (2 * R + NODE_W + 40) / 2;
        double cy = height / 2 - 6;
        double[] xs = new double[n];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            double a = -Math.PI / 2 + 2 * Math.PI * i / n;
            xs[i] = cx + R * Math.cos(a) * (n == 2 ? 0.01 : 1);
            ys[i] = cy + R * Math.sin(a);
        }
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"cycle\" width=\"%.0f\" height=\"%.0f\""
                        + " viewBox=\"0 0 %.0f %.0f\" role=\"img\" aria-label=\"reversal cycle\">", width, height, width,
                height));
        b.append(SvgGraph.DEFS);
        for (int i = 0; i < n; i++) {
            int j = (i + 1) % n;
            double bend = n == 2 ? (i == 0 ? 40 : -40) : 0;
            double x1 = xs[i] + bend;
            double y1 = ys[i] + (ys[j] > ys[i] ? NODE_H / 2 : ys[j] < ys[i] ? -NODE_H / 2 : 0);
            double x2 = xs[j] + bend;
            double y2 = ys[j] + (ys[i] > ys[j] ? NODE_H / 2 : ys[i] < ys[j] ? -NODE_H / 2 : 0);
            boolean reversal = i == 0;
            b.append("<g class=\"edge").append(reversal ? " reversal" : "").append("\">");
            b.append(String.format(Locale.ROOT, "<path d=\"M%.1f,%.1f L%.1f,%.1f\" marker-end=\"url(#%s)\"/>", x1, y1, x2,
                    y2, reversal ? "arrow-red" : "arrow"));
            if (reversal && site != null) {
                b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\">", (x1 + x2) / 2 + 6, (y1 + y2) / 2))
                        .append(HtmlText.escape("reversal @ " + site)).append("</text>");
            }
            b.append("</g>");
        }
        for (int i = 0; i < n; i++) {
            b.append("<g class=\"node in-finding\"><title>").append(HtmlText.escape(locks.get(i))).append("</title>");
            b.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"6\"/>",
                    xs[i] - NODE_W / 2, ys[i] - NODE_H / 2, NODE_W, NODE_H));
            b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\">", xs[i], ys[i] + 4))
                    .append(HtmlText.escape(shortName(locks.get(i)))).append("</text></g>");
        }
        return b.append("</svg>").toString();
    }

    private static String shortName(String name) {
        return name.length() <= 22 ? name : name.substring(0, 21) + "\u2026";
    }
}
