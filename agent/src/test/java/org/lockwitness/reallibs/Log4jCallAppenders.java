package org.lockwitness.reallibs;

import java.io.StringWriter;
import org.apache.log4j.Logger;
import org.apache.log4j.PatternLayout;
import org.apache.log4j.WriterAppender;

/**
 * log4j 1.2.13, Bugzilla 41214: {@code Category.callAppenders} holds a category's monitor while it
 * calls {@code AppenderSkeleton.doAppend}, which is {@code synchronized} on the appender and renders
 * the message; a message whose {@code toString} logs through another category that shares the
 * appender takes that category's monitor while holding the appender's. One thread logs through
 * {@code app.audit} (category, then appender); the other, after it, logs a {@link Chatty} through
 * {@code app.orders} (appender, then the {@code app.audit} category). Were they to overlap, each
 * would wait for the other's monitor.
 */
public final class Log4jCallAppenders {

    private static final Logger AUDIT = Logger.getLogger("app.audit");
    private static final Logger ORDERS = Logger.getLogger("app.orders");

    /** A message object whose rendering logs, as in the bug report. */
    static final class Chatty {
        @Override
        public String toString() {
            AUDIT.info("rendering an order");
            return "order 42";
        }
    }

    private Log4jCallAppenders() {
    }

    public static void main(String[] args) throws InterruptedException {
        StringWriter out = new StringWriter();
        WriterAppender shared = new WriterAppender(new PatternLayout("%c %m%n"), out);
        for (Logger l : new Logger[] {AUDIT, ORDERS}) {
            l.addAppender(shared);
            l.setAdditivity(false);
        }
        Sequence.firstThen("audit", () -> AUDIT.info("audit entry"), "orders", () -> ORDERS.info(new Chatty()));
        System.out.print(out);
    }
}
