package org.lockwitness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import org.apache.maven.plugin.surefire.log.api.NullConsoleLogger;
import org.apache.maven.plugins.surefire.report.ReportTestCase;
import org.apache.maven.plugins.surefire.report.ReportTestSuite;
import org.apache.maven.plugins.surefire.report.TestSuiteXmlParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** JUnit XML, read back by Surefire's report parser and by a strict XML parser. */
class JunitWriterTest {
    /** Markup, a CDATA end, controls XML forbids, a non-character, a lone surrogate and a valid pair. */
    private static final String NASTY = "a<b & \"c\" ]]> \u0000\u001B\uFFFF \uD800 \uD83D\uDE00 end";
    private static final String CLEAN = "a<b & \"c\" ]]> \\u0000\\u001B\\uFFFF \\uD800 \uD83D\uDE00 end";

    @TempDir
    Path tmp;

    private static Model.Finding finding(String rule, String key, String message) {
        return new Model.Finding(rule, key, "WARN", message, List.of(), List.of("A.java:3"),
                List.of(new Model.Trace("stack backtrace:", List.of("org.ex.A.m(A.java:3)"))), 2, List.of("t"),
                List.of(0), List.of("run"), false, null);
    }

    private Path write() {
        List<Triage.Verdict> verdicts = Triage.of(List.of(
                finding("LOCK_ORDER_REVERSAL", "LOCK_ORDER_REVERSAL|lock=" + NASTY.replace('|', '/') + " (sx)",
                        "first line " + NASTY + "\nsecond line"),
                finding("DEADLOCK", "DEADLOCK|lock=a (sx)", "deadlock"),
                finding("RECURSION", "RECURSION|lock=b (sx)", "recursion")),
                Set.of("LOCK_ORDER_REVERSAL", "RECURSION"), Set.of("RECURSION|lock=b (sx)"), Map.of());
        Path file = tmp.resolve("TEST-lockwitness.xml");
        JunitWriter.write(file, verdicts);
        return file;
    }

    @Test
    void surefiresParser_readsOneSuiteWithATestCasePerKey_failingOnlyForNewFindingsOfFailRules() throws Exception {
        Path file = write();
        List<ReportTestSuite> suites;
        try (InputStreamReader in = new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8)) {
            TestSuiteXmlParser parser = new TestSuiteXmlParser(new NullConsoleLogger());
            suites = parser.parse(in);
            assertTrue(parser.isValid());
        }
        // the parser groups test cases by class name: one suite per rule
        assertEquals(List.of("lockwitness.LOCK_ORDER_REVERSAL", "lockwitness.DEADLOCK", "lockwitness.RECURSION"),
                suites.stream().map(ReportTestSuite::getFullClassName).toList(), suites::toString);
        assertEquals(3, suites.stream().mapToInt(ReportTestSuite::getNumberOfTests).sum());
        assertEquals(1, suites.stream().mapToInt(ReportTestSuite::getNumberOfFailures).sum());
        List<ReportTestCase> cases = suites.stream().flatMap(s -> s.getTestCases().stream()).toList();
        assertEquals("lockwitness.LOCK_ORDER_REVERSAL", cases.get(0).getFullClassName());
        assertEquals("LOCK_ORDER_REVERSAL|lock=" + CLEAN.replace('|', '/') + " (sx)", cases.get(0).getName());
        assertTrue(cases.get(0).hasFailure());
        assertEquals("first line " + CLEAN + " @ A.java:3", cases.get(0).getFailureMessage());
        assertEquals("LOCK_ORDER_REVERSAL", cases.get(0).getFailureType());
        assertFalse(cases.get(1).hasFailure(), "DEADLOCK is not a fail rule");
        assertFalse(cases.get(2).hasFailure(), "RECURSION is in the baseline");
        assertTrue(cases.get(2).isSuccessful());
    }

    @Test
    void aStrictParser_readsEveryStringBack() throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc = f.newDocumentBuilder().parse(write().toFile());
        Element suite = doc.getDocumentElement();
        assertEquals("testsuite", suite.getTagName());
        assertEquals("lockwitness", suite.getAttribute("name"));
        NodeList cases = suite.getElementsByTagName("testcase");
        assertEquals(3, cases.getLength());
        Element failure = (Element) ((Element) cases.item(0)).getElementsByTagName("failure").item(0);
        assertTrue(failure.getTextContent().contains("first line " + CLEAN + "\nsecond line\n"),
                failure.getTextContent());
        assertTrue(failure.getTextContent().contains("    at org.ex.A.m(A.java:3)"));
        Element out = (Element) ((Element) cases.item(2)).getElementsByTagName("system-out").item(0);
        assertTrue(out.getTextContent().contains("known: listed in the baseline"), out.getTextContent());
    }

    @Test
    void xmlText_replacesWhatXmlCannotCarry_andKeepsTheRest() {
        assertEquals(CLEAN, XmlText.clean(NASTY));
        assertEquals("tab and lines kept\t\n\r", XmlText.clean("tab and lines kept\t\n\r"));
        assertEquals("one line  ", XmlText.attribute("one line\n\t"));
        assertEquals("\\uDE00x", XmlText.clean("\uDE00x"), "a low surrogate alone");
    }
}
