package io.perfweave.it.apps.http;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * A host kept busy on purpose, for the HTTP load check: {@code threads} threads call
 * {@link #step} as fast as they can, and once a second the application prints how many calls it
 * made in that second ({@code throughput N}). Runs for {@code seconds} seconds.
 */
public final class BusyHostApp {
    private BusyHostApp() {
    }

    /** About ten microseconds of arithmetic: a method worth timing, not a no-op. */
    static long step(long seed) {
        long value = seed;
        for (int i = 0; i < 2_000; i++) {
            value ^= value << 13;
            value ^= value >>> 7;
            value ^= value << 17;
        }
        return value;
    }

    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[0]);
        int seconds = Integer.parseInt(args[1]);
        LongAdder calls = new LongAdder();
        long[] sink = new long[threads];
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int index = t;
            Thread worker = new Thread(() -> {
                long seed = index + 1;
                while (!Thread.currentThread().isInterrupted()) {
                    seed = step(seed) | 1;
                    calls.increment();
                }
                sink[index] = seed;
            }, "host-worker-" + t);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
        System.out.println("ready");
        System.out.flush();
        long previous = 0;
        long next = System.nanoTime();
        for (int s = 0; s < seconds; s++) {
            next += 1_000_000_000L;
            Thread.sleep(Math.max(0, (next - System.nanoTime()) / 1_000_000));
            long now = calls.sum();
            System.out.println("throughput " + (now - previous));
            System.out.flush();
            previous = now;
        }
        for (Thread worker : workers) {
            worker.interrupt();
        }
        System.out.println("done " + sink.length);
    }
}
