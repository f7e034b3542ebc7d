package io.perfweave.orchestrator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perfweave.orchestrator.OrchestratorJson;
import io.perfweave.orchestrator.chronicle.ChronicleHistory;
import io.perfweave.orchestrator.chronicle.HistoryGenerator;
import io.perfweave.orchestrator.decision.EnhancedDecisionEngine;
import io.perfweave.orchestrator.decision.ProjectData;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The seeds' load test: simultaneous orchestrations, every one answered, none mixed up. */
class ConcurrentRequestsTest {

    private static final int REQUESTS = 20;

    @Test
    void twentySimultaneousRequestsAreAllAnsweredCorrectly() throws Exception {
        ChronicleHistory history = new HistoryGenerator().generate(300, 42);
        EnhancedDecisionEngine engine = new EnhancedDecisionEngine(history);
        ObjectMapper mapper = OrchestratorJson.newMapper();

        List<String> projectIds = new ArrayList<>();
        for (int i = 1; i <= REQUESTS; i++) {
            projectIds.add(i <= 5 ? "TEST-00" + i : String.format("PROJ-%05d", i));
        }

        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        ExecutorService callers = Executors.newFixedThreadPool(REQUESTS);
        try (OrchestratorServer server = OrchestratorServer.start(
                new InetSocketAddress("127.0.0.1", 0), history, engine)) {
            CountDownLatch startTogether = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> responses = new ArrayList<>();
            for (String projectId : projectIds) {
                HttpRequest request = HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + server.port() + "/orchestrate/project/" + projectId))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"action\":\"analyze_and_orchestrate\",\"options\":{\"enable_pattern_recognition\":true}}"))
                        .build();
                responses.add(callers.submit(() -> {
                    startTogether.await();
                    return client.send(request, HttpResponse.BodyHandlers.ofString());
                }));
            }
            startTogether.countDown();

            for (int i = 0; i < REQUESTS; i++) {
                HttpResponse<String> response = responses.get(i).get(2, TimeUnit.MINUTES);
                String projectId = projectIds.get(i);
                assertEquals(200, response.statusCode(), projectId + ": " + response.body());
                JsonNode body = mapper.readTree(response.body());
                assertEquals(projectId, body.get("project_id").asText());
                // Under load each answer must still be exactly what the engine decides alone.
                JsonNode alone = mapper.valueToTree(engine.makeOrchestrationDecision(new ProjectData(projectId, true)));
                assertEquals(alone, body, projectId);
            }
        } finally {
            callers.shutdownNow();
        }
    }
}
