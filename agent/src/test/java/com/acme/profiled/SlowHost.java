package com.acme.profiled;

import java.util.concurrent.CountDownLatch;

/**
 * Stands for an application's class in the sampler's unit tests: outside the agent's packages,
 * whose frames a profile leaves out. {@link #call} is the "operation's method" and spins in
 * {@link #spinInHelper} until released.
 */
public final class SlowHost {
    private static volatile long sink;

    private SlowHost() {
    }

    public static void call(CountDownLatch entered, CountDownLatch release) throws InterruptedException {
        entered.countDown();
        while (release.getCount() > 0) {
            spinInHelper();
        }
    }

    private static void spinInHelper() {
        long x = sink;
        for (int i = 0; i < 100_000; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
        }
        sink = x;
    }
}
