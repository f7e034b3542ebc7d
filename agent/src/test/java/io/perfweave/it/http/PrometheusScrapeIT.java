package io.perfweave.it.http;

import io.perfweave.it.ForkedJvm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The exposition as Prometheus itself reads it: {@code promtool check metrics} on the text
 * format, and a real Prometheus server scraping the agent in each format, queried with PromQL.
 */
class PrometheusScrapeIT {
    private static final long ROUNDS = 1_000;
    private static ForkedJvm jvm;
    private static AgentPort agent;

    @BeforeAll
    static void start() throws Exception {
        jvm = HttpApp.start("port=0", ROUNDS);
        agent = new AgentPort(jvm.port());
    }

    @AfterAll
    static void stop() {
        jvm.close();
    }

    @Test
    void promtoolAcceptsTheTextFormat(@TempDir Path dir) throws Exception {
        for (String[] request : List.of(new String[] {"/metrics?format=prometheus"}, new String[] {"/metrics", "Accept", "text/plain"})) {
            String[] headers = java.util.Arrays.copyOfRange(request, 1, request.length);
            String exposition = agent.get(request[0], headers).body();
            assertTrue(exposition.contains("perfweave_operation_duration_seconds_bucket{operation=\"work\",le=\"+Inf\"} "
                    + HttpApp.workSuccesses(ROUNDS)), exposition);
            Promtool.assertAcceptsExposition(dir, exposition);
        }
    }

    @Test
    void aPrometheusServerScrapesEveryFormatAndPromqlSeesTheExactCounts(@TempDir Path dir) throws Exception {
        String target = "'127.0.0.1:" + agent.port() + "'";
        try (PrometheusServer prometheus = PrometheusServer.start(dir, String.join("\n",
                "global:",
                "  scrape_interval: 1s",
                "  scrape_timeout: 1s",
                "scrape_configs:",
                // Prometheus' own choice: it asks for OpenMetrics first
                "  - job_name: negotiated",
                "    static_configs: [{targets: [" + target + "]}]",
                "  - job_name: openmetrics",
                "    params: {format: [openmetrics]}",
                "    static_configs: [{targets: [" + target + "]}]",
                "  - job_name: text",
                "    params: {format: [prometheus]}",
                "    static_configs: [{targets: [" + target + "]}]",
                ""))) {
            String quoted = "say \\\"hi\\\" \\\\ there";
            for (String job : List.of("negotiated", "openmetrics", "text")) {
                String selector = "{job=\"" + job + "\",operation=\"work\"}";
                assertEquals(1, prometheus.awaitValue("up{job=\"" + job + "\"}", 1), job + " up");
                assertEquals(HttpApp.workSuccesses(ROUNDS),
                        prometheus.awaitValue("perfweave_operation_duration_seconds_count" + selector, HttpApp.workSuccesses(ROUNDS)), job);
                assertEquals(ROUNDS / 10, prometheus.awaitValue(
                        "perfweave_operation_calls_total{job=\"" + job + "\",operation=\"work\",outcome=\"failure\"}", ROUNDS / 10), job);
                assertEquals(HttpApp.workSuccesses(ROUNDS), prometheus.awaitValue(
                        "perfweave_operation_duration_seconds_bucket{job=\"" + job + "\",operation=\"work\",le=\"+Inf\"}",
                        HttpApp.workSuccesses(ROUNDS)), job);
                assertEquals(ROUNDS, prometheus.awaitValue("sum(perfweave_operation_calls_total{job=\"" + job
                        + "\",operation=\"" + quoted + "\"})", ROUNDS), job + ": escaped operation name");
            }
            // the histogram is usable for quantiles: work takes microseconds, well below 1 s
            double median = prometheus.query("histogram_quantile(0.5, sum by (le) (perfweave_operation_duration_seconds_bucket{job=\"text\",operation=\"work\"}))");
            assertTrue(median > 0 && median < 0.01, "median of work: " + median);
        }
    }
}
