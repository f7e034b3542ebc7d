package io.perfweave.agent.resources;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.lang.management.OperatingSystemMXBean;
import java.lang.management.RuntimeMXBean;
import java.lang.management.ThreadMXBean;
import java.util.List;

/**
 * Reads the JVM's own figures from its MXBeans: heap, collectors, threads. Where no operating
 * system probe works, it also gives what the JDK knows of the process and the machine (CPU time,
 * open files, CPU load, physical memory), so that those figures are still reported.
 */
final class JvmProbe {
    /** Collectors reported at most; a JVM has two or three. */
    static final int MAX_COLLECTORS = 16;

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final RuntimeMXBean runtime = ManagementFactory.getRuntimeMXBean();
    private final OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    private final List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();

    void read(RawReading into) {
        MemoryUsage heap = memory.getHeapMemoryUsage();
        into.heapUsed = heap.getUsed();
        into.heapCommitted = heap.getCommitted();
        into.heapMax = heap.getMax();
        MemoryUsage nonHeap = memory.getNonHeapMemoryUsage();
        into.nonHeapUsed = nonHeap.getUsed();
        into.nonHeapCommitted = nonHeap.getCommitted();
        into.jvmThreads = threads.getThreadCount();
        into.daemonThreads = threads.getDaemonThreadCount();
        into.jvmUptimeSeconds = runtime.getUptime() / 1000.0;
        int n = 0;
        for (GarbageCollectorMXBean collector : collectors) {
            if (n++ == MAX_COLLECTORS) {
                break;
            }
            into.gc.put(collector.getName(), new long[] {collector.getCollectionCount(), collector.getCollectionTime()});
        }
        into.logicalProcessors = os.getAvailableProcessors();
    }

    /**
     * Fills in, from the JDK, the process and machine figures that no operating-system probe
     * read. Resident memory, disks and network have no JDK source and stay unavailable.
     */
    void fillProcessAndMachine(RawReading into) {
        into.threads = into.threads >= 0 ? into.threads : into.jvmThreads;
        if (Double.isNaN(into.loadAverage)) {
            double load = os.getSystemLoadAverage();
            into.loadAverage = load < 0 ? Double.NaN : load;
        }
        if (os instanceof com.sun.management.OperatingSystemMXBean jdk) {
            if (into.cpuTimeNanos < 0) {
                long cpu = jdk.getProcessCpuTime();
                into.cpuTimeNanos = cpu < 0 ? -1 : cpu;
            }
            if (into.systemTicks == null) {
                double load = jdk.getCpuLoad();
                into.systemCpuLoad = load < 0 ? Double.NaN : load;
            }
            if (into.memoryTotal < 0) {
                into.memoryTotal = jdk.getTotalMemorySize();
                into.memoryAvailable = jdk.getFreeMemorySize();
            }
        }
        if (into.openFiles < 0 && os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            into.openFiles = unix.getOpenFileDescriptorCount();
        }
    }
}
