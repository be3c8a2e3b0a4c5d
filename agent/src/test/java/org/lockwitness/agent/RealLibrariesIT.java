package org.lockwitness.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Real code no one here wrote, with documented lock-order deadlocks, under the agent with
 * {@code locks=java} in forked JVMs: the drivers in {@code org.lockwitness.reallibs} take both orders
 * the way each bug report describes, sequenced so that the program never deadlocks, and the
 * reversal must name the library's own classes at the library's own lines. The jars are test-scoped.
 */
@Timeout(120)
class RealLibrariesIT {

    private static final String DRIVERS = "org.lockwitness.reallibs.";

    private static Forked run(String name, String include, String program, String... jars) throws Exception {
        Path dir = Forked.dir("reallibs-" + name);
        String options = "locks=java,fail=LOCK_ORDER_REVERSAL,javaInclude=" + include + "+" + DRIVERS + "*";
        List<String> cp = new ArrayList<>();
        cp.add(Forked.classPath(false));
        for (String jar : jars) {
            cp.add(jar(jar));
        }
        Forked f = Forked.start(dir, List.of(Forked.agent(dir, options)), String.join(File.pathSeparator, cp),
                DRIVERS + program);
        f.await();
        return f;
    }

    /** The test class path's entry for one library jar (Maven puts the test-scoped jars there). */
    private static String jar(String fileName) {
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (Path.of(e).getFileName().toString().equals(fileName)) {
                return e;
            }
        }
        throw new AssertionError(fileName + " not on the test class path");
    }

    private static JsonObject onlyReversal(Forked f) {
        List<JsonObject> lor = Forked.findings(f.json(), "LOCK_ORDER_REVERSAL");
        assertEquals(1, lor.size(), f.json().toString());
        assertFalse(f.stderr().contains("NO PROBE WAS WOVEN"), f.stderr());
        assertTrue(Forked.findings(f.json(), "CHECKER_FAULT").isEmpty(), f.json().toString());
        return lor.get(0);
    }

    private static boolean anyStartsWith(List<String> all, String prefix) {
        return all.stream().anyMatch(s -> s.startsWith(prefix));
    }

    @Test
    void log4j_bug41214_callAppendersAndDoAppend_isAReversalOfTheLoggerAndTheAppender() throws Exception {
        Forked f = run("log4j", "org.apache.log4j.*", "Log4jCallAppenders", "log4j-1.2.13.jar");
        assertEquals(1, f.await(), f.stderr());
        // main ends by printing what the appender wrote (log4j's layout is not reentrant: the nested
        // event overwrites the outer one's category)
        assertTrue(f.stdout().contains("app.audit audit entry") && f.stdout().contains("order 42"), f.stdout());
        JsonObject lor = onlyReversal(f);
        List<String> locks = Forked.strings(lor, "locks");
        assertTrue(locks.contains("org.apache.log4j.Logger") && locks.contains("org.apache.log4j.WriterAppender"),
                locks.toString());
        // the acquires are log4j's own: callAppenders' synchronized block, doAppend's synchronized method
        List<String> sites = Forked.strings(lor, "sites");
        assertTrue(anyStartsWith(sites, "Category.java:") && anyStartsWith(sites, "AppenderSkeleton.java:"),
                sites.toString());
        String stacks = lor.get("stacks").toString();
        assertTrue(stacks.contains("Log4jCallAppenders$Chatty.toString"), stacks);
        assertTrue(f.stderr().contains("LOCK_ORDER_REVERSAL"), f.stderr());
    }

    @Test
    void dbcp270_closeAndEvict_isAReversalOfThePoolableConnectionAndThePool() throws Exception {
        Forked f = run("dbcp", "org.apache.commons.dbcp.*+org.apache.commons.pool.*", "DbcpEvictor",
                "commons-dbcp-1.2.jar", "commons-pool-1.2.jar", "commons-collections-2.1.jar");
        assertEquals(1, f.await(), f.stderr());
        assertTrue(f.stdout().contains("idle 1, active 0"), f.stdout());
        JsonObject lor = onlyReversal(f);
        List<String> locks = Forked.strings(lor, "locks");
        assertTrue(locks.contains("org.apache.commons.dbcp.PoolableConnection")
                && locks.contains("org.apache.commons.pool.impl.GenericObjectPool"), locks.toString());
        List<String> sites = Forked.strings(lor, "sites");
        assertTrue(anyStartsWith(sites, "GenericObjectPool.java:") && anyStartsWith(sites, "AbandonedTrace.java:"),
                sites.toString());
        String stacks = lor.get("stacks").toString();
        assertTrue(stacks.contains("PoolableConnection.close") && stacks.contains("GenericObjectPool.evict"), stacks);
    }
}
