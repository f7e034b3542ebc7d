package io.perfweave.it.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.perfweave.it.ForkedJvm;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bearer token, given as an agent argument, and the rule that only loopback may go without one. */
class TokenIT {
    private static final String TOKEN = "it-token-7f3a9c1e5b2d";

    @Test
    void everyDataRequestNeedsTheToken() throws Exception {
        try (ForkedJvm jvm = HttpApp.start("port=0,host=127.0.0.1,token=" + TOKEN, 50)) {
            AgentPort anonymous = new AgentPort(jvm.port());
            AgentPort wrong = new AgentPort(jvm.port(), TOKEN.substring(1) + "x");
            AgentPort right = new AgentPort(jvm.port(), TOKEN);
            for (String path : new String[] {"/metrics", "/metrics/work", "/health", "/report/project_id/TEST-001", "/nowhere"}) {
                for (AgentPort refused : new AgentPort[] {anonymous, wrong}) {
                    HttpResponse<String> response = refused.get(path);
                    assertEquals(401, response.statusCode(), path);
                    assertEquals("Bearer", response.headers().firstValue("www-authenticate").orElseThrow());
                    JsonNode error = AgentPort.JSON.readTree(response.body());
                    assertEquals(401, error.get("status").asInt());
                    assertEquals("missing or wrong bearer token", error.get("error").asText());
                }
            }
            assertEquals(401, anonymous.send("POST", "/reset").statusCode());
            assertEquals(401, anonymous.get("/metrics?format=prometheus").statusCode());
            assertEquals(50, right.json("/metrics/work").get("total_calls").asLong());
            assertEquals(200, right.get("/metrics?format=prometheus").statusCode());
            // the dashboard's files hold no figures; the page asks for the token itself
            assertEquals(200, anonymous.get("/").statusCode());
            assertEquals(200, anonymous.get("/dashboard.js").statusCode());
        }
    }

    @Test
    void aNonLoopbackHostWithoutATokenIsRefusedAndTheHostRunsOn() throws Exception {
        try (ForkedJvm jvm = ForkedJvm.start(HttpApp.CONFIG, "port=0,host=0.0.0.0", java.util.List.of(),
                java.util.List.of(), HttpApp.MAIN, "10")) {
            String line = jvm.awaitStderr("config rejected", Duration.ofSeconds(30));
            assertTrue(line.contains("server.host 0.0.0.0 is not a loopback address, so server.token is required"), line);
            jvm.awaitStdout("ready", Duration.ofSeconds(30));
            assertTrue(jvm.stdout().contains("done rounds=10 checksum=" + checksumOf(jvm)), jvm.stdout().toString());
            jvm.send("exit");
            assertEquals(0, jvm.awaitExit(Duration.ofSeconds(30)));
        }
    }

    private static String checksumOf(ForkedJvm jvm) {
        return jvm.stdout().get(0).replaceAll(".*checksum=", "");
    }
}
