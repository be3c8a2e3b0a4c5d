package org.lockwitness.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.gson.JsonParser;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 20: the HTML report of the iflib-queues buggy run, rendered by a real browser (Debian's
 * chromium, headless, which {@code .ci/install-browser} installs on CI): the DOM after the page's
 * script ran has every finding, a reversal edge of the graph linked to its finding, and no script
 * error; a screenshot goes to {@code target/browser/}. Without {@code /usr/bin/chromium} the test
 * is skipped and says so in one line.
 */
class HtmlReportBrowserIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final long BROWSER_SECONDS = 120;

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void iflibQueuesBuggy_rendersWithEveryFindingALinkedReversalEdgeAndNoScriptError() throws Exception {
        if (!Files.isExecutable(CHROMIUM)) {
            System.out.println("lockwitness: the browser check did not run: no " + CHROMIUM
                    + " (.ci/install-browser --force installs it)");
        }
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "the browser check did not run: no " + CHROMIUM);
        Path dir = Forked.dir("browser-iflib-queues-buggy");
        Forked.Result run = Forked.run(dir, "", "run", "iflib-queues", "--variant", "buggy");
        assertEquals(Main.OK, run.status(), run.output());
        Path html = report(dir);
        int findings = JsonParser.parseString(Files.readString(dir.resolve("witness.json"), StandardCharsets.UTF_8))
                .getAsJsonObject().getAsJsonArray("findings").size();
        assertTrue(findings > 0, "the buggy run has findings");

        Path profile = Files.createTempDirectory("lockwitness-chromium");
        String dom = browser(profile, dir.resolve("dom.txt"), "--dump-dom", html.toUri().toString());
        assertTrue(dom.contains("data-ready=\"true\""), "the page's script ran to its end:\n" + dom);
        assertFalse(dom.contains("id=\"script-errors\""), "a script error:\n" + dom);
        assertEquals(findings, count(dom, "<article class=\"finding\""), dom);
        assertTrue(dom.contains("data-findings=\"" + findings + "\""), dom);
        assertTrue(dom.contains("<span id=\"finding-count\">" + findings + "</span>"), dom);
        Matcher link = Pattern.compile("<a href=\"#(finding-[0-9]+)\" class=\"finding-link\"><g class=\"edge reversal\">")
                .matcher(dom);
        assertTrue(link.find(), "a reversal edge linked to its finding:\n" + dom);
        assertTrue(dom.contains("id=\"" + link.group(1) + "\" data-rule=\"LOCK_ORDER_REVERSAL\""), dom);

        Path shot = Path.of("target", "browser", "iflib-queues-buggy.png").toAbsolutePath();
        Files.createDirectories(shot.getParent());
        Files.deleteIfExists(shot);
        browser(profile, dir.resolve("screenshot.txt"), "--screenshot=" + shot, "--window-size=1280,2200",
                "--hide-scrollbars", html.toUri().toString());
        assertTrue(Files.size(shot) > 10_000, "a screenshot in " + shot);
    }

    /** Writes the run's index.html with the command line's jar, in a JVM of its own. */
    private static Path report(Path dir) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("lockwitness.cli.jar", "../cli/target/lockwitness-cli.jar"));
        assertTrue(Files.isRegularFile(jar), "the command line's jar is built first: " + jar.toAbsolutePath());
        Path out = dir.resolve("report-output.txt");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                jar.toAbsolutePath().toString(), "report", dir.toString())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "report timed out");
        assertEquals(0, p.exitValue(), Files.readString(out));
        return dir.resolve("index.html");
    }

    /** Runs headless chromium with a fresh profile and no network of its own; returns its standard output. */
    private static String browser(Path profile, Path out, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile));
        command.addAll(List.of(args));
        Path err = out.resolveSibling(out.getFileName() + ".err");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(BROWSER_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("chromium timed out after " + BROWSER_SECONDS + " s: " + command);
        }
        assertEquals(0, p.exitValue(), "chromium " + command + "\n" + Files.readString(err));
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
