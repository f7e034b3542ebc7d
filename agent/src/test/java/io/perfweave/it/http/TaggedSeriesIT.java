package io.perfweave.it.http;

import io.perfweave.it.ForkedJvm;
import io.perfweave.it.apps.OnDemandApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code prometheus_tags: true}: two JVMs, each tagging its calls by project, scraped by one real
 * Prometheus, which answers exact counts and a p95 per project across both; {@code promtool}
 * accepts the exposition.
 */
class TaggedSeriesIT {
    private static final String CONFIG = String.join("\n",
            "operations:",
            "  - name: handle",
            "    class: " + OnDemandApp.class.getName(),
            "    method: handle",
            "    tags: {project_id: arg0}",
            "    prometheus_tags: true",
            "");

    @Test
    void countsAndQuantilesPerProjectAcrossTwoJvms(@TempDir Path dir) throws Exception {
        try (ForkedJvm first = ForkedJvm.start(CONFIG, OnDemandApp.class.getName());
             ForkedJvm second = ForkedJvm.start(CONFIG, OnDemandApp.class.getName())) {
            for (ForkedJvm jvm : List.of(first, second)) {
                jvm.awaitStdout("ready", Duration.ofSeconds(30));
            }
            first.send("handle P1 30");
            first.send("handle P2 10");
            second.send("handle P1 20");
            second.send("handle P3 5");
            first.awaitStdout("handled P2 10", Duration.ofSeconds(30));
            second.awaitStdout("handled P3 5", Duration.ofSeconds(30));

            String exposition = new AgentPort(first.port()).get("/metrics?format=prometheus").body();
            Promtool.assertAcceptsExposition(dir, exposition);

            try (PrometheusServer prometheus = PrometheusServer.start(dir, String.join("\n",
                    "global: {scrape_interval: 1s, scrape_timeout: 1s}",
                    "scrape_configs:",
                    "  - job_name: fleet",
                    "    static_configs: [{targets: ['127.0.0.1:" + first.port() + "', '127.0.0.1:" + second.port() + "']}]",
                    ""))) {
                String tagged = "perfweave_operation_tagged_calls_total{operation=\"handle\",outcome=\"success\",project_id=";
                assertEquals(50, prometheus.awaitValue("sum(" + tagged + "\"P1\"})", 50), "P1 across both JVMs");
                assertEquals(10, prometheus.awaitValue("sum(" + tagged + "\"P2\"})", 10));
                assertEquals(5, prometheus.awaitValue("sum(" + tagged + "\"P3\"})", 5));
                assertEquals(65, prometheus.awaitValue("sum(perfweave_operation_calls_total{operation=\"handle\",outcome=\"success\"})", 65),
                        "the untagged totals count each call once");
                assertEquals(65, prometheus.awaitValue("sum(perfweave_operation_tagged_duration_seconds_count{operation=\"handle\"})", 65));
                double p95 = prometheus.query("histogram_quantile(0.95, sum by (le, project_id) "
                        + "(perfweave_operation_tagged_duration_seconds_bucket{operation=\"handle\",project_id=\"P1\"}))");
                assertTrue(p95 > 0 && p95 < 10, "p95 of project P1 across both JVMs: " + p95);
            }
        }
    }
}
