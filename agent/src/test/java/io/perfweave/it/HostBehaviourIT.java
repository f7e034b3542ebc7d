package io.perfweave.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.perfweave.it.apps.HostBehaviourApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same application with and without the agent: identical output (return values, exception
 * identity, stack traces), and the agent's counts for recursion, default methods, lambdas,
 * asynchronous results and constructors.
 */
class HostBehaviourIT {
    private static final String APP = HostBehaviourApp.class.getName();
    private static final String CONFIG = String.join("\n",
            "operations:",
            "  - name: '{method}'",
            "    class: " + APP,
            "    method: '*Value'",
            "  - name: thrower",
            "    class: " + APP,
            "    method: thrower",
            "  - name: fib_all",
            "    class: " + APP,
            "    method: fib",
            "  - name: fib_outermost",
            "    class: " + APP,
            "    method: fibOutermost",
            "    recursion: outermost",
            "  - name: greet",
            "    class: " + APP + "$Greeter",
            "    method: greet",
            "  - name: lambda_body",
            "    class: " + APP,
            "    method: 'lambda$main$*'",
            "  - name: later",
            "    class: " + APP,
            "    method: later",
            "    async: true",
            "  - name: greet_by_subtype",
            "    subtype_of: " + APP + "$Greeter",
            "    method: greet",
            "  - name: annotated",
            "    annotated_with: " + APP + "$Measured",
            "    method: '*'",
            "  - name: compare",
            "    class: " + APP + "$Version",
            "    method: compareTo",
            "  - name: pick_int",
            "    class: " + APP,
            "    method: pick",
            "    parameter_types: [int]",
            "  - name: pick_string",
            "    class: " + APP,
            "    method: pick",
            "    parameter_types: [java.lang.String]",
            "  - name: widget_new",
            "    class: " + APP + "$Widget",
            "    method: '<init>'",
            "");

    private static ForkedJvm withAgent;

    @BeforeAll
    static void start() throws Exception {
        withAgent = ForkedJvm.start(CONFIG, APP, "wait");
        withAgent.awaitStdout("ready", Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() {
        withAgent.close();
    }

    @Test
    void outputIsIdenticalWithAndWithoutTheAgent() throws Exception {
        try (ForkedJvm plain = ForkedJvm.start(null, null, List.of(), List.of(), APP, "wait")) {
            plain.awaitStdout("ready", Duration.ofSeconds(30));
            List<String> expected = plain.stdout();
            assertTrue(expected.contains("same instance true"), "the application itself checks exception identity");
            assertEquals(expected, withAgent.stdout());
        }
    }

    @Test
    void returnValuesOfEveryKindAreTimed() throws Exception {
        JsonNode metrics = withAgent.getJson("/metrics");
        for (String name : List.of("intValue", "longValue", "doubleValue", "stringValue", "arrayValue", "voidValue", "nullValue")) {
            assertEquals(1, metrics.path(name).path("total_calls").asLong(), name + ": " + metrics.path(name));
            assertEquals(1, metrics.path(name).path("matched").asInt(), name);
        }
    }

    @Test
    void failuresAreCountedWithTheirError() throws Exception {
        JsonNode thrower = withAgent.getJson("/metrics/thrower");
        // 3 failing calls from the top, each through 5 nested frames of the same method
        assertEquals(15, thrower.path("total_calls").asLong());
        assertEquals(15, thrower.path("failed_calls").asLong());
        assertEquals(0, thrower.path("success_rate").asDouble());
        assertEquals("java.lang.IllegalStateException", thrower.path("last_error").path("type").asText());
        assertEquals("thrown at the bottom", thrower.path("last_error").path("message").asText());
    }

    @Test
    void recursionPolicyDecidesWhichNestedCallsCount() throws Exception {
        // fib(10) makes 177 calls in all; only one of them is outermost
        assertEquals(177, withAgent.getJson("/metrics/fib_all").path("total_calls").asLong());
        assertEquals(1, withAgent.getJson("/metrics/fib_outermost").path("total_calls").asLong());
    }

    @Test
    void defaultMethodsLambdasAndConstructorsAreTimed() throws Exception {
        assertEquals(5, withAgent.getJson("/metrics/greet").path("total_calls").asLong());
        // the lambda in main is called 7 times (arrayValue's lambda lives in another method)
        JsonNode lambda = withAgent.getJson("/metrics/lambda_body");
        assertEquals(7, lambda.path("total_calls").asLong(), lambda.toString());
        assertEquals(4, withAgent.getJson("/metrics/widget_new").path("total_calls").asLong());
    }

    @Test
    void subtypeAnnotationAndParameterSelectorsChooseTheRightMethods() throws Exception {
        // the default method is declared in the interface itself, which is a subtype of itself
        assertEquals(5, withAgent.getJson("/metrics/greet_by_subtype").path("total_calls").asLong());
        JsonNode annotated = withAgent.getJson("/metrics/annotated");
        assertEquals(1, annotated.path("matched").asInt(), "the constructor is not selected by '*': " + annotated);
        assertEquals(1, annotated.path("total_calls").asLong());
        JsonNode compare = withAgent.getJson("/metrics/compare");
        assertEquals(1, compare.path("matched").asInt(), "the compiler's bridge method is never selected: " + compare);
        assertTrue(compare.path("total_calls").asLong() >= 2, compare.toString());
        assertEquals(2, withAgent.getJson("/metrics/pick_int").path("total_calls").asLong());
        assertEquals(1, withAgent.getJson("/metrics/pick_string").path("total_calls").asLong());
    }

    @Test
    void asynchronousResultsAreTimedToCompletion() throws Exception {
        JsonNode later = withAgent.getJson("/metrics/later");
        assertEquals(2, later.path("total_calls").asLong());
        assertEquals(1, later.path("failed_calls").asLong());
        assertEquals("java.lang.IllegalStateException", later.path("last_error").path("type").asText());
        // the successful call sleeps 20 ms before completing; the method itself returns at once
        assertTrue(later.path("min_duration_ms").asDouble() >= 19.0, later.toString());
    }
}
