package io.perfweave.agent.http;

import io.perfweave.agent.judge.Judgement;
import io.perfweave.agent.judge.ThresholdCheck;
import io.perfweave.agent.resources.ResourceSample;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The latest resource sample and the thresholds' state as Prometheus metric families, after the
 * operations'. Figures the platform cannot give are left out rather than written as zeros.
 *
 * <ul>
 *   <li>{@code perfweave_process_*}: resident memory, its increase over the baseline, CPU use
 *       (CPU seconds per second, 1 being one core busy), open file descriptors, threads;</li>
 *   <li>{@code perfweave_jvm_*}: heap and non-heap memory, collections and their time per collector;</li>
 *   <li>{@code perfweave_system_*}: the machine's CPU use (0..1), load, memory, and disk and network
 *       throughput since the previous sample;</li>
 *   <li>{@code perfweave_threshold_met}: 1 while a threshold is met, 0 while it is breached.</li>
 * </ul>
 */
final class ResourceFamilies implements MetricFamilySource {
    static final double MB = 1024.0 * 1024.0;

    private final Supplier<ResourceSample> resources;
    private final Supplier<Judgement> thresholds;

    ResourceFamilies(Supplier<ResourceSample> resources, Supplier<Judgement> thresholds) {
        this.resources = resources;
        this.thresholds = thresholds;
    }

    @Override
    public void writeTo(ExpositionWriter writer) {
        ResourceSample sample = resources.get();
        if (sample != null) {
            writeProcess(writer, sample);
            if (sample.jvm() != null) {
                writeJvm(writer, sample.jvm());
            }
            writeMachine(writer, sample.system());
        }
        writeThresholds(writer, thresholds.get());
    }

    private static void writeProcess(ExpositionWriter writer, ResourceSample sample) {
        gauge(writer, "perfweave_process_resident_memory_bytes", "bytes", "Resident memory of the process.",
                bytes(sample.memoryUsageMb()));
        gauge(writer, "perfweave_process_memory_increase_bytes", "bytes",
                "Resident memory above the baseline taken when the agent started (or at the last reset).",
                bytes(sample.memoryIncreaseMb()));
        gauge(writer, "perfweave_process_cpu_usage", null,
                "CPU seconds the process used per second since the previous sample (1 is one core busy).",
                sample.cpuPercent() == null ? null : sample.cpuPercent() / 100);
        gauge(writer, "perfweave_process_open_fds", null, "Open file descriptors of the process.",
                sample.openFiles() == null ? null : sample.openFiles().doubleValue());
        gauge(writer, "perfweave_process_threads", null, "Threads of the process, as the operating system counts them.",
                sample.threads() == null ? null : sample.threads().doubleValue());
    }

    private static void writeJvm(ExpositionWriter writer, ResourceSample.Jvm jvm) {
        writer.family("perfweave_jvm_memory_used_bytes", ExpositionWriter.Type.GAUGE, "bytes",
                "JVM memory in use, by area.");
        sample(writer, "perfweave_jvm_memory_used_bytes", List.of("area", "heap"), bytes(jvm.heapUsedMb()));
        sample(writer, "perfweave_jvm_memory_used_bytes", List.of("area", "nonheap"), bytes(jvm.nonHeapUsedMb()));
        writer.family("perfweave_jvm_memory_committed_bytes", ExpositionWriter.Type.GAUGE, "bytes",
                "JVM memory committed by the operating system, by area.");
        sample(writer, "perfweave_jvm_memory_committed_bytes", List.of("area", "heap"), bytes(jvm.heapCommittedMb()));
        sample(writer, "perfweave_jvm_memory_committed_bytes", List.of("area", "nonheap"), bytes(jvm.nonHeapCommittedMb()));
        gauge(writer, "perfweave_jvm_memory_max_bytes", "bytes", "Largest heap the JVM may use.", bytes(jvm.heapMaxMb()));
        if (jvm.gc() != null && !jvm.gc().isEmpty()) {
            writer.family("perfweave_jvm_gc_collections", ExpositionWriter.Type.COUNTER, null,
                    "Garbage collections since the JVM started, by collector.");
            for (Map.Entry<String, ResourceSample.Collector> collector : jvm.gc().entrySet()) {
                writer.sample("perfweave_jvm_gc_collections_total", List.of("collector", collector.getKey()),
                        collector.getValue().count());
            }
            writer.family("perfweave_jvm_gc_collection_seconds", ExpositionWriter.Type.COUNTER, "seconds",
                    "Time spent in garbage collections since the JVM started, by collector.");
            for (Map.Entry<String, ResourceSample.Collector> collector : jvm.gc().entrySet()) {
                writer.sample("perfweave_jvm_gc_collection_seconds_total", List.of("collector", collector.getKey()),
                        collector.getValue().timeMs() / 1000.0);
            }
        }
    }

    private static void writeMachine(ExpositionWriter writer, ResourceSample.Machine machine) {
        gauge(writer, "perfweave_system_cpu_usage", null,
                "Share of the machine's CPU time that was busy since the previous sample (0..1).",
                machine.cpuPercent() == null ? null : machine.cpuPercent() / 100);
        gauge(writer, "perfweave_system_load_average_1m", null, "The machine's load average over one minute.",
                machine.loadAverage1m());
        gauge(writer, "perfweave_system_memory_total_bytes", "bytes", "The machine's physical memory.",
                bytes(machine.memoryTotalMb()));
        gauge(writer, "perfweave_system_memory_available_bytes", "bytes", "The machine's memory available to programs.",
                bytes(machine.memoryAvailableMb()));
        gauge(writer, "perfweave_system_disk_read_bytes_per_second", null,
                "Bytes read from the machine's disks per second since the previous sample.", machine.diskReadBytesPerSecond());
        gauge(writer, "perfweave_system_disk_written_bytes_per_second", null,
                "Bytes written to the machine's disks per second since the previous sample.", machine.diskWriteBytesPerSecond());
        gauge(writer, "perfweave_system_network_received_bytes_per_second", null,
                "Bytes received by the machine's network interfaces per second since the previous sample.",
                machine.networkReceivedBytesPerSecond());
        gauge(writer, "perfweave_system_network_sent_bytes_per_second", null,
                "Bytes sent by the machine's network interfaces per second since the previous sample.",
                machine.networkSentBytesPerSecond());
    }

    private static void writeThresholds(ExpositionWriter writer, Judgement judgement) {
        List<ThresholdCheck> checks = judgement.checks();
        if (checks.isEmpty()) {
            return;
        }
        writer.family("perfweave_threshold_met", ExpositionWriter.Type.GAUGE, null,
                "1 while a configured threshold is met, 0 while it is breached (its operation is empty for a resource threshold).");
        for (ThresholdCheck check : checks) {
            writer.sample("perfweave_threshold_met", List.of("operation", check.operation() == null ? "" : check.operation(),
                    "threshold", check.threshold()), check.met() ? 1 : 0);
        }
    }

    private static void gauge(ExpositionWriter writer, String name, String unit, String help, Double value) {
        if (value != null) {
            writer.family(name, ExpositionWriter.Type.GAUGE, unit, help);
            writer.sample(name, List.of(), value);
        }
    }

    private static void sample(ExpositionWriter writer, String name, List<String> labels, Double value) {
        if (value != null) {
            writer.sample(name, labels, value);
        }
    }

    private static Double bytes(Double megabytes) {
        return megabytes == null ? null : Math.rint(megabytes * MB);
    }
}
