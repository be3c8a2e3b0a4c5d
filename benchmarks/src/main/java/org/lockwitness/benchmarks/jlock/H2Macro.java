package org.lockwitness.benchmarks.jlock;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The macro figure: the wall time of a real multi-threaded workload that is not ours, H2's embedded
 * database (its MVStore, sessions and transaction locking: {@code synchronized} and
 * {@code ReentrantLock} throughout {@code org.h2}), with and without the agent ({@code locks=java},
 * every class outside the JDK and the harness instrumented, H2's included). {@link #THREADS} threads,
 * each on its own connection, run short bank transactions on one table (two updates, an insert, a
 * read) with row conflicts; JMH does not fit a run of seconds whose cost is mostly class loading and
 * weaving at first, so this is a plain program:
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.lockwitness.benchmarks.jlock.H2Macro compare 5
 * </pre>
 *
 * run from the repository root, forks {@code 2 * 5} JVMs, alternating without and with the agent,
 * and prints each wall time and the median ratio. {@code run} runs the workload once in this JVM.
 */
public final class H2Macro {

    static final int THREADS = 4;
    static final int TRANSACTIONS = 1_500;
    static final int ACCOUNTS = 64;
    private static final String WALL = "h2 workload wall ms: ";

    private H2Macro() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("compare")) {
            compare(Integer.parseInt(args[1]));
        } else if (args.length == 1 && args[0].equals("run")) {
            System.out.println(WALL + run());
        } else {
            System.err.println("usage: H2Macro run | compare ROUNDS");
            System.exit(2);
        }
    }

    /** One workload: schema, then the threads' transactions; returns the wall time in ms. */
    static long run() throws Exception {
        String url = "jdbc:h2:mem:macro;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=60000";
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE account(id INT PRIMARY KEY, balance BIGINT)");
            s.execute("CREATE TABLE journal(id IDENTITY, src INT, dst INT, amount BIGINT)");
            for (int i = 0; i < ACCOUNTS; i++) {
                s.execute("INSERT INTO account VALUES(" + i + ", 1000)");
            }
        }
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        Throwable[] failure = new Throwable[1];
        for (int t = 0; t < THREADS; t++) {
            long seed = t;
            Thread th = new Thread(() -> {
                try {
                    transactions(url, seed);
                } catch (Throwable e) {
                    synchronized (failure) {
                        failure[0] = e;
                    }
                }
            }, "h2-client-" + t);
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) {
            th.join();
        }
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        synchronized (failure) {
            if (failure[0] != null) {
                throw new IllegalStateException("a client failed", failure[0]);
            }
        }
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT SUM(balance) FROM account")) {
            r.next();
            if (r.getLong(1) != 1000L * ACCOUNTS) {
                throw new IllegalStateException("money was made or lost: " + r.getLong(1));
            }
        }
        return ms;
    }

    private static void transactions(String url, long seed) throws SQLException {
        SplittableRandom random = new SplittableRandom(seed);
        try (Connection c = DriverManager.getConnection(url);
                PreparedStatement debit = c.prepareStatement("UPDATE account SET balance = balance - ? WHERE id = ?");
                PreparedStatement credit = c.prepareStatement("UPDATE account SET balance = balance + ? WHERE id = ?");
                PreparedStatement log = c.prepareStatement("INSERT INTO journal(src, dst, amount) VALUES(?, ?, ?)");
                PreparedStatement read = c.prepareStatement("SELECT balance FROM account WHERE id = ?")) {
            c.setAutoCommit(false);
            for (int i = 0; i < TRANSACTIONS; i++) {
                // accounts in id order, as a bank that knows about deadlocks would
                int a = random.nextInt(ACCOUNTS);
                int b = random.nextInt(ACCOUNTS);
                long amount = random.nextInt(1, 10);
                int first = Math.min(a, b);
                int second = Math.max(a, b);
                debit.setLong(1, first == a ? amount : -amount);
                debit.setInt(2, first);
                debit.executeUpdate();
                credit.setLong(1, first == a ? amount : -amount);
                credit.setInt(2, second);
                credit.executeUpdate();
                log.setInt(1, a);
                log.setInt(2, b);
                log.setLong(3, amount);
                log.executeUpdate();
                read.setInt(1, a);
                try (ResultSet r = read.executeQuery()) {
                    r.next();
                }
                c.commit();
            }
        }
    }

    /** Forks {@code rounds} pairs of JVMs, without and with the agent alternately; prints the median ratio. */
    static void compare(int rounds) throws IOException, InterruptedException {
        double[] ratios = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            long without = fork(List.of());
            long with = fork(List.of("-javaagent:agent/target/lockwitness-agent.jar=report=benchmarks/target/lockwitness-macro,"
                    + "locks=java"));
            ratios[i] = (double) with / without;
            System.out.printf("round %d: without %d ms, with %d ms, ratio %.2f%n", i + 1, without, with, ratios[i]);
        }
        Arrays.sort(ratios);
        System.out.printf("median ratio with/without the agent: %.2f (%d rounds, %d threads x %d transactions)%n",
                ratios[rounds / 2], rounds, THREADS, TRANSACTIONS);
    }

    private static long fork(List<String> jvmArgs) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmArgs);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), H2Macro.class.getName(), "run"));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("the workload failed: " + out);
        }
        int at = out.indexOf(WALL);
        if (at < 0) {
            throw new IllegalStateException("no wall time in: " + out);
        }
        return Long.parseLong(out.substring(at + WALL.length()).trim());
    }
}
