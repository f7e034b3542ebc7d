package io.perfweave.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The main job end to end: the sample orchestrator, which knows nothing of the agent, started with
 * the agent and the shipped {@code config/agent.yaml}; its requests are answered as without the
 * agent and every operation the config names is woven and counted.
 */
class SampleOrchestratorIT {
    private static final Path ORCHESTRATOR = Path.of("../sample-orchestrator/target/sample-orchestrator.jar");
    private static final Path CONFIG = Path.of("../config/agent.yaml");
    private static final String ENHANCED = "{\"action\":\"analyze_and_orchestrate\",\"options\":{\"enable_pattern_recognition\":true}}";
    private static final String BASELINE = "{\"action\":\"analyze_and_orchestrate\",\"options\":{\"enable_pattern_recognition\":false}}";
    private static final List<String> OPERATIONS = List.of("enhanced_orchestration", "full_pattern_analysis",
            "similarity_analysis", "velocity_analysis", "success_pattern_detection", "insights_generation");

    private static ForkedJvm orchestrator;
    private static int appPort;

    @BeforeAll
    static void start() throws Exception {
        assertTrue(Files.isRegularFile(ORCHESTRATOR), ORCHESTRATOR + " is built by the sample-orchestrator module first");
        orchestrator = ForkedJvm.startJar(CONFIG, "port=0", ORCHESTRATOR, "--port", "0", "--projects", "400");
        appPort = orchestrator.awaitOrchestratorPort();
    }

    @AfterAll
    static void stop() {
        orchestrator.close();
    }

    private static HttpResponse<String> orchestrate(String project, String body) throws Exception {
        return ForkedJvm.http(appPort, "POST", "/orchestrate/project/" + project, body);
    }

    @Test
    void everyConfiguredOperationIsWovenAndCounted() throws Exception {
        assertEquals(200, orchestrator.http("POST", "/reset").statusCode());
        HttpResponse<String> first = orchestrate("TEST-001", ENHANCED);
        assertEquals(200, first.statusCode(), first.body());
        assertTrue(first.body().contains("\"project_id\":\"TEST-001\""), first.body());
        assertEquals(200, orchestrate("TEST-002", ENHANCED).statusCode());
        assertEquals(200, orchestrate("TEST-001", BASELINE).statusCode());
        HttpResponse<String> corrupt = orchestrate("CORRUPT-001", ENHANCED);
        assertEquals(500, corrupt.statusCode(), corrupt.body());

        JsonNode metrics = orchestrator.getJson("/metrics");
        for (String operation : OPERATIONS) {
            assertEquals(1, metrics.path(operation).path("matched").asInt(), operation + " " + metrics.path(operation));
        }
        JsonNode enhanced = metrics.path("enhanced_orchestration");
        assertEquals(4, enhanced.path("total_calls").asLong(), enhanced.toString());
        assertEquals(1, enhanced.path("failed_calls").asLong());
        assertEquals(75.0, enhanced.path("success_rate").asDouble(), 1e-9);
        assertTrue(enhanced.path("last_error").path("message").asText().contains("CORRUPT-001"), enhanced.toString());
        // three requests ran the pattern analysis; CORRUPT-001's failed in the velocity analysis
        assertEquals(3, metrics.path("full_pattern_analysis").path("total_calls").asLong());
        assertEquals(1, metrics.path("full_pattern_analysis").path("failed_calls").asLong());
        assertEquals(3, metrics.path("velocity_analysis").path("total_calls").asLong());
        assertEquals(1, metrics.path("velocity_analysis").path("failed_calls").asLong());
        assertEquals(2, metrics.path("insights_generation").path("total_calls").asLong());
        assertTrue(enhanced.path("max_duration_ms").asDouble() >= metrics.path("full_pattern_analysis").path("min_duration_ms").asDouble());
    }

    @Test
    void thePatternAnalysisIsBrokenDownIntoItsFourComponents() throws Exception {
        assertEquals(200, orchestrate("TEST-001", ENHANCED).statusCode());
        JsonNode breakdown = orchestrator.getJson("/metrics/full_pattern_analysis").path("breakdown");
        java.util.Set<String> children = new java.util.TreeSet<>();
        double sum = breakdown.path("self_percent").asDouble();
        for (JsonNode child : breakdown.path("children")) {
            children.add(child.path("operation").asText());
            sum += child.path("share_percent").asDouble();
            assertTrue(child.path("share_percent").asDouble() > 0, child.toString());
        }
        assertEquals(new java.util.TreeSet<>(List.of("similarity_analysis", "velocity_analysis",
                "success_pattern_detection", "insights_generation")), children, breakdown.toString());
        assertEquals(100.0, sum, 0.05, "shares and self time add up: " + breakdown);
        JsonNode enhanced = orchestrator.getJson("/metrics/enhanced_orchestration").path("breakdown");
        assertEquals("full_pattern_analysis", enhanced.path("children").path(0).path("operation").asText(), enhanced.toString());
        JsonNode report = orchestrator.getJson("/report/project_id/TEST-001").path("breakdown");
        assertEquals("enhanced_orchestration", report.path("operation").asText(), report.toString());
        assertEquals("full_pattern_analysis", report.path("children").path(0).path("operation").asText(), report.toString());
    }

    @Test
    void theOrchestratorAnswersTheSameWithTheAgent() throws Exception {
        HttpResponse<String> withAgent = orchestrate("TEST-003", ENHANCED);
        try (ForkedJvm plain = ForkedJvm.start(null, null, List.of(ORCHESTRATOR.toAbsolutePath().toString()), List.of(),
                "io.perfweave.orchestrator.Main", "--port", "0", "--projects", "400")) {
            int plainPort = plain.awaitOrchestratorPort();
            HttpResponse<String> without = ForkedJvm.http(plainPort, "POST", "/orchestrate/project/TEST-003", ENHANCED);
            assertEquals(without.statusCode(), withAgent.statusCode());
            assertEquals(without.body(), withAgent.body());
        }
    }
}
