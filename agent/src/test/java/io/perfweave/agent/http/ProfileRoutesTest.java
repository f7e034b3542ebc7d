package io.perfweave.agent.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.perfweave.agent.config.ConfigLoader;
import io.perfweave.agent.profile.SlowCallProfiles;
import io.perfweave.agent.record.OperationCatalog;
import io.perfweave.agent.stats.Statistics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code /profile/{operation}}: what each method, format and kind of operation is answered. */
class ProfileRoutesTest {
    private static MetricsRoutes routes;

    @BeforeAll
    static void configure() throws Exception {
        Statistics statistics = new Statistics(new OperationCatalog(new ConfigLoader().parse(String.join("\n",
                "operations:",
                "  - name: profile_routes_slow",
                "    class: x.Y",
                "    method: m",
                "    profile: {slower_than_ms: 50}",
                "  - name: profile_routes_plain",
                "    class: x.Y",
                "    method: n",
                ""), "routes.yaml")));
        routes = new MetricsRoutes(statistics);
        ProfileRoutes.register(routes, new SlowCallProfiles(statistics.catalog()), statistics.catalog());
    }

    private static HttpReply call(String method, String path, Map<String, String> query) {
        return routes.handle(new HttpRequest(method, path, query, new HashMap<>()));
    }

    private static JsonNode error(HttpReply reply, int status) throws Exception {
        assertEquals(status, reply.status(), reply.body());
        JsonNode body = HttpReply.MAPPER.readTree(reply.body());
        assertEquals(status, body.get("status").asInt());
        return body;
    }

    @Test
    void aProfiledOperationWithoutSlowCallsAnswersNoStacksInEachFormat() throws Exception {
        HttpReply text = call("GET", "/profile/profile_routes_slow", Map.of());
        assertEquals(200, text.status());
        assertEquals("text/plain; charset=utf-8", text.contentType());
        assertEquals("", text.body());
        HttpReply svg = call("GET", "/profile/profile_routes_slow", Map.of("format", "svg"));
        assertEquals(200, svg.status());
        assertEquals("image/svg+xml; charset=utf-8", svg.contentType());
        assertTrue(svg.body().contains("0 samples"), svg.body());
        JsonNode json = HttpReply.MAPPER.readTree(call("GET", "/profile/profile_routes_slow", Map.of("format", "json")).body());
        assertEquals(0, json.get("samples").asLong());
        assertEquals(0, json.get("hottest_frames").size());
    }

    @Test
    void unknownOperationsAndOperationsWithoutProfileAre404sThatSayWhy() throws Exception {
        assertEquals("unknown operation 'nope'", error(call("GET", "/profile/nope", Map.of()), 404).get("error").asText());
        String message = error(call("GET", "/profile/profile_routes_plain", Map.of()), 404).get("error").asText();
        assertTrue(message.contains("'profile_routes_plain' has no profile") && message.contains("slower_than_ms"), message);
        error(call("POST", "/profile/profile_routes_plain/reset", Map.of()), 404);
        error(call("POST", "/profile/nope/reset", Map.of()), 404);
    }

    @Test
    void resetIsAPostAndAnswersWhatItCleared() throws Exception {
        HttpReply reset = call("POST", "/profile/profile_routes_slow/reset", Map.of());
        assertEquals(200, reset.status());
        assertEquals("profile_routes_slow", HttpReply.MAPPER.readTree(reset.body()).get("operation").asText());
        HttpReply get = call("GET", "/profile/profile_routes_slow/reset", Map.of());
        error(get, 405);
        assertEquals("POST", get.headers().get("Allow"));
        HttpReply post = call("POST", "/profile/profile_routes_slow", Map.of());
        error(post, 405);
        assertEquals(MetricsRoutes.GET_OR_HEAD, post.headers().get("Allow"));
    }

    @Test
    void anUnknownFormatIsA400NamingTheChoices() throws Exception {
        String message = error(call("GET", "/profile/profile_routes_slow", Map.of("format", "png")), 400).get("error").asText();
        assertTrue(message.contains("'png'") && message.contains("svg"), message);
    }

    @Test
    void healthListsTheProfileEndpoint() throws Exception {
        JsonNode health = HttpReply.MAPPER.readTree(call("GET", "/health", Map.of()).body());
        assertTrue(health.get("endpoints").toString().contains("/profile/{operation}"), health.toString());
    }
}
