package io.perfweave.it.apps.breakdown;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An application that knows nothing of the agent, whose methods call one another in known
 * proportions, and which measures those proportions itself: each method adds the nanoseconds its
 * body took to a counter, and the n-th command is answered with {@code done n} and the counters
 * ({@code name=nanos ...}), against which the agent's breakdown is held.
 *
 * <p>Commands: {@code pipeline COUNT THREADS} ({@link #pipeline}: a 20 ms {@link #parse}, a 30 ms
 * {@link #analyze} that spins, 10 ms of its own), {@code walk COUNT} ({@link #walk}, recursive, with a
 * {@link #visit} at each level), {@code gather COUNT} ({@link #gather}, which waits for
 * {@link #fetch}'s future, completed 40 ms later by another thread), {@code exit}.
 */
public final class NestedCallsApp {
    private static final AtomicLong PIPELINE = new AtomicLong();
    private static final AtomicLong PARSE = new AtomicLong();
    private static final AtomicLong ANALYZE = new AtomicLong();
    private static final AtomicLong WALK_OUTER = new AtomicLong();
    private static final AtomicLong VISIT = new AtomicLong();
    private static final AtomicLong GATHER = new AtomicLong();
    private static final ScheduledExecutorService LATER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "completer");
        thread.setDaemon(true);
        return thread;
    });
    private static volatile long sink;

    private NestedCallsApp() {
    }

    static void pipeline() {
        long start = System.nanoTime();
        parse();
        analyze();
        sleep(10);
        PIPELINE.addAndGet(System.nanoTime() - start);
    }

    static void parse() {
        long start = System.nanoTime();
        sleep(20);
        PARSE.addAndGet(System.nanoTime() - start);
    }

    static void analyze() {
        long start = System.nanoTime();
        long x = 1;
        while (System.nanoTime() - start < 30_000_000L) {
            x = x * 6364136223846793005L + 1442695040888963407L;
        }
        sink = x;
        ANALYZE.addAndGet(System.nanoTime() - start);
    }

    /** Recursive: each level visits, sleeps 2 ms and goes one deeper. */
    static void walk(int depth, boolean outermost) {
        long start = System.nanoTime();
        visit();
        sleep(2);
        if (depth > 1) {
            walk(depth - 1, false);
        }
        if (outermost) {
            WALK_OUTER.addAndGet(System.nanoTime() - start);
        }
    }

    static void visit() {
        long start = System.nanoTime();
        sleep(3);
        VISIT.addAndGet(System.nanoTime() - start);
    }

    static String gather() {
        long start = System.nanoTime();
        String value = fetch().join();
        sleep(10);
        GATHER.addAndGet(System.nanoTime() - start);
        return value;
    }

    /** Returns at once; the value comes 40 ms later, from another thread. */
    static CompletableFuture<String> fetch() {
        CompletableFuture<String> future = new CompletableFuture<>();
        LATER.schedule(() -> future.complete("fetched"), 40, TimeUnit.MILLISECONDS);
        return future;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static void main(String[] args) throws Exception {
        System.out.println("ready");
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        String line;
        int commands = 0;
        while ((line = in.readLine()) != null && !line.equals("exit")) {
            String[] words = line.trim().split("\\s+");
            int count = Integer.parseInt(words[1]);
            switch (words[0]) {
                case "pipeline" -> {
                    List<Thread> threads = new ArrayList<>();
                    for (int t = 0; t < Integer.parseInt(words[2]); t++) {
                        Thread thread = new Thread(() -> {
                            for (int i = 0; i < count; i++) {
                                pipeline();
                            }
                        });
                        threads.add(thread);
                        thread.start();
                    }
                    for (Thread thread : threads) {
                        thread.join();
                    }
                }
                case "walk" -> {
                    for (int i = 0; i < count; i++) {
                        walk(5, true);
                    }
                }
                case "gather" -> {
                    for (int i = 0; i < count; i++) {
                        gather();
                    }
                }
                default -> throw new IllegalArgumentException(line);
            }
            System.out.println("done " + ++commands + " pipeline=" + PIPELINE + " parse=" + PARSE + " analyze=" + ANALYZE
                    + " walk=" + WALK_OUTER + " visit=" + VISIT + " gather=" + GATHER);
            System.out.flush();
        }
    }
}
