package io.perfweave.orchestrator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perfweave.orchestrator.chronicle.ChronicleHistory;
import io.perfweave.orchestrator.chronicle.HistoryGenerator;
import io.perfweave.orchestrator.decision.EnhancedDecisionEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The HTTP API against a real server on a free port. */
class OrchestratorApiTest {

    private static final String ORCHESTRATE_BODY =
            "{\"action\":\"analyze_and_orchestrate\",\"options\":{\"enable_pattern_recognition\":%s}}";

    private static OrchestratorServer server;
    private static HttpClient client;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @BeforeAll
    static void startServer() throws IOException {
        ChronicleHistory history = new HistoryGenerator().generate(200, 42);
        server = OrchestratorServer.start(new InetSocketAddress("127.0.0.1", 0), history,
                new EnhancedDecisionEngine(history));
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void healthSaysUp() throws Exception {
        HttpResponse<String> response = send("GET", "/health", null);
        assertEquals(200, response.statusCode());
        JsonNode body = MAPPER.readTree(response.body());
        assertEquals("UP", body.get("status").asText());
        assertEquals(207, body.get("projects").asInt());
    }

    @Test
    void orchestratesWithPatternRecognition() throws Exception {
        HttpResponse<String> response = send("POST", "/orchestrate/project/TEST-001", ORCHESTRATE_BODY.formatted(true));
        assertEquals(200, response.statusCode());
        assertEquals("application/json; charset=utf-8", response.headers().firstValue("Content-Type").orElse(""));
        JsonNode body = MAPPER.readTree(response.body());
        assertEquals("TEST-001", body.get("project_id").asText());
        assertEquals("analyze_and_orchestrate", body.get("action").asText());
        assertTrue(body.get("pattern_recognition_enabled").asBoolean());
        assertEquals("TEST-001", body.at("/pattern_insights/project_id").asText());
        assertTrue(body.at("/decisions/sprint_plan/recommended_points").asInt() > 0);
    }

    @Test
    void orchestratesWithoutPatternRecognitionWhenAskedTo() throws Exception {
        HttpResponse<String> response = send("POST", "/orchestrate/project/TEST-001", ORCHESTRATE_BODY.formatted(false));
        assertEquals(200, response.statusCode());
        JsonNode body = MAPPER.readTree(response.body());
        assertFalse(body.get("pattern_recognition_enabled").asBoolean());
        assertFalse(body.has("pattern_insights"));
    }

    @Test
    void anEmptyBodyMeansTheDefaultOrchestration() throws Exception {
        HttpResponse<String> response = send("POST", "/orchestrate/project/TEST-002", "");
        assertEquals(200, response.statusCode());
        JsonNode body = MAPPER.readTree(response.body());
        assertTrue(body.get("pattern_recognition_enabled").asBoolean());
        assertTrue(body.has("pattern_insights"));
    }

    @Test
    void unknownProjectIs404() throws Exception {
        assertError(send("POST", "/orchestrate/project/NOPE-1", ORCHESTRATE_BODY.formatted(true)),
                404, "project NOPE-1 not found");
    }

    @Test
    void malformedJsonIs400() throws Exception {
        assertError(send("POST", "/orchestrate/project/TEST-001", "{\"action\": "), 400, "malformed JSON");
        assertError(send("POST", "/orchestrate/project/TEST-001", "{\"action\":\"analyze_and_orchestrate\"} trailing"),
                400, "malformed JSON");
    }

    @Test
    void wellFormedButUnsupportedRequestsAre422() throws Exception {
        assertError(send("POST", "/orchestrate/project/TEST-001", "{\"action\":\"delete_everything\"}"),
                422, "unknown action \"delete_everything\"");
        assertError(send("POST", "/orchestrate/project/TEST-001", "{\"action\":7}"), 422, "\"action\" must be a string");
        assertError(send("POST", "/orchestrate/project/TEST-001", "[1, 2]"), 422, "must be a JSON object");
        assertError(send("POST", "/orchestrate/project/TEST-001", "{\"options\":{\"enable_pattern_recognition\":\"yes\"}}"),
                422, "must be true or false");
        assertError(send("POST", "/orchestrate/project/TEST-001", "{\"options\":true}"), 422, "\"options\" must be an object");
    }

    @Test
    void wrongMethodIs405WithTheAllowedOne() throws Exception {
        HttpResponse<String> get = send("GET", "/orchestrate/project/TEST-001", null);
        assertError(get, 405, "method GET not allowed");
        assertEquals("POST", get.headers().firstValue("Allow").orElse(""));

        HttpResponse<String> post = send("POST", "/health", "");
        assertError(post, 405, "method POST not allowed");
        assertEquals("GET", post.headers().firstValue("Allow").orElse(""));
    }

    @Test
    void unknownPathsAre404() throws Exception {
        assertError(send("GET", "/metrics", null), 404, "no endpoint /metrics");
        assertError(send("POST", "/orchestrate/project/", ""), 404, "no endpoint");
        assertError(send("POST", "/orchestrate/project/TEST-001/extra", ""), 404, "no endpoint");
    }

    @Test
    void oversizedBodyIs413() throws Exception {
        String padding = "x".repeat(80 * 1024);
        assertError(send("POST", "/orchestrate/project/TEST-001", "{\"padding\":\"" + padding + "\"}"),
                413, "larger than 65536 bytes");
    }

    @Test
    void corruptHistoryIs500AndTheServerCarriesOn() throws Exception {
        assertError(send("POST", "/orchestrate/project/CORRUPT-001", ORCHESTRATE_BODY.formatted(true)), 500,
                "IllegalStateException: corrupt sprint 3 in project CORRUPT-001: duration -5 days");
        assertError(send("POST", "/orchestrate/project/CORRUPT-002", ORCHESTRATE_BODY.formatted(true)), 500,
                "corrupt sprint 4 in project CORRUPT-002");
        assertEquals(200, send("POST", "/orchestrate/project/TEST-003", ORCHESTRATE_BODY.formatted(true)).statusCode());
    }

    private static void assertError(HttpResponse<String> response, int status, String messagePart) throws IOException {
        assertEquals(status, response.statusCode(), response.body());
        JsonNode body = MAPPER.readTree(response.body());
        assertEquals(status, body.get("status").asInt());
        assertTrue(body.get("error").asText().contains(messagePart), body.get("error").asText());
    }

    private static HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Content-Type", "application/json");
        request.method(method, body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
