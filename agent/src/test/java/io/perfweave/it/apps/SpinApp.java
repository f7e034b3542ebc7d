package io.perfweave.it.apps;

import java.util.Arrays;

/**
 * Busy-spins for known times and reports what it measured from inside each call, so that the
 * agent's figures, measured from outside, can be compared with them.
 */
public final class SpinApp {
    private SpinApp() {
    }

    static long spin1(long[] inside, int i) {
        return spin(1_000_000L, inside, i);
    }

    static long spin10(long[] inside, int i) {
        return spin(10_000_000L, inside, i);
    }

    static long spin50(long[] inside, int i) {
        return spin(50_000_000L, inside, i);
    }

    private static long spin(long nanos, long[] inside, int i) {
        long start = System.nanoTime();
        long spins = 0;
        while (System.nanoTime() - start < nanos) {
            spins++;
        }
        inside[i] = System.nanoTime() - start;
        return spins;
    }

    public static void main(String[] args) throws Exception {
        // the first calls load and compile code on both sides of the measurement; the test resets
        // the agent's statistics after them
        long[] scratch = new long[1];
        for (int i = 0; i < 20; i++) {
            spin(10_000, scratch, 0);
            spin1(scratch, 0);
            spin10(scratch, 0);
            spin50(scratch, 0);
        }
        System.out.println("warmed up");
        System.out.flush();
        new java.io.BufferedReader(new java.io.InputStreamReader(System.in)).readLine();
        report("spin1", 500, SpinApp::spin1);
        report("spin10", 100, SpinApp::spin10);
        report("spin50", 30, SpinApp::spin50);
        AwaitExit.await();
    }

    interface Spinner {
        long spin(long[] inside, int i);
    }

    private static void report(String name, int calls, Spinner spinner) {
        long[] inside = new long[calls];
        for (int i = 0; i < calls; i++) {
            spinner.spin(inside, i);
        }
        long sum = 0;
        for (long value : inside) {
            sum += value;
        }
        long[] sorted = inside.clone();
        Arrays.sort(sorted);
        // the same rank definition as the agent's: the smallest value with at least p% at or below it
        long p50 = sorted[(int) Math.ceil(0.50 * calls) - 1];
        int p99Rank = (int) Math.ceil(0.99 * calls) - 1;
        // A pause that falls just outside the inside measurement (a safepoint at the method's
        // return, a preemption) moves a call up a few ranks as seen from outside; the band of
        // ranks around p99 bounds where the outside p99 can be.
        long p99Low = sorted[Math.max(0, p99Rank - 3)];
        long p99High = sorted[Math.min(calls - 1, p99Rank + 3)];
        System.out.println(name + " mean=" + (double) sum / calls + " p50=" + p50 + " p99low=" + p99Low + " p99high=" + p99High);
    }
}
