package io.perfweave.it.apps;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;

/** Calls {@link #work(int)} from many threads at once; every n-th call throws. */
public final class CountingApp {
    private CountingApp() {
    }

    static int work(int i, int failEvery) {
        if (failEvery > 0 && i % failEvery == 0) {
            throw new IllegalArgumentException("call " + i + " fails on purpose");
        }
        return i * 31 + 7;
    }

    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[0]);
        int calls = Integer.parseInt(args[1]);
        int failEvery = Integer.parseInt(args[2]);
        CyclicBarrier start = new CyclicBarrier(threads);
        long[] failures = new long[threads];
        long[] checksums = new long[threads];
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int index = t;
            Thread worker = new Thread(() -> {
                try {
                    start.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                for (int i = 1; i <= calls; i++) {
                    try {
                        checksums[index] += work(i, failEvery);
                    } catch (IllegalArgumentException expected) {
                        failures[index]++;
                    }
                }
            }, "worker-" + t);
            workers.add(worker);
            worker.start();
        }
        long totalFailures = 0;
        long checksum = 0;
        for (int t = 0; t < threads; t++) {
            workers.get(t).join();
            totalFailures += failures[t];
            checksum += checksums[t];
        }
        System.out.println("done calls=" + (long) threads * calls + " failures=" + totalFailures + " checksum=" + checksum);
        AwaitExit.await();
    }
}
