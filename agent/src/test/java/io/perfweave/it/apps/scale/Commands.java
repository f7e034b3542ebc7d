package io.perfweave.it.apps.scale;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;

/**
 * What the scale applications do once their work is done: print {@code ready}, then answer
 * commands on standard input until {@code exit} or the end of input, so that a test or
 * {@code scripts/scale-check.sh} can scrape the agent and measure the idle JVM first.
 *
 * <ul>
 *   <li>{@code allocated}: prints {@code allocated_bytes=N source=S}, the bytes the whole JVM
 *       has allocated on the heap since it started, the agent's threads included;</li>
 *   <li>{@code exit}: returns, and the application ends.</li>
 * </ul>
 */
public final class Commands {
    private Commands() {
    }

    public static void serve() throws IOException {
        // the first use loads and initialises the management classes (tens of milliseconds of
        // CPU): done now, it does not land in an idle period that a measurement brackets
        allocatedBytes();
        System.out.println("ready");
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null && !line.equals("exit")) {
            if (line.equals("allocated")) {
                System.out.println(allocatedBytes());
                System.out.flush();
            }
        }
    }

    /**
     * The JVM-wide heap allocation so far. JDK 21 and later count every thread, ended ones too
     * ({@code getTotalThreadAllocatedBytes}, reached by reflection so that this compiles on 17);
     * before that the sum over the live threads is the best there is, and misses ended threads.
     */
    static String allocatedBytes() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        com.sun.management.ThreadMXBean hotspot = (com.sun.management.ThreadMXBean) threads;
        try {
            Method total = com.sun.management.ThreadMXBean.class.getMethod("getTotalThreadAllocatedBytes");
            return "allocated_bytes=" + total.invoke(hotspot) + " source=all-threads";
        } catch (ReflectiveOperationException olderThan21) {
            long sum = 0;
            for (long bytes : hotspot.getThreadAllocatedBytes(threads.getAllThreadIds())) {
                sum += Math.max(0, bytes);
            }
            return "allocated_bytes=" + sum + " source=live-threads";
        }
    }
}
