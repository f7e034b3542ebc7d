package io.perfweave.agent.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.perfweave.agent.config.ConfigLoader;
import io.perfweave.agent.config.ServerConfig;
import io.perfweave.agent.record.OperationCatalog;
import io.perfweave.agent.stats.Statistics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The port in this JVM: the request limits, the token, the browser guard, the threads. */
class AgentHttpServerTest {
    private static final String TOKEN = "0123456789abcdef-secret";
    private static AgentHttpServer open;
    private static AgentHttpServer guarded;

    @BeforeAll
    static void start() throws Exception {
        Statistics statistics = new Statistics(new OperationCatalog(new ConfigLoader().parse(
                "operations:\n  - name: server_test\n    class: x.Y\n    method: m\n", "server.yaml")));
        MetricsRoutes routes = new MetricsRoutes(statistics)
                .withEndpoint("/thread", request -> java.util.Map.of("name", Thread.currentThread().getName()));
        open = new AgentHttpServer(new ServerConfig(true, "127.0.0.1", 0, null, 2), routes);
        assertTrue(open.startQuietly());
        guarded = new AgentHttpServer(new ServerConfig(true, "127.0.0.1", 0, TOKEN, 2), new MetricsRoutes(statistics));
        assertTrue(guarded.startQuietly());
    }

    @AfterAll
    static void stop() {
        open.stop();
        guarded.stop();
    }

    private static RawHttp get(AgentHttpServer server, String path, String... headerLines) throws Exception {
        StringBuilder request = new StringBuilder("GET ").append(path).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        for (String line : headerLines) {
            request.append(line).append("\r\n");
        }
        return RawHttp.send(server.getListeningPort(), request.append("\r\n").toString());
    }

    private static void assertJsonError(int status, RawHttp reply) throws Exception {
        assertEquals(status, reply.status(), reply.body());
        assertTrue(reply.headers().get("content-type").startsWith("application/json"), reply.headers().toString());
        JsonNode error = HttpReply.MAPPER.readTree(reply.body());
        assertEquals(status, error.get("status").asInt());
        assertFalse(error.get("error").asText().isBlank());
    }

    @Test
    void aWellFormedRequestIsAnsweredAndTheConnectionClosed() throws Exception {
        RawHttp reply = get(open, "/health");
        assertEquals(200, reply.status());
        assertEquals("close", reply.headers().get("connection"));
        assertEquals("UP", HttpReply.MAPPER.readTree(reply.body()).get("status").asText());
        RawHttp head = RawHttp.send(open.getListeningPort(), "HEAD /health HTTP/1.1\r\nHost: localhost\r\n\r\n");
        assertEquals(200, head.status());
        assertEquals("", head.body());
    }

    @Test
    void requestsAreServedOnTheAgentsWorkerThreads() throws Exception {
        String name = HttpReply.MAPPER.readTree(get(open, "/thread").body()).get("name").asText();
        assertTrue(name.startsWith("perfweave-http-"), name);
    }

    @Test
    void malformedRequestsAre400() throws Exception {
        int port = open.getListeningPort();
        assertJsonError(400, RawHttp.send(port, "GARBAGE\r\n\r\n"));
        assertJsonError(400, RawHttp.send(port, "GET /metrics\r\n\r\n"));
        assertJsonError(400, RawHttp.send(port, "GET  /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
        assertJsonError(400, RawHttp.send(port, "GET /metrics/%zz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
        assertJsonError(400, RawHttp.send(port, "GET /metrics/% HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
        assertJsonError(400, RawHttp.send(port, "GET http://elsewhere/metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
        assertJsonError(400, RawHttp.send(port, "GET /metrics HTTP/1.1\r\n\r\n")); // no Host
        assertJsonError(400, RawHttp.send(port, "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nno colon here\r\n\r\n"));
        assertJsonError(400, RawHttp.send(port, "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nX-A: b\rc\r\n\r\n"));
        assertJsonError(400, RawHttp.send(port, "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: ten\r\n\r\n"));
        assertJsonError(400, RawHttp.send(port, "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab"));
        assertJsonError(400, RawHttp.send(port, "GET /metr\u00e9cs HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
        assertJsonError(505, RawHttp.send(port, "GET /metrics HTTP/2.0\r\nHost: 127.0.0.1\r\n\r\n"));
    }

    @Test
    void unknownMethodsAre405AndWrongMethodsOnKnownPathsToo() throws Exception {
        RawHttp brew = RawHttp.send(open.getListeningPort(), "BREW /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        assertJsonError(405, brew);
        assertEquals("GET, HEAD, POST", brew.headers().get("allow"));
        RawHttp delete = RawHttp.send(open.getListeningPort(), "DELETE /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        assertJsonError(405, delete);
        assertEquals("GET, HEAD", delete.headers().get("allow"));
        assertJsonError(404, get(open, "/no/such/path"));
    }

    @Test
    void oversizedRequestsAreRefusedWithTheirOwnStatus() throws Exception {
        int port = open.getListeningPort();
        assertJsonError(414, get(open, "/metrics?q=" + "x".repeat(RequestHeadReader.MAX_TARGET)));
        // a request line that never ends
        assertJsonError(414, RawHttp.send(port, "GET /" + "y".repeat(RequestHeadReader.MAX_HEAD + 10)));
        assertJsonError(431, get(open, "/metrics", "X-Big: " + "z".repeat(RequestHeadReader.MAX_HEAD)));
        String[] many = new String[RequestHeadReader.MAX_HEADER_LINES + 1];
        for (int i = 0; i < many.length; i++) {
            many[i] = "X-H" + i + ": v";
        }
        assertJsonError(431, get(open, "/metrics", many));
        assertJsonError(413, RawHttp.send(port, "POST /reset HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5000000\r\n\r\n"));
        assertJsonError(411, RawHttp.send(port, "POST /reset HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"));
        // a small body is read and ignored
        assertEquals(200, RawHttp.send(port, "POST /reset HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\n\r\n{}").status());
    }

    @Test
    void theTokenIsRequiredForDataButNotForTheDashboardsStaticFiles() throws Exception {
        RawHttp none = get(guarded, "/metrics");
        assertJsonError(401, none);
        assertEquals("Bearer", none.headers().get("www-authenticate"));
        assertJsonError(401, get(guarded, "/metrics", "Authorization: Bearer wrong-token-of-some-length"));
        assertJsonError(401, get(guarded, "/metrics", "Authorization: Bearer " + TOKEN + "x"));
        assertJsonError(401, get(guarded, "/metrics", "Authorization: Basic " + TOKEN));
        assertJsonError(401, get(guarded, "/no/such/path"));
        assertEquals(200, get(guarded, "/metrics", "Authorization: Bearer " + TOKEN).status());
        assertEquals(200, get(guarded, "/metrics", "Authorization: bearer " + TOKEN).status());
        assertEquals(200, get(guarded, "/").status());
        assertEquals(200, get(guarded, "/dashboard.js").status());
        assertJsonError(401, RawHttp.send(guarded.getListeningPort(), "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
    }

    @Test
    void pagesOfOtherSitesCannotReachALoopbackPortWithoutAToken() throws Exception {
        assertJsonError(403, RawHttp.send(open.getListeningPort(),
                "GET /metrics HTTP/1.1\r\nHost: attacker.example:" + open.getListeningPort() + "\r\n\r\n"));
        assertEquals(200, RawHttp.send(open.getListeningPort(), "GET /metrics HTTP/1.1\r\nHost: localhost:1\r\n\r\n").status());
        assertEquals(200, RawHttp.send(open.getListeningPort(), "GET /metrics HTTP/1.1\r\nHost: [::1]:1\r\n\r\n").status());
        assertJsonError(403, RawHttp.send(open.getListeningPort(),
                "POST /reset HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: https://attacker.example\r\nContent-Length: 0\r\n\r\n"));
        assertEquals(200, RawHttp.send(open.getListeningPort(),
                "POST /reset HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: http://127.0.0.1:9404\r\nContent-Length: 0\r\n\r\n").status());
    }
}
