package io.perfweave.it.insight;

import com.fasterxml.jackson.databind.JsonNode;
import io.perfweave.it.apps.insight.InsightApp;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code allocation: true}: the bytes a call's thread allocated, per call, for the operation that
 * asks, and nothing of the kind for one that does not.
 */
class AllocationIT {
    private static final String CONFIG = String.join("\n",
            "operations:",
            "  - name: allocate",
            "    class: " + InsightApp.class.getName(),
            "    method: allocate",
            "    allocation: true",
            "  - name: lookup",
            "    class: " + InsightApp.class.getName(),
            "    method: lookup",
            "");

    @Test
    void eachCallsAllocationIsMeasuredOnlyWhereAsked() throws Exception {
        try (InsightJvm app = InsightJvm.start(CONFIG, List.of())) {
            app.command("allocate 1000 20");
            app.command("call TEST-001 1 3");
            JsonNode allocate = app.json("/metrics/allocate");
            assertEquals(20, allocate.get("total_calls").asLong(), allocate.toString());
            // 1000 arrays of 1 KB with their headers, and the array holding them (16 + 4 or 8 bytes each)
            double perCall = allocate.get("avg_allocated_bytes").asDouble();
            assertTrue(perCall >= 1000 * 1024 && perCall < 1000 * 1024 * 1.05, "allocated per call: " + perCall);
            assertEquals(perCall, allocate.get("window").get("avg_allocated_bytes").asDouble(), 1e-6);
            JsonNode lookup = app.json("/metrics/lookup");
            assertEquals(3, lookup.get("total_calls").asLong());
            assertFalse(lookup.has("avg_allocated_bytes"), lookup.toString());
        }
    }
}
