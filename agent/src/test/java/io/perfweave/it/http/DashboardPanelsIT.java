package io.perfweave.it.http;

import io.perfweave.agent.config.ConfigLoader;
import io.perfweave.agent.config.ServerConfig;
import io.perfweave.agent.http.AgentHttpServer;
import io.perfweave.agent.http.MetricsRoutes;
import io.perfweave.agent.record.OperationCatalog;
import io.perfweave.agent.stats.Statistics;
import io.perfweave.bootstrap.Timing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboard's panels for thresholds, recommendations and resources, which this agent does
 * not serve yet: a port in this JVM answers those paths with fixed test figures (in the shape
 * the contract describes), and the page must show them, colour the breached threshold's cell and
 * log nothing to the console.
 */
class DashboardPanelsIT {
    private static final Path TARGET = Path.of(System.getProperty("perfweave.agentJar", "target/perfweave-agent.jar"))
            .toAbsolutePath().getParent();

    @Test
    void thresholdsRecommendationsAndResourcesAreShownWhenTheAgentServesThem(@TempDir Path dir) throws Exception {
        HeadlessChromium chromium = new HeadlessChromium(ExternalTool.require("chromium", "chromium"), dir);
        Statistics statistics = new Statistics(new OperationCatalog(new ConfigLoader().parse(
                "operations:\n  - name: panel_op\n    class: x.Y\n    method: m\n", "panels.yaml")));
        int id = statistics.catalog().get("panel_op").recorder().id;
        for (int i = 0; i < 40; i++) {
            Timing.exit(id, System.nanoTime() - 2_500_000L, i % 8 == 0 ? new IllegalStateException("slow") : null);
        }
        MetricsRoutes routes = new MetricsRoutes(statistics)
                .withEndpoint("/thresholds", request -> Map.of(
                        "thresholds_met", false,
                        "operations", Map.of("panel_op", Map.of(
                                "p95_ms", Map.of("limit", 1.0, "actual", 2.5, "level", "critical", "met", false),
                                "success_rate_min", Map.of("limit", 95.0, "actual", 87.5, "level", "warning", "met", false),
                                "avg_ms", Map.of("limit", 10.0, "actual", 2.5, "level", "target", "met", true)))))
                .withEndpoint("/recommendations", request -> List.of("Cache the pattern analysis of panel_op"))
                .withEndpoint("/resources", request -> Map.of(
                        "memory_usage_mb", 123.4, "cpu_percent", 12.5, "threads", 17, "heap", Map.of("used_mb", 50.25)));
        AgentHttpServer server = new AgentHttpServer(new ServerConfig(true, "127.0.0.1", 0, null, 2), routes);
        assertTrue(server.startQuietly());
        try {
            String url = "http://127.0.0.1:" + server.getListeningPort() + "/";
            HeadlessChromium.Run run = chromium.dumpDom(url, 5_000);
            assertEquals(List.of(), run.consoleMessages(), "console messages of the page");
            String dom = run.dom();
            assertTrue(dom.contains("data-state=\"live\""), dom);
            assertTrue(dom.contains("data-errors=\"0\""), dom);
            assertFalse(dom.contains("<section id=\"thresholds-section\" hidden"), dom);
            assertTrue(dom.contains("<td data-field=\"p95_ms\" class=\"lvl-critical\">"), dom);
            assertTrue(dom.contains("<td data-field=\"success_rate\" class=\"lvl-warning\">"), dom);
            assertTrue(dom.contains("<td data-field=\"avg_duration_ms\" class=\"lvl-ok\">"), dom);
            assertTrue(dom.contains("<span id=\"thresholds-overall\" class=\"pill lvl-critical\">not met</span>"), dom);
            assertTrue(dom.contains("<li>Cache the pattern analysis of panel_op</li>"), dom);
            assertTrue(dom.contains("<dt>memory_usage_mb</dt><dd>123</dd>"), dom);
            assertTrue(dom.contains("<dt>heap.used_mb</dt><dd>50.3</dd>"), dom);
            chromium.screenshot(url, 5_000, TARGET.resolve("dashboard-panels.png"), 1280, 1100);
        } finally {
            server.stop();
        }
    }
}
