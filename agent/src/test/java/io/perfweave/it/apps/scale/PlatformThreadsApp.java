package io.perfweave.it.apps.scale;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;

/**
 * Eight platform threads, started together, each call {@link Work#call} {@code callsPerThread}
 * times; every seventh call throws. Prints {@code done calls=C failures=F} (what the threads saw),
 * then serves {@link Commands}.
 *
 * <p>Usage: {@code PlatformThreadsApp callsPerThread}
 */
public final class PlatformThreadsApp {
    public static final int THREADS = 8;

    private PlatformThreadsApp() {
    }

    /** The method the agent times. */
    public static final class Work {
        private Work() {
        }

        public static int call(int i) {
            if (i % 7 == 0) {
                throw new IllegalArgumentException("call " + i + " fails on purpose");
            }
            return i * 31 + 7;
        }
    }

    public static void main(String[] args) throws Exception {
        int callsPerThread = Integer.parseInt(args[0]);
        CyclicBarrier start = new CyclicBarrier(THREADS);
        long[] successes = new long[THREADS];
        long[] failures = new long[THREADS];
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int index = t;
            Thread worker = new Thread(() -> {
                awaitQuietly(start);
                for (int i = 1; i <= callsPerThread; i++) {
                    try {
                        Work.call(i);
                        successes[index]++;
                    } catch (IllegalArgumentException expected) {
                        failures[index]++;
                    }
                }
            }, "worker-" + t);
            workers.add(worker);
            worker.start();
        }
        long calls = 0;
        long failed = 0;
        for (int t = 0; t < THREADS; t++) {
            workers.get(t).join(); // join makes the worker's plain array writes visible here
            calls += successes[t] + failures[t];
            failed += failures[t];
        }
        System.out.println("done calls=" + calls + " failures=" + failed);
        Commands.serve();
    }

    private static void awaitQuietly(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
