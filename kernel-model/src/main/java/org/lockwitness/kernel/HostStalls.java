package org.lockwitness.kernel;

import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.MonitorInfo;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.lockwitness.kernel.probe.NoWindows;

/**
 * What the carrier threads of a timed-out machine are doing on the host, from the JVM's own view
 * ({@link ThreadMXBean#getThreadInfo(long[], boolean, boolean)}): a thread blocked on a Java monitor
 * or waiting on a lock names it and its owner; a thread that holds Java monitors or
 * {@code java.util.concurrent} locks names them; a thread running on the host names where. A
 * thread parked for its CPU's baton, the model's own wait, says nothing here: its state and what
 * it waits for are in its {@link RunResult.ThreadReport}.
 *
 * <p>Thread-safety: stateless.
 */
@NoWindows
final class HostStalls {

    private HostStalls() {
    }

    /** @return a description of each thread of {@code threads} that is stuck on the host */
    static Map<KThread, String> of(List<KThread> threads) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long[] ids = new long[threads.size()];
        Map<Long, KThread> byCarrier = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            ids[i] = threads.get(i).carrier.getId();
            byCarrier.put(ids[i], threads.get(i));
        }
        ThreadInfo[] infos = mx.getThreadInfo(ids, mx.isObjectMonitorUsageSupported(),
                mx.isSynchronizerUsageSupported());
        Map<KThread, String> out = new IdentityHashMap<>();
        for (int i = 0; i < ids.length; i++) {
            String d = infos[i] == null ? "" : describe(infos[i], byCarrier);
            if (!d.isEmpty()) {
                out.put(threads.get(i), d);
            }
        }
        return out;
    }

    /** @return "; stuck on the host: ..." naming each described thread, in creation order, or "" */
    static String summary(List<KThread> threads, Map<KThread, String> host) {
        List<String> parts = new ArrayList<>();
        for (KThread t : threads) {
            String d = host.get(t);
            if (d != null) {
                parts.add(t + " " + d);
            }
        }
        return parts.isEmpty() ? "" : "; stuck on the host: " + String.join("; ", parts);
    }

    private static String describe(ThreadInfo info, Map<Long, KThread> byCarrier) {
        List<String> held = new ArrayList<>();
        for (MonitorInfo m : info.getLockedMonitors()) {
            held.add(m.toString());
        }
        for (LockInfo l : info.getLockedSynchronizers()) {
            held.add(l.toString());
        }
        String holds = held.isEmpty() ? "" : " while it holds " + String.join(", ", held);
        LockInfo lock = info.getLockInfo();
        return switch (info.getThreadState()) {
            case BLOCKED -> "blocked on the Java monitor " + lock + owner(info, byCarrier) + holds;
            case WAITING, TIMED_WAITING -> {
                if (lock == null) {
                    yield "waiting on the host at " + top(info) + holds;
                }
                if (lock.getClassName().equals(Machine.class.getName())) {
                    yield holds.isEmpty() ? "" : "parked for its CPU" + holds;
                }
                yield "waiting on " + lock + owner(info, byCarrier) + holds;
            }
            case RUNNABLE -> "running on the host at " + top(info) + holds;
            default -> "";
        };
    }

    private static String owner(ThreadInfo info, Map<Long, KThread> byCarrier) {
        if (info.getLockOwnerName() == null) {
            return "";
        }
        KThread t = byCarrier.get(info.getLockOwnerId());
        return t != null ? " owned by kernel thread " + t : " owned by host thread " + info.getLockOwnerName();
    }

    private static String top(ThreadInfo info) {
        StackTraceElement[] s = info.getStackTrace();
        return s.length == 0 ? "an unknown frame" : s[0].toString();
    }
}
