package io.perfweave.agent.resources;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;
import java.util.Map;

/**
 * One sample of the process's resource use, as {@code GET /resources} answers it. The first five
 * fields are the seeds' {@code ResourceMonitor.get_resource_usage()}, with their meaning and
 * units: megabytes of 1024 x 1024 bytes, {@code cpu_percent} where 100 is one core busy (so a
 * process may exceed 100, as with psutil). A figure that cannot be read on this platform is null
 * and named in {@code unavailable}; a rate is also null on the very first sample, which has no
 * previous one to compare with.
 *
 * @param memoryUsageMb resident memory of the process
 * @param memoryIncreaseMb resident memory above {@code baseline}
 * @param cpuPercent the process's CPU time per wall-clock time since the previous sample, x 100
 * @param openFiles open file descriptors (handles on Windows)
 * @param threads the process's threads as the operating system counts them (JVM-internal ones
 *                included); the JVM's own count where the operating system cannot be read
 * @param sampledAt when the sample was taken (ISO-8601)
 * @param intervalSeconds the configured sampling interval
 * @param samples samples taken since the agent started
 * @param source what read the operating-system figures
 * @param unavailable names of the figures this platform cannot give
 * @param sampler what the sampling costs the process
 */
@JsonPropertyOrder({"memory_usage_mb", "memory_increase_mb", "cpu_percent", "open_files", "threads", "jvm", "system",
        "baseline", "sampled_at", "interval_seconds", "samples", "source", "unavailable", "sampler"})
public record ResourceSample(
        @JsonProperty("memory_usage_mb") Double memoryUsageMb,
        @JsonProperty("memory_increase_mb") Double memoryIncreaseMb,
        @JsonProperty("cpu_percent") Double cpuPercent,
        @JsonProperty("open_files") Long openFiles,
        @JsonProperty("threads") Integer threads,
        @JsonProperty("jvm") Jvm jvm,
        @JsonProperty("system") Machine system,
        @JsonProperty("baseline") Baseline baseline,
        @JsonProperty("sampled_at") String sampledAt,
        @JsonProperty("interval_seconds") double intervalSeconds,
        @JsonProperty("samples") long samples,
        @JsonProperty("source") String source,
        @JsonProperty("unavailable") List<String> unavailable,
        @JsonProperty("sampler") SamplerCost sampler) {

    /**
     * The JVM's memory, threads and collectors, from its MXBeans. {@code heap_max_mb} is null
     * when the heap has no defined maximum.
     */
    @JsonPropertyOrder({"heap_used_mb", "heap_committed_mb", "heap_max_mb", "non_heap_used_mb",
            "non_heap_committed_mb", "threads", "daemon_threads", "uptime_seconds", "gc"})
    public record Jvm(@JsonProperty("heap_used_mb") Double heapUsedMb,
                      @JsonProperty("heap_committed_mb") Double heapCommittedMb,
                      @JsonProperty("heap_max_mb") Double heapMaxMb,
                      @JsonProperty("non_heap_used_mb") Double nonHeapUsedMb,
                      @JsonProperty("non_heap_committed_mb") Double nonHeapCommittedMb,
                      @JsonProperty("threads") Integer threads,
                      @JsonProperty("daemon_threads") Integer daemonThreads,
                      @JsonProperty("uptime_seconds") Double uptimeSeconds,
                      @JsonProperty("gc") Map<String, Collector> gc) {
    }

    /** One garbage collector since the JVM started: collections and the time they took. */
    public record Collector(@JsonProperty("count") long count, @JsonProperty("time_ms") long timeMs) {
    }

    /** The machine: CPU, memory, and disk and network throughput since the previous sample. */
    @JsonPropertyOrder({"cpu_percent", "logical_processors", "load_average_1m", "memory_total_mb",
            "memory_available_mb", "memory_used_percent", "disk_read_bytes_per_second", "disk_write_bytes_per_second",
            "network_received_bytes_per_second", "network_sent_bytes_per_second"})
    public record Machine(@JsonProperty("cpu_percent") Double cpuPercent,
                          @JsonProperty("logical_processors") Integer logicalProcessors,
                          @JsonProperty("load_average_1m") Double loadAverage1m,
                          @JsonProperty("memory_total_mb") Double memoryTotalMb,
                          @JsonProperty("memory_available_mb") Double memoryAvailableMb,
                          @JsonProperty("memory_used_percent") Double memoryUsedPercent,
                          @JsonProperty("disk_read_bytes_per_second") Double diskReadBytesPerSecond,
                          @JsonProperty("disk_write_bytes_per_second") Double diskWriteBytesPerSecond,
                          @JsonProperty("network_received_bytes_per_second") Double networkReceivedBytesPerSecond,
                          @JsonProperty("network_sent_bytes_per_second") Double networkSentBytesPerSecond) {
    }

    /** The resident memory that {@code memory_increase_mb} is measured from: at start, or at the last reset. */
    public record Baseline(@JsonProperty("memory_usage_mb") Double memoryUsageMb,
                           @JsonProperty("taken_at") String takenAt) {
    }

    /**
     * The sampler's own cost, measured on its thread up to the previous sample: CPU time spent
     * setting up the probes (once), reading resources, and separately the work run after each
     * sample (the thresholds' evaluation).
     */
    @JsonPropertyOrder({"setup_cpu_ms", "cpu_ms_total", "cpu_ms_per_sample", "last_sample_wall_ms",
            "after_sample_cpu_ms_total"})
    public record SamplerCost(@JsonProperty("setup_cpu_ms") double setupCpuMs,
                              @JsonProperty("cpu_ms_total") double cpuMsTotal,
                              @JsonProperty("cpu_ms_per_sample") double cpuMsPerSample,
                              @JsonProperty("last_sample_wall_ms") double lastSampleWallMs,
                              @JsonProperty("after_sample_cpu_ms_total") double afterSampleCpuMsTotal) {
    }
}
