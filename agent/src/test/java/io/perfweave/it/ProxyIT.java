package io.perfweave.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.perfweave.it.apps.proxy.ProxyApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Interfaces called through {@code java.lang.reflect.Proxy} classes: exact counts and failures per
 * operation, names after the interface, one count for a call through a proxy to a woven
 * implementation of the same operation, the same output as without the agent, and proxies made
 * before the agent was attached.
 */
class ProxyIT {
    private static final String APP = ProxyApp.class.getName();
    private static final String PACKAGE = ProxyApp.class.getPackageName();
    private static final String CONFIG = String.join("\n",
            "server: {port: 0}",
            "operations:",
            "  - name: '{simpleClass}.{method}'",
            "    subtype_of: " + PACKAGE + ".Repository",
            "    method: '*'",
            "  - name: orders",
            "    class: " + PACKAGE + ".OrderRepository",
            "    method: '*'",
            "  - name: orders_to_string",
            "    subtype_of: " + PACKAGE + ".OrderRepository",
            "    method: toString",
            "  - name: prices",
            "    subtype_of: " + PACKAGE + ".PriceService",
            "    method: price",
            "  - name: prices_outermost",
            "    subtype_of: " + PACKAGE + ".PriceService",
            "    method: price",
            "    recursion: outermost",
            "  - name: 'price.{simpleClass}'",
            "    subtype_of: " + PACKAGE + ".PriceService",
            "    method: price",
            "  - name: prices_by_item",
            "    subtype_of: " + PACKAGE + ".PriceService",
            "    method: price",
            "    tags: {item: arg0}",
            "");

    private static ForkedJvm withAgent;

    @BeforeAll
    static void start() throws Exception {
        withAgent = ForkedJvm.start(CONFIG, APP);
        withAgent.awaitStdout("ready", Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() {
        withAgent.close();
    }

    private static void assertCalls(JsonNode metrics, String operation, long total, long failed, String errorType) {
        JsonNode summary = metrics.path(operation);
        assertEquals(total, summary.path("total_calls").asLong(), operation + ": " + summary);
        assertEquals(failed, summary.path("failed_calls").asLong(), operation + ": " + summary);
        if (errorType != null) {
            assertEquals(errorType, summary.path("last_error").path("type").asText(), operation + ": " + summary);
        }
        assertTrue(summary.path("matched").asInt() >= 1, operation + ": " + summary);
    }

    @Test
    void outputIsIdenticalWithAndWithoutTheAgent() throws Exception {
        try (ForkedJvm plain = ForkedJvm.start(null, null, List.of(), List.of(), APP)) {
            plain.awaitStdout("ready", Duration.ofSeconds(30));
            List<String> expected = plain.stdout();
            assertTrue(expected.contains("handler saw Repository.findById [2] on the proxy itself true"), expected.toString());
            assertEquals(3, expected.stream().filter(line -> line.equals("same instance true")).count(),
                    "the application itself checks that it gets the handler's exceptions: " + expected);
            assertTrue(expected.stream().anyMatch(line -> line.contains("jdk.proxyN.$ProxyN.findById")), expected.toString());
            assertEquals(expected, withAgent.stdout());
        }
    }

    @Test
    void everyMethodOfTheInterfaceIsTimedWithItsFailuresUnderTheInterfacesName() throws Exception {
        JsonNode metrics = withAgent.getJson("/metrics");
        assertCalls(metrics, "OrderRepository.findById", 3, 1, "java.lang.IllegalArgumentException");
        assertCalls(metrics, "OrderRepository.findByCustomer", 1, 0, null);
        assertCalls(metrics, "OrderRepository.save", 2, 1, "java.io.IOException");
        // a checked exception that count() does not declare reaches the caller wrapped, and counts as the caller sees it
        assertCalls(metrics, "OrderRepository.count", 2, 1, "java.lang.reflect.UndeclaredThrowableException");
        assertCalls(metrics, "orders", 3 + 1 + 2 + 2 + 1, 3, null);
        assertCalls(metrics, "orders_to_string", 1, 0, null);
        List<String> names = new ArrayList<>();
        metrics.fieldNames().forEachRemaining(names::add);
        assertFalse(names.contains("OrderRepository.toString"), "toString only when a rule names it: " + names);
        assertFalse(names.stream().anyMatch(name -> name.contains("$Proxy")), names.toString());
        // findById(2)'s handler sleeps 5 ms: the proxy's call includes its handler
        assertTrue(metrics.path("OrderRepository.findById").path("max_duration_ms").asDouble() >= 5.0,
                metrics.path("OrderRepository.findById").toString());
    }

    @Test
    void aCallThroughAProxyToAWovenImplementationOfTheSameOperationCountsOnce() throws Exception {
        JsonNode metrics = withAgent.getJson("/metrics");
        // 4 calls through the proxy (each reaching PriceList.price) and 2 straight to PriceList: 6, not 10
        assertCalls(metrics, "prices", 6, 1, "java.util.NoSuchElementException");
        assertCalls(metrics, "prices_outermost", 6, 1, "java.util.NoSuchElementException");
        assertEquals(2, metrics.path("prices").path("matched").asInt(), "the proxy's method and the class's");
        // named after their classes, the proxy and the implementation are operations of their own
        assertCalls(metrics, "price.PriceService", 4, 1, "java.util.NoSuchElementException");
        assertCalls(metrics, "price.PriceList", 6, 1, "java.util.NoSuchElementException");
        // tagged by the proxy method's argument: apple twice through the proxy, once straight to PriceList
        JsonNode apple = withAgent.getJson("/report/item/apple").path("component_metrics").path("prices_by_item");
        assertEquals(3, apple.path("total_calls").asLong(), apple.toString());
        assertCalls(metrics, "prices_by_item", 6, 1, "java.util.NoSuchElementException");
        // the handler runs the interface's default method: the proxy's method and the default body are one operation
        assertCalls(metrics, "OrderRepository.describe", 1, 0, null);
        assertEquals(2, metrics.path("OrderRepository.describe").path("matched").asInt());
    }

    @Test
    void proxiesMadeBeforeTheAgentWasAttachedAreWovenWhenItIs() throws Exception {
        Path config = Files.createTempFile("perfweave-proxy-", ".yaml");
        Files.writeString(config, CONFIG);
        try (ForkedJvm host = ForkedJvm.start(null, null, List.of(), List.of(), APP)) {
            host.awaitStdout("ready", Duration.ofSeconds(30));
            AttachIT.cli("attach", String.valueOf(host.pid()), config.toString());
            // loaded classes are re-woven on an agent thread, in batches: wait for every method,
            // let one round run, then count one round from a clean slate
            awaitMatched(host, "orders", 6); // the proxy's five methods and the interface's default method
            awaitMatched(host, "prices", 2); // the proxy's method and PriceList's
            int rounds = round(host, 0);
            assertEquals(200, host.http("POST", "/reset").statusCode());
            round(host, rounds);
            JsonNode metrics = host.getJson("/metrics");
            assertCalls(metrics, "orders", 9, 3, null);
            assertCalls(metrics, "OrderRepository.findById", 3, 1, "java.lang.IllegalArgumentException");
            assertCalls(metrics, "prices", 6, 1, "java.util.NoSuchElementException");
        } finally {
            Files.deleteIfExists(config);
        }
    }

    private static void awaitMatched(ForkedJvm host, String operation, int methods) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (host.getJson("/metrics/" + operation).path("matched").asInt() < methods) {
            assertTrue(System.nanoTime() < deadline, operation + " has not matched " + methods + " methods\n"
                    + host.getJson("/metrics/" + operation) + "\n" + String.join("\n", host.agentLog()));
            Thread.sleep(100);
        }
    }

    /** Asks the application for one more round of calls and waits until it is done. */
    private static int round(ForkedJvm host, int roundsBefore) throws Exception {
        host.send("again");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (host.stdout().stream().filter(line -> line.equals("again done")).count() <= roundsBefore) {
            assertTrue(System.nanoTime() < deadline, "round " + (roundsBefore + 1) + " did not end");
            Thread.sleep(20);
        }
        return roundsBefore + 1;
    }
}
