package io.perfweave.it.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.perfweave.agent.alerting.AlertRule;
import io.perfweave.agent.alerting.AlertRules;
import io.perfweave.agent.config.AgentConfig;
import io.perfweave.agent.config.ConfigLoader;
import io.perfweave.it.ForkedJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every PromQL expression that {@code rules} and {@code dashboard} generate, run against a real
 * Prometheus scraping two agents under load: the test application under {@code every-kind.yaml}
 * (every kind of rule) and the sample orchestrator under the shipped {@code config/agent.yaml}.
 * Each expression must parse (Prometheus answers {@code success}); each measure (a rule's
 * expression without its comparison, and every dashboard query, with the dashboard's variables
 * set as Grafana would set them) must return a number for the agent it is about.
 */
class GeneratedQueriesIT {
    private static final Path EVERY_KIND = Path.of("src/test/resources/alerting/every-kind.yaml");
    private static final Path AGENT_YAML = Path.of("../config/agent.yaml");
    private static final Path ORCHESTRATOR = Path.of("../sample-orchestrator/target/sample-orchestrator.jar");
    /** What Grafana would make of {@code $__rate_interval} at a 1 s scrape interval and a short time range. */
    private static final String RATE_INTERVAL = "30s";
    /** The regression rules look 20 s back over 10 s; a loaded machine may take its time to start two JVMs. */
    private static final Duration DATA_DEADLINE = Duration.ofSeconds(180);
    private static final String ENHANCED = "{\"action\":\"analyze_and_orchestrate\",\"options\":{\"enable_pattern_recognition\":true}}";

    @Test
    void everyGeneratedExpressionParsesAndEveryMeasureReturnsData(@TempDir Path dir) throws Exception {
        assertTrue(Files.isRegularFile(ORCHESTRATOR), ORCHESTRATOR + " is built by the sample-orchestrator module first");
        ScheduledExecutorService load = Executors.newSingleThreadScheduledExecutor();
        try (ForkedJvm app = ForkedJvm.start(Files.readString(EVERY_KIND), "port=0", List.of(), List.of(), HttpApp.MAIN, "100");
             ForkedJvm orchestrator = ForkedJvm.startJar(AGENT_YAML, "port=0", ORCHESTRATOR, "--port", "0", "--projects", "100")) {
            app.awaitStdout("ready", Duration.ofSeconds(60));
            app.send("busy"); // calls on a thread of its own from now on, so that every window has calls
            app.awaitStdout("busy", Duration.ofSeconds(30));
            int orchestratorPort = orchestrator.awaitOrchestratorPort();
            AtomicLong requests = new AtomicLong();
            load.scheduleWithFixedDelay(() -> {
                long n = requests.incrementAndGet();
                // one request in five fails (a corrupt project), so that failures have data too
                String project = n % 5 == 0 ? "CORRUPT-001" : "TEST-00" + (1 + n % 3);
                try {
                    ForkedJvm.http(orchestratorPort, "POST", "/orchestrate/project/" + project, ENHANCED);
                } catch (Exception e) {
                    // the orchestrator is ending with the test
                }
            }, 0, 200, TimeUnit.MILLISECONDS);

            // every-kind.yaml's max_ms thresholds make the agent expose the longest calls too
            String exposition = new AgentPort(app.port()).get("/metrics?format=prometheus").body();
            assertTrue(exposition.contains("perfweave_operation_duration_max_seconds{operation=\"work\",over=\"window\"} "),
                    exposition);
            Promtool.assertAcceptsExposition(dir, exposition);

            String appInstance = "127.0.0.1:" + app.port();
            String orchestratorInstance = "127.0.0.1:" + orchestrator.port();
            try (PrometheusServer prometheus = PrometheusServer.start(dir, String.join("\n",
                    "global: {scrape_interval: 1s, scrape_timeout: 1s}",
                    "scrape_configs:",
                    "  - job_name: perfweave",
                    "    static_configs: [{targets: ['" + appInstance + "', '" + orchestratorInstance + "']}]",
                    ""))) {
                long deadline = System.nanoTime() + DATA_DEADLINE.toNanos();
                check(prometheus, dir, EVERY_KIND, appInstance, deadline);
                check(prometheus, dir, AGENT_YAML, orchestratorInstance, deadline);
            }
        } finally {
            load.shutdownNow();
        }
    }

    /** The rules and the dashboard of one config, against the agent at {@code instance}. */
    private static void check(PrometheusServer prometheus, Path dir, Path configFile, String instance, long deadline)
            throws Exception {
        AgentConfig config = new ConfigLoader().load(configFile);
        String name = configFile.getFileName().toString();

        // the rules file the jar writes holds exactly the expressions whose measures are run below
        Path rulesFile = dir.resolve(name + ".rules.yml");
        List<String> output = new ArrayList<>();
        assertEquals(0, ForkedJvm.runCommand(output, "rules", configFile.toString(), rulesFile.toString()), output.toString());
        List<String> written = new ArrayList<>();
        for (JsonNode group : new ObjectMapper(new YAMLFactory()).readTree(rulesFile.toFile()).path("groups")) {
            group.path("rules").forEach(rule -> written.add(rule.path("expr").asText()));
        }
        List<AlertRule> rules = AlertRules.of(config).stream().flatMap(group -> group.rules().stream()).toList();
        assertEquals(rules.stream().map(rule -> rule.condition().expression()).toList(), written);
        for (AlertRule rule : rules) {
            prometheus.queryResult(rule.condition().expression()); // parses and runs, breached or not
            awaitNumber(prometheus, rule.name() + " " + rule.labels(), rule.condition().measure(), instance, deadline);
        }

        Path dashboardFile = dir.resolve(name + ".dashboard.json");
        assertEquals(0, ForkedJvm.runCommand(output, "dashboard", configFile.toString(), dashboardFile.toString()), output.toString());
        JsonNode dashboard = new ObjectMapper().readTree(dashboardFile.toFile());
        int queries = 0;
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                // Grafana writes a chosen instance into instance=~"$instance" as a regular expression
                String promql = target.path("expr").asText()
                        .replace("$instance", instance.replace(".", "\\\\."))
                        .replace("$__rate_interval", RATE_INTERVAL);
                awaitNumber(prometheus, panel.path("title").asText() + " " + target.path("legendFormat").asText(), promql,
                        instance, deadline);
                queries++;
            }
        }
        assertTrue(queries >= 4 * config.operations().size() + 8, name + ": " + queries + " dashboard queries");

        // the instance variable's label_values(perfweave_operation_calls_total, instance), as Grafana asks it
        JsonNode instances = prometheus.api("/api/v1/label/instance/values?match[]="
                + URLEncoder.encode("perfweave_operation_calls_total", StandardCharsets.UTF_8), "instance values");
        assertTrue(instances.toString().contains("\"" + instance + "\""), instances.toString());
    }

    /**
     * Polls until {@code promql} answers a finite number: from a series of {@code instance} where
     * the series has an instance label (resources), else from any series (operations, summed
     * across instances, are named only in their config).
     */
    private static void awaitNumber(PrometheusServer prometheus, String what, String promql, String instance, long deadline)
            throws Exception {
        JsonNode result;
        do {
            result = prometheus.queryResult(promql);
            for (JsonNode series : result) {
                JsonNode seriesInstance = series.path("metric").path("instance");
                double value = Double.parseDouble(series.path("value").get(1).asText());
                if ((seriesInstance.isMissingNode() || seriesInstance.asText().equals(instance)) && Double.isFinite(value)) {
                    return;
                }
            }
            Thread.sleep(500);
        } while (System.nanoTime() < deadline);
        throw new AssertionError(what + ": no number from " + promql + "\nlast result: " + result
                + "\nprometheus log:\n" + prometheus.log());
    }
}
