package io.perfweave.agent.resources;

/**
 * The arithmetic that turns two readings into the reported figures: CPU use from CPU time and
 * from tick counters, rates from cumulative counters. Every function answers null when its inputs
 * cannot give a meaningful figure (unknown counters, no time passed, a counter that went back).
 */
final class ResourceMath {
    static final double MB = 1024.0 * 1024.0;
    /** OSHI's tick order: user, nice, system, idle, iowait, irq, softirq, steal. */
    private static final int IDLE = 3;
    private static final int IOWAIT = 4;

    private ResourceMath() {
    }

    static Double megabytes(long bytes) {
        return bytes < 0 ? null : bytes / MB;
    }

    /** Process CPU use in percent of one core between two CPU-time readings. */
    static Double cpuPercent(long cpuBeforeNanos, long cpuAfterNanos, long wallNanos) {
        if (cpuBeforeNanos < 0 || cpuAfterNanos < 0 || wallNanos <= 0 || cpuAfterNanos < cpuBeforeNanos) {
            return null;
        }
        return 100.0 * (cpuAfterNanos - cpuBeforeNanos) / wallNanos;
    }

    /**
     * The machine's CPU use in percent (0..100) between two tick readings: the share of ticks that
     * were neither idle nor waiting for I/O. {@code before} may be null: then since boot.
     */
    static Double systemCpuPercent(long[] before, long[] after) {
        if (after == null || after.length <= IOWAIT || before != null && before.length != after.length) {
            return null;
        }
        long total = 0;
        for (int i = 0; i < after.length; i++) {
            total += after[i] - (before == null ? 0 : before[i]);
        }
        long idle = after[IDLE] + after[IOWAIT] - (before == null ? 0 : before[IDLE] + before[IOWAIT]);
        if (total <= 0 || idle < 0 || idle > total) {
            return null; // no tick passed (counters refresh at most every few hundred ms), or they went back
        }
        return 100.0 * (total - idle) / total;
    }

    /** Per-second rate of a cumulative counter. */
    static Double rate(long before, long after, long wallNanos) {
        if (before < 0 || after < 0 || wallNanos <= 0 || after < before) {
            return null;
        }
        return (after - before) * 1e9 / wallNanos;
    }

    static Double percentUsed(long total, long available) {
        if (total <= 0 || available < 0 || available > total) {
            return null;
        }
        return 100.0 * (total - available) / total;
    }
}
