package io.perfweave.agent.resources;

import io.perfweave.agent.config.ResourcesConfig;
import io.perfweave.agent.log.AgentLog;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Samples the process's resources on a daemon thread of its own ({@value #THREAD_NAME}), at the
 * configured interval, and keeps the latest sample. Requests read that sample; they never sample.
 * The baseline of {@code memory_increase_mb} is the first sample's resident memory, taken anew at
 * the first sample after {@link #rebaseline()}.
 *
 * <p>Work that should follow every sample (judging thresholds against it) is registered with
 * {@link #afterEachSample}; it runs on the same thread, and its CPU time is measured apart from
 * the sampling's own.
 */
public final class ResourceMonitor {
    /** Starts with {@code perfweave-}: the agent's threads are never timed. */
    public static final String THREAD_NAME = "perfweave-resources";

    private final ResourcesConfig config;
    private final ScheduledExecutorService thread;
    private final List<Consumer<ResourceSample>> listeners = new CopyOnWriteArrayList<>();
    private final ThreadMXBean threadTimes = ManagementFactory.getThreadMXBean();
    private ResourceSampler sampler;
    private volatile ResourceSample latest;
    private long setupCpuNanos;
    private long samplingCpuNanos;
    private long listenersCpuNanos;
    private long samplesTaken;
    private double lastWallMs;
    private boolean listenerFailureLogged;

    private ResourceMonitor(ResourcesConfig config) {
        this.config = config;
        this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread t = new Thread(runnable, THREAD_NAME);
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts sampling now and then every {@code resources.interval_seconds}. */
    public static ResourceMonitor start(ResourcesConfig config) {
        ResourceMonitor monitor = new ResourceMonitor(config);
        long periodMicros = Math.round(config.intervalSeconds() * 1_000_000);
        monitor.thread.scheduleAtFixedRate(monitor::sampleQuietly, 0, periodMicros, TimeUnit.MICROSECONDS);
        return monitor;
    }

    /** The latest sample, or null before the first one is taken. */
    public ResourceSample latest() {
        return latest;
    }

    /** Runs {@code listener} on the sampling thread after every sample. */
    public void afterEachSample(Consumer<ResourceSample> listener) {
        listeners.add(listener);
    }

    /**
     * Takes the baseline of {@code memory_increase_mb} anew, from a sample taken at once on the
     * sampling thread (this call does not wait for it).
     */
    public void rebaseline() {
        try {
            thread.execute(() -> {
                if (sampler != null) {
                    sampler.rebaselineAtNextSample();
                }
                sampleQuietly();
            });
        } catch (RejectedExecutionException shutDown) {
            // the JVM is shutting down: nothing to rebaseline
        }
    }

    private void sampleQuietly() {
        try {
            sample();
        } catch (RuntimeException | LinkageError e) {
            AgentLog.warn("resource sample failed: " + e);
        }
    }

    private void sample() {
        if (sampler == null) {
            // the first OSHI queries are slow, so the probes are created here rather than at start
            long setupBefore = threadCpuNanos();
            sampler = new ResourceSampler(config.osProbe(), config.intervalSeconds());
            setupCpuNanos = threadCpuNanos() - setupBefore;
        }
        long cpuBefore = threadCpuNanos();
        long wallBefore = System.nanoTime();
        ResourceSample.SamplerCost cost = new ResourceSample.SamplerCost(setupCpuNanos / 1e6, samplingCpuNanos / 1e6,
                samplesTaken == 0 ? 0 : samplingCpuNanos / 1e6 / samplesTaken, lastWallMs, listenersCpuNanos / 1e6);
        ResourceSample sample = sampler.sample(cost);
        latest = sample;
        long cpuAfter = threadCpuNanos();
        samplingCpuNanos += cpuAfter - cpuBefore;
        lastWallMs = (System.nanoTime() - wallBefore) / 1e6;
        samplesTaken++;
        for (Consumer<ResourceSample> listener : listeners) {
            try {
                listener.accept(sample);
            } catch (RuntimeException e) {
                if (!listenerFailureLogged) {
                    listenerFailureLogged = true;
                    AgentLog.warn("work after a resource sample failed (logged once): " + e);
                }
            }
        }
        listenersCpuNanos += threadCpuNanos() - cpuAfter;
    }

    /** This thread's CPU time, or 0 where the JVM does not measure it (the cost figures then stay 0). */
    private long threadCpuNanos() {
        long nanos = threadTimes.isCurrentThreadCpuTimeSupported() ? threadTimes.getCurrentThreadCpuTime() : -1;
        return Math.max(0, nanos);
    }
}
