package io.perfweave.it.insight;

import com.fasterxml.jackson.databind.JsonNode;
import io.perfweave.it.apps.insight.InsightApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /resources} of a forked JVM whose memory and CPU the test drives through
 * {@link InsightApp}: every figure is there and plausible, memory held raises
 * {@code memory_increase_mb} by about that much, a busy thread raises {@code cpu_percent}.
 */
class ResourcesIT {
    private static final String CONFIG = String.join("\n",
            "operations:",
            "  - name: lookup",
            "    class: " + InsightApp.class.getName(),
            "    method: lookup",
            "resources:",
            "  interval_seconds: 0.5",
            "");
    private static InsightJvm app;

    @BeforeAll
    static void start() throws Exception {
        // the held blocks are allocated straight into the old generation, so they are resident once
        // and never copied: the process grows by what the application holds, not by a collector's copies
        app = InsightJvm.start(CONFIG, List.of("-Xmx1g", "-XX:+UseSerialGC", "-XX:PretenureSizeThreshold=262144"));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void everyFigureIsThereAndPlausible() throws Exception {
        JsonNode resources = app.nextResources();
        assertEquals(0, resources.get("unavailable").size(), resources.toString());
        assertTrue(resources.get("source").asText().startsWith("oshi"), resources.toString());
        double memory = resources.get("memory_usage_mb").asDouble();
        assertTrue(memory > 20 && memory < 2048, resources.toString());
        assertTrue(resources.get("memory_increase_mb").isNumber(), resources.toString());
        assertTrue(resources.get("cpu_percent").asDouble() >= 0, resources.toString());
        assertTrue(resources.get("open_files").asLong() >= 3, resources.toString());
        JsonNode jvm = resources.get("jvm");
        assertTrue(resources.get("threads").asInt() >= jvm.get("threads").asInt(), resources.toString());
        assertTrue(jvm.get("heap_used_mb").asDouble() > 0, jvm.toString());
        assertTrue(jvm.get("heap_used_mb").asDouble() <= jvm.get("heap_committed_mb").asDouble(), jvm.toString());
        assertEquals(1024.0, jvm.get("heap_max_mb").asDouble(), 64.0, jvm.toString());
        assertTrue(jvm.get("gc").has("Copy"), "the serial collector's young generation: " + jvm);
        JsonNode system = resources.get("system");
        for (String rate : List.of("disk_read_bytes_per_second", "disk_write_bytes_per_second",
                "network_received_bytes_per_second", "network_sent_bytes_per_second")) {
            assertTrue(system.get(rate).asDouble(-1) >= 0, rate + " in " + system);
        }
        assertTrue(system.get("cpu_percent").asDouble() >= 0 && system.get("cpu_percent").asDouble() <= 100, system.toString());
        assertTrue(system.get("memory_total_mb").asDouble() > memory, system.toString());
        assertTrue(system.get("memory_used_percent").asDouble() > 0, system.toString());
        assertEquals(0.5, resources.get("interval_seconds").asDouble());
        // sampling must stay cheap: a generous bound that a per-sample process scan would break
        JsonNode sampler = resources.get("sampler");
        assertTrue(sampler.get("cpu_ms_per_sample").asDouble() < 25, sampler.toString());
    }

    @Test
    void memoryHeldRaisesTheIncreaseByAboutThatMuchAfterAResetTakesTheBaseline() throws Exception {
        String before = app.firstAnswer("/resources", Duration.ofSeconds(20)).get("baseline").get("taken_at").asText();
        assertEquals(200, app.jvm.http("POST", "/reset").statusCode());
        JsonNode rebased = app.await("/resources", r -> !r.get("baseline").get("taken_at").asText().equals(before),
                Duration.ofSeconds(10));
        assertTrue(Math.abs(rebased.get("memory_increase_mb").asDouble()) < 40, rebased.toString());

        app.command("hold 200");
        JsonNode grown = app.nextResources();
        double increase = grown.get("memory_increase_mb").asDouble();
        assertTrue(increase > 170 && increase < 300, "200 MB held, increase " + increase + ": " + grown);
        assertEquals(grown.get("memory_usage_mb").asDouble() - grown.get("baseline").get("memory_usage_mb").asDouble(),
                increase, 1e-6);
        app.command("release");
    }

    @Test
    void aBusyThreadRaisesCpuPercent() throws Exception {
        double idle = app.nextResources().get("cpu_percent").asDouble();
        app.command("spin");
        try {
            // one core kept busy reads as about 100; a loaded machine may give the thread less
            JsonNode busy = app.await("/resources", r -> r.get("cpu_percent").asDouble() > 50, Duration.ofSeconds(20));
            assertTrue(busy.get("cpu_percent").asDouble() > idle + 25, "idle " + idle + ", busy " + busy);
            assertTrue(busy.get("cpu_percent").asDouble() < 100.0 * busy.get("system").get("logical_processors").asInt() + 10,
                    busy.toString());
        } finally {
            app.command("rest");
        }
    }

    @Test
    void withoutTheOperatingSystemProbeTheJvmFiguresStillComeAndTheOthersAreNamed() throws Exception {
        try (InsightJvm jvmOnly = InsightJvm.start(CONFIG + "  os_probe: off\n", List.of())) {
            JsonNode resources = jvmOnly.nextResources();
            assertEquals("jvm", resources.get("source").asText());
            List<String> unavailable = new java.util.ArrayList<>();
            resources.get("unavailable").forEach(name -> unavailable.add(name.asText()));
            assertTrue(unavailable.containsAll(List.of("memory_usage_mb", "memory_increase_mb",
                    "system.disk_read_bytes_per_second", "system.network_sent_bytes_per_second")), unavailable.toString());
            assertTrue(resources.get("memory_usage_mb").isNull());
            assertTrue(resources.get("cpu_percent").isNumber(), resources.toString());
            assertTrue(resources.get("threads").asInt() > 0);
            assertTrue(resources.get("open_files").asLong() > 0);
            assertTrue(resources.get("jvm").get("heap_used_mb").asDouble() > 0);
            assertFalse(unavailable.contains("jvm"));
        }
    }
}
