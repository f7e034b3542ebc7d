package io.perfweave.agent.resources;

import io.perfweave.agent.log.AgentLog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Takes one sample at a time: reads the probes, compares with the previous reading for CPU use
 * and rates, and measures memory against the baseline. Not thread-safe: the monitor calls it from
 * its one sampling thread only.
 */
final class ResourceSampler {
    private final JvmProbe jvm;
    private final OshiProbe os;
    private final String source;
    private final double intervalSeconds;
    private RawReading previous;
    /** The last tick reading that a machine CPU figure was computed from, and that figure. */
    private long[] ticksBase;
    private Double systemCpuPercent;
    private volatile boolean rebaseline = true;
    private long baselineBytes = -1;
    private String baselineAt;
    private long samples;

    ResourceSampler(String osProbe, double intervalSeconds) {
        this(new JvmProbe(), osProbe.equals("off") ? null : createOshi(osProbe), intervalSeconds);
    }

    ResourceSampler(JvmProbe jvm, OshiProbe os, double intervalSeconds) {
        this.jvm = jvm;
        this.os = os;
        this.source = os == null ? "jvm" : os.provider();
        this.intervalSeconds = intervalSeconds;
    }

    private static OshiProbe createOshi(String mode) {
        try {
            return OshiProbe.create(mode);
        } catch (RuntimeException | LinkageError e) {
            AgentLog.warn("operating-system figures unavailable (" + e + "); JVM figures are still reported");
            return null;
        }
    }

    /** The next sample's resident memory becomes the baseline of {@code memory_increase_mb}. */
    void rebaselineAtNextSample() {
        rebaseline = true;
    }

    ResourceSample sample(ResourceSample.SamplerCost cost) {
        RawReading current = new RawReading(System.nanoTime());
        List<String> unavailable = new ArrayList<>();
        boolean jvmRead = true;
        try {
            jvm.read(current);
        } catch (RuntimeException | LinkageError e) {
            jvmRead = false;
        }
        if (os != null) {
            os.read(current);
        }
        try {
            jvm.fillProcessAndMachine(current);
        } catch (RuntimeException | LinkageError e) {
            // the JDK has no such MXBean here: what the operating-system probe read stands
        }
        if (rebaseline && current.residentBytes >= 0) {
            rebaseline = false;
            baselineBytes = current.residentBytes;
            baselineAt = Instant.now().toString();
        }
        samples++;
        RawReading before = previous;
        previous = current;
        long wall = before == null ? (long) (current.jvmUptimeSeconds * 1e9) : current.nanoTime - before.nanoTime;

        Double memory = ResourceMath.megabytes(current.residentBytes);
        Double increase = memory == null || baselineBytes < 0 ? null : (current.residentBytes - baselineBytes) / ResourceMath.MB;
        Double cpu = ResourceMath.cpuPercent(before == null ? 0 : before.cpuTimeNanos, current.cpuTimeNanos, wall);
        note(unavailable, memory == null, "memory_usage_mb");
        note(unavailable, memory == null, "memory_increase_mb");
        note(unavailable, current.cpuTimeNanos < 0, "cpu_percent");
        note(unavailable, current.openFiles < 0, "open_files");
        note(unavailable, current.threads < 0, "threads");

        ResourceSample.Jvm jvmFigures = jvmRead ? jvmFigures(current) : null;
        if (!jvmRead) {
            unavailable.add("jvm");
        }
        ResourceSample.Machine machine = machine(before, current, unavailable);
        return new ResourceSample(memory, increase, cpu, current.openFiles < 0 ? null : current.openFiles,
                current.threads < 0 ? null : current.threads, jvmFigures, machine,
                new ResourceSample.Baseline(ResourceMath.megabytes(baselineBytes), baselineAt),
                Instant.now().toString(), intervalSeconds, samples, source, List.copyOf(unavailable), cost);
    }

    private static ResourceSample.Jvm jvmFigures(RawReading current) {
        Map<String, ResourceSample.Collector> gc = new LinkedHashMap<>();
        current.gc.forEach((name, figures) -> gc.put(name, new ResourceSample.Collector(figures[0], figures[1])));
        return new ResourceSample.Jvm(ResourceMath.megabytes(current.heapUsed), ResourceMath.megabytes(current.heapCommitted),
                ResourceMath.megabytes(current.heapMax), ResourceMath.megabytes(current.nonHeapUsed),
                ResourceMath.megabytes(current.nonHeapCommitted), current.jvmThreads, current.daemonThreads,
                current.jvmUptimeSeconds, gc);
    }

    private ResourceSample.Machine machine(RawReading before, RawReading current, List<String> unavailable) {
        if (current.systemTicks != null) {
            Double computed = ResourceMath.systemCpuPercent(ticksBase, current.systemTicks);
            if (computed != null) {
                systemCpuPercent = computed;
                ticksBase = current.systemTicks;
            }
        } else {
            systemCpuPercent = Double.isNaN(current.systemCpuLoad) ? null : 100.0 * current.systemCpuLoad;
        }
        boolean continuous = before != null && !current.devicesRelisted;
        long wall = before == null ? 0 : current.nanoTime - before.nanoTime;
        Double diskRead = continuous ? ResourceMath.rate(before.diskReadBytes, current.diskReadBytes, wall) : null;
        Double diskWrite = continuous ? ResourceMath.rate(before.diskWriteBytes, current.diskWriteBytes, wall) : null;
        Double received = continuous ? ResourceMath.rate(before.networkReceivedBytes, current.networkReceivedBytes, wall) : null;
        Double sent = continuous ? ResourceMath.rate(before.networkSentBytes, current.networkSentBytes, wall) : null;
        note(unavailable, current.systemTicks == null && Double.isNaN(current.systemCpuLoad), "system.cpu_percent");
        note(unavailable, Double.isNaN(current.loadAverage), "system.load_average_1m");
        note(unavailable, current.memoryTotal < 0, "system.memory_total_mb");
        note(unavailable, current.diskReadBytes < 0, "system.disk_read_bytes_per_second");
        note(unavailable, current.diskWriteBytes < 0, "system.disk_write_bytes_per_second");
        note(unavailable, current.networkReceivedBytes < 0, "system.network_received_bytes_per_second");
        note(unavailable, current.networkSentBytes < 0, "system.network_sent_bytes_per_second");
        return new ResourceSample.Machine(systemCpuPercent, current.logicalProcessors < 0 ? null : current.logicalProcessors,
                Double.isNaN(current.loadAverage) ? null : current.loadAverage,
                ResourceMath.megabytes(current.memoryTotal), ResourceMath.megabytes(current.memoryAvailable),
                ResourceMath.percentUsed(current.memoryTotal, current.memoryAvailable),
                diskRead, diskWrite, received, sent);
    }

    private static void note(List<String> unavailable, boolean missing, String name) {
        if (missing) {
            unavailable.add(name);
        }
    }
}
