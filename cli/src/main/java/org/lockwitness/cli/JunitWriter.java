package org.lockwitness.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * JUnit XML in the Ant/Surefire format, for CI servers that show test reports: one
 * {@code <testsuite name="lockwitness">} with one {@code <testcase classname="lockwitness.RULE" name="KEY">}
 * per finding, a {@code <failure>} when the finding fails the job, else passed with the finding in
 * {@code <system-out>}. Written with the JDK's {@link XMLStreamWriter}; every string goes through
 * {@link XmlText}. Stateless.
 */
final class JunitWriter {
    static final String SUITE = "lockwitness";

    private JunitWriter() {
    }

    /** Writes the report of these verdicts. */
    static void write(Path file, List<Triage.Verdict> verdicts) {
        Output.write(file, out -> write(out, verdicts));
    }

    static void write(OutputStream out, List<Triage.Verdict> verdicts) throws IOException {
        try {
            XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            w.writeCharacters("\n");
            w.writeStartElement("testsuite");
            w.writeAttribute("name", SUITE);
            w.writeAttribute("tests", String.valueOf(verdicts.size()));
            w.writeAttribute("failures", String.valueOf(verdicts.stream().filter(Triage.Verdict::failing).count()));
            w.writeAttribute("errors", "0");
            w.writeAttribute("skipped", "0");
            w.writeAttribute("time", "0");
            w.writeCharacters("\n");
            for (Triage.Verdict v : verdicts) {
                testcase(w, v);
            }
            w.writeEndElement();
            w.writeCharacters("\n");
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write JUnit XML", e);
        }
    }

    private static void testcase(XMLStreamWriter w, Triage.Verdict v) throws XMLStreamException {
        Model.Finding f = v.finding();
        w.writeCharacters("  ");
        w.writeStartElement("testcase");
        w.writeAttribute("classname", XmlText.attribute(SUITE + "." + f.rule()));
        w.writeAttribute("name", XmlText.attribute(f.key()));
        w.writeAttribute("time", "0");
        if (v.failing()) {
            w.writeStartElement("failure");
            w.writeAttribute("message", XmlText.attribute(f.summary()));
            w.writeAttribute("type", XmlText.attribute(f.rule()));
            w.writeCharacters(XmlText.clean(body(v)));
        } else {
            w.writeStartElement("system-out");
            w.writeCharacters(XmlText.clean(body(v)));
        }
        w.writeEndElement();
        w.writeEndElement();
        w.writeCharacters("\n");
    }

    private static String body(Triage.Verdict v) {
        Model.Finding f = v.finding();
        StringBuilder b = new StringBuilder(f.rule()).append(' ').append(f.key()).append('\n');
        if (v.inBaseline()) {
            b.append("known: listed in the baseline\n");
        }
        if (v.suppression() != null) {
            b.append("suppressed: ").append(v.suppression()).append('\n');
        }
        b.append("count=").append(f.count()).append(" threads=").append(String.join(",", f.threads()))
                .append(" runs=").append(String.join(",", f.runs())).append('\n').append(f.message()).append('\n');
        for (Model.Trace t : f.stacks()) {
            if (!t.frames().isEmpty()) {
                b.append(t.title()).append('\n');
                t.frames().forEach(frame -> b.append("    at ").append(frame).append('\n'));
            }
        }
        return b.toString();
    }
}
