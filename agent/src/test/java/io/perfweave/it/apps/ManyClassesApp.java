package io.perfweave.it.apps;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;

/**
 * Loads many classes ({@code gen.C0} .. {@code gen.C<n-1>}, from the class path) and serves
 * "requests" that each call one of them, timing every request. On the line "stats" it prints the
 * request count, p99 and maximum latency since the previous "stats": how long requests stalled.
 */
public final class ManyClassesApp {
    private static final int WINDOW = 1 << 22;
    private static final long[] latencies = new long[WINDOW];
    private static volatile int count;
    private static volatile boolean running = true;

    private ManyClassesApp() {
    }

    public static void main(String[] args) throws Throwable {
        int classes = Integer.parseInt(args[0]);
        MethodHandle[] work = new MethodHandle[classes];
        for (int i = 0; i < classes; i++) {
            Class<?> type = Class.forName("gen.C" + i);
            work[i] = MethodHandles.lookup().findStatic(type, "work", MethodType.methodType(int.class, int.class));
        }
        Thread server = new Thread(() -> {
            long sink = 0;
            int i = 0;
            try {
                while (running) {
                    long start = System.nanoTime();
                    sink += (int) work[i % classes].invokeExact(i);
                    long spent = System.nanoTime() - start;
                    synchronized (latencies) {
                        latencies[count++ & (WINDOW - 1)] = spent;
                    }
                    i++;
                    if ((i & 1023) == 0) {
                        Thread.sleep(1);
                    }
                }
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
            System.out.println("sink " + sink);
        }, "request-server");
        server.start();
        System.out.println("ready");
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        String line;
        while ((line = in.readLine()) != null && !line.equals("exit")) {
            if (line.equals("stats")) {
                long[] copy;
                synchronized (latencies) {
                    copy = Arrays.copyOf(latencies, Math.min(count, WINDOW));
                    count = 0;
                }
                Arrays.sort(copy);
                long p99 = copy.length == 0 ? 0 : copy[(int) Math.ceil(copy.length * 0.99) - 1];
                long max = copy.length == 0 ? 0 : copy[copy.length - 1];
                System.out.println("stats requests=" + copy.length + " p99_us=" + p99 / 1000 + " max_us=" + max / 1000);
                System.out.flush();
            }
        }
        running = false;
        server.join();
    }
}
