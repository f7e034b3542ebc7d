package io.perfweave.agent.resources;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Samples of this very JVM, read by the probes the agent uses. */
class ResourceSamplerTest {
    private static final ResourceSample.SamplerCost NO_COST = new ResourceSample.SamplerCost(0, 0, 0, 0, 0);

    @Test
    void everyFigureComesWithOshiAndIsPlausible() {
        ResourceSampler sampler = new ResourceSampler("auto", 1.0);
        ResourceSample first = sampler.sample(NO_COST);
        ResourceSample second = sampler.sample(NO_COST);

        assertEquals(List.of(), second.unavailable(), second.toString());
        assertTrue(second.source().startsWith("oshi"), second.source());
        assertTrue(second.memoryUsageMb() > 10 && second.memoryUsageMb() < 1_000_000, second.toString());
        assertTrue(second.openFiles() > 0, second.toString());
        // the operating system counts the JVM's own threads (GC, compiler) too
        assertTrue(second.threads() >= second.jvm().threads(), second.toString());
        assertTrue(second.cpuPercent() >= 0, second.toString());
        assertTrue(second.jvm().heapUsedMb() > 0 && second.jvm().heapUsedMb() <= second.jvm().heapCommittedMb() + 1e-9);
        assertFalse(second.jvm().gc().isEmpty());
        assertTrue(second.system().cpuPercent() >= 0 && second.system().cpuPercent() <= 100, second.toString());
        assertTrue(second.system().memoryTotalMb() >= second.system().memoryAvailableMb(), second.toString());
        assertTrue(second.system().logicalProcessors() >= 1);
        assertNotNull(second.system().diskReadBytesPerSecond(), second.toString());
        assertNotNull(second.system().networkSentBytesPerSecond(), second.toString());
        // the first sample has nothing to take a rate against
        assertNull(first.system().diskReadBytesPerSecond());
        assertEquals(2, second.samples());
    }

    @Test
    void theBaselineIsTheFirstSampleAndIsTakenAnewOnRequest() {
        ResourceSampler sampler = new ResourceSampler("auto", 1.0);
        ResourceSample first = sampler.sample(NO_COST);
        assertEquals(0.0, first.memoryIncreaseMb(), 1e-12);
        assertEquals(first.memoryUsageMb(), first.baseline().memoryUsageMb(), 1e-12);

        List<long[]> held = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            long[] block = new long[128 * 1024]; // 1 MB, touched so that it is resident
            java.util.Arrays.fill(block, i);
            held.add(block);
        }
        ResourceSample grown = sampler.sample(NO_COST);
        assertEquals(grown.memoryUsageMb() - first.memoryUsageMb(), grown.memoryIncreaseMb(), 1e-9);
        sampler.rebaselineAtNextSample();
        ResourceSample rebased = sampler.sample(NO_COST);
        assertEquals(0.0, rebased.memoryIncreaseMb(), 1e-12);
        assertEquals(rebased.memoryUsageMb(), rebased.baseline().memoryUsageMb(), 1e-12);
        assertEquals(64, held.size());
    }

    @Test
    void withoutTheOperatingSystemProbeTheJvmFiguresStillComeAndTheRestIsNamedUnavailable() {
        ResourceSampler sampler = new ResourceSampler("off", 1.0);
        sampler.sample(NO_COST);
        ResourceSample sample = sampler.sample(NO_COST);

        assertEquals("jvm", sample.source());
        assertTrue(sample.unavailable().containsAll(List.of("memory_usage_mb", "memory_increase_mb",
                "system.disk_read_bytes_per_second", "system.network_received_bytes_per_second")), sample.unavailable().toString());
        assertNull(sample.memoryUsageMb());
        assertNull(sample.memoryIncreaseMb());
        assertNull(sample.system().diskReadBytesPerSecond());
        // what the JDK knows of the process and the machine stands in
        assertNotNull(sample.cpuPercent());
        assertTrue(sample.threads() > 0);
        assertTrue(sample.jvm().heapUsedMb() > 0);
        assertTrue(sample.system().memoryTotalMb() > 0);
        assertFalse(sample.unavailable().contains("cpu_percent"));
        assertFalse(sample.unavailable().contains("jvm"));
    }
}
