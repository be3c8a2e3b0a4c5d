package org.lockwitness.samples.guide;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code docs/GUIDE.md} as the tests see it: its fenced blocks, each with the HTML comment marker on
 * the line right above it, if any ({@code <!-- snippet: guide/X.java#region -->},
 * {@code <!-- api -->}, {@code <!-- report: ID -->}, {@code <!-- stdout: ID -->}), and the source
 * regions the snippets come from.
 *
 * <p>Thread-safety: stateless.
 */
final class GuideDoc {

    private static final Pattern MARKER = Pattern.compile("<!-- (snippet|api|report|stdout)(?:: (\\S+))? -->");
    private static final String FENCE = "```";

    /**
     * A fenced block of the guide.
     *
     * @param kind     the marker's kind, or empty when the block has no marker
     * @param argument the marker's argument, or empty
     * @param language the fence's info string (e.g. {@code java}), or empty
     * @param lines    the lines between the fences
     * @param line     the 1-based line of the opening fence
     */
    record Block(String kind, String argument, String language, List<String> lines, int line) {
    }

    private GuideDoc() {
    }

    /** @return the sample-apps module directory (surefire's and failsafe's {@code basedir}) */
    static Path moduleDir() {
        return Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
    }

    /** @return {@code docs/GUIDE.md} */
    static Path guide() {
        return moduleDir().resolve("../docs/GUIDE.md").normalize();
    }

    /** @return every fenced block of the guide, in order */
    static List<Block> blocks() throws IOException {
        List<String> text = Files.readAllLines(guide(), StandardCharsets.UTF_8);
        List<Block> out = new ArrayList<>();
        Matcher pending = null;
        int pendingLine = 0;
        for (int n = 0; n < text.size(); n++) {
            String l = text.get(n);
            Matcher m = MARKER.matcher(l.trim());
            if (m.matches()) {
                if (pending != null) {
                    throw new IllegalStateException("GUIDE.md:" + pendingLine + ": marker without a fenced block");
                }
                pending = m;
                pendingLine = n + 1;
                continue;
            }
            if (l.startsWith(FENCE)) {
                int open = n;
                List<String> body = new ArrayList<>();
                for (n++; n < text.size() && !text.get(n).equals(FENCE); n++) {
                    body.add(text.get(n));
                }
                if (n == text.size()) {
                    throw new IllegalStateException("GUIDE.md:" + (open + 1) + ": unclosed fence");
                }
                String kind = pending == null ? "" : pending.group(1);
                String arg = pending == null || pending.group(2) == null ? "" : pending.group(2);
                out.add(new Block(kind, arg, l.substring(FENCE.length()).trim(), List.copyOf(body), open + 1));
                pending = null;
                continue;
            }
            if (pending != null) {
                throw new IllegalStateException("GUIDE.md:" + pendingLine + ": the marker must be right above a fence");
            }
        }
        return out;
    }

    /** @return the guide's blocks with the given marker kind */
    static List<Block> blocks(String kind) throws IOException {
        return blocks().stream().filter(b -> b.kind().equals(kind)).toList();
    }

    /**
     * @param reference {@code guide/X.java#region} (a region of a test source) or {@code guide/f.conf}
     *                  (a whole test resource)
     * @return the referenced text as lines; a region loses the indentation of its marker line
     */
    static List<String> source(String reference) throws IOException {
        int hash = reference.indexOf('#');
        String file = hash < 0 ? reference : reference.substring(0, hash);
        Path path = file.endsWith(".java")
                ? moduleDir().resolve("src/test/java/org/lockwitness/samples").resolve(file)
                : moduleDir().resolve("src/test/resources").resolve(file);
        List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        if (hash < 0) {
            return lines;
        }
        String region = reference.substring(hash + 1);
        List<String> out = null;
        String indent = "";
        for (int n = 0; n < lines.size(); n++) {
            String l = lines.get(n);
            if (l.trim().equals("// snippet:" + region)) {
                if (out != null) {
                    throw new IllegalStateException(file + ":" + (n + 1) + ": region " + region + " twice");
                }
                out = new ArrayList<>();
                indent = l.substring(0, l.indexOf('/'));
                for (n++; n < lines.size() && !lines.get(n).trim().equals("// end"); n++) {
                    String r = lines.get(n);
                    if (r.isBlank()) {
                        out.add("");
                    } else if (r.startsWith(indent)) {
                        out.add(r.substring(indent.length()));
                    } else {
                        throw new IllegalStateException(file + ":" + (n + 1) + ": less indented than the marker");
                    }
                }
                if (n == lines.size()) {
                    throw new IllegalStateException(file + ": region " + region + " has no // end");
                }
            }
        }
        if (out == null) {
            throw new IllegalStateException(file + ": no region " + region);
        }
        return out;
    }
}
