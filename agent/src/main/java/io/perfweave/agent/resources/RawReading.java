package io.perfweave.agent.resources;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one sample read, before rates and the baseline are worked out: cumulative counters and
 * levels as the probes found them. A figure that could not be read stays at its "unknown" value
 * ({@code -1}, {@code NaN} or null).
 */
final class RawReading {
    final long nanoTime;

    // the process
    long residentBytes = -1;
    /** User plus kernel CPU time of the whole process. */
    long cpuTimeNanos = -1;
    long openFiles = -1;
    int threads = -1;

    // the JVM
    long heapUsed = -1;
    long heapCommitted = -1;
    long heapMax = -1;
    long nonHeapUsed = -1;
    long nonHeapCommitted = -1;
    int jvmThreads = -1;
    int daemonThreads = -1;
    double jvmUptimeSeconds = Double.NaN;
    /** Per collector: collections and milliseconds spent, cumulative. */
    final Map<String, long[]> gc = new LinkedHashMap<>();

    // the machine
    int logicalProcessors = -1;
    /** Cumulative CPU ticks of the whole machine (OSHI's order: user, nice, system, idle, iowait, ...). */
    long[] systemTicks;
    /** The machine's CPU use as a fraction, where only a ready-made figure exists (no ticks). */
    double systemCpuLoad = Double.NaN;
    double loadAverage = Double.NaN;
    long memoryTotal = -1;
    long memoryAvailable = -1;
    long diskReadBytes = -1;
    long diskWriteBytes = -1;
    long networkReceivedBytes = -1;
    long networkSentBytes = -1;
    /** The disks or interfaces were listed anew: their sums may not continue the previous ones. */
    boolean devicesRelisted;

    RawReading(long nanoTime) {
        this.nanoTime = nanoTime;
    }
}
