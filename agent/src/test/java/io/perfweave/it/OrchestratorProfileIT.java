package io.perfweave.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sample orchestrator made slow (a history of 6,000 projects) under {@code config/agent.yaml}
 * with the pattern analysis's profile threshold and duration target lowered: its slow calls are
 * profiled down into {@code SimilarityAnalyzer} and {@code DynamicTimeWarping}, and the breached
 * target's recommendation names the similarity analysis's share and where the samples are.
 */
class OrchestratorProfileIT {
    private static final Path ORCHESTRATOR = Path.of("../sample-orchestrator/target/sample-orchestrator.jar");
    private static final String ENHANCED = "{\"action\":\"analyze_and_orchestrate\",\"options\":{\"enable_pattern_recognition\":true}}";

    @Test
    void aSlowPatternAnalysisIsProfiledIntoTheSimilarityAnalysis(@TempDir Path dir) throws Exception {
        String config = Files.readString(Path.of("../config/agent.yaml"))
                .replace("profile: {slower_than_ms: 100}", "profile: {slower_than_ms: 15}")
                .replace("      avg_ms: {target: 1000}", "      avg_ms: {target: 10}");
        assertTrue(config.contains("slower_than_ms: 15") && config.contains("avg_ms: {target: 10}"), config);
        Path file = dir.resolve("agent.yaml");
        Files.writeString(file, config);
        try (ForkedJvm orchestrator = ForkedJvm.startJar(file, "port=0", ORCHESTRATOR, "--port", "0", "--projects", "6000")) {
            int appPort = orchestrator.awaitOrchestratorPort();
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            JsonNode profile;
            int requests = 0;
            do {
                HttpResponse<String> answer = ForkedJvm.http(appPort, "POST", "/orchestrate/project/TEST-00" + (1 + requests++ % 3), ENHANCED);
                assertEquals(200, answer.statusCode(), answer.body());
                profile = orchestrator.getJson("/profile/full_pattern_analysis?format=json");
            } while (profile.path("samples").asLong() < 30 && System.nanoTime() < deadline);
            assertTrue(profile.path("samples").asLong() >= 30, "samples after " + requests + " requests: " + profile);

            String stacks = orchestrator.http("GET", "/profile/full_pattern_analysis").body();
            assertTrue(stacks.startsWith("io.perfweave.orchestrator.intelligence.PatternEngine.analyzeProjectPatterns;"), stacks);
            assertTrue(stacks.contains(";io.perfweave.orchestrator.intelligence.SimilarityAnalyzer.findSimilarProjects;"), stacks);
            assertTrue(stacks.contains(";io.perfweave.orchestrator.intelligence.DynamicTimeWarping."), stacks);

            JsonNode breakdown = orchestrator.getJson("/metrics/full_pattern_analysis").path("breakdown");
            assertEquals("similarity_analysis", breakdown.path("children").path(0).path("operation").asText(), breakdown.toString());
            String recommendations = orchestrator.http("GET", "/recommendations").body();
            assertTrue(recommendations.matches("(?s).*similarity_analysis takes \\d+ % of full_pattern_analysis; \\d+ % of "
                    + "full_pattern_analysis's slow-call samples are in [A-Za-z$]+\\.[A-Za-z$]+.*"), recommendations);
            String svg = orchestrator.http("GET", "/profile/full_pattern_analysis?format=svg").body();
            assertTrue(svg.startsWith("<?xml") || svg.startsWith("<svg"), svg.substring(0, Math.min(200, svg.length())));
            assertTrue(svg.contains("DynamicTimeWarping"), "the flame graph names the frames");
        }
    }
}
