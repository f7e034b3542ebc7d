package io.perfweave.agent.judge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perfweave.agent.config.Levels;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LevelChangeLogTest {
    @Test
    void aChangeIsOneLineOfJsonWithEverythingAPipelineNeeds() throws Exception {
        ThresholdCheck check = ThresholdCheck.judge("say \"hi\"", ThresholdKind.P95_MS, new Levels(200.0, 500.0, 1000.0),
                750.0, "window");
        String line = LevelChangeLog.line(new LevelChange(check, Level.TARGET));
        assertFalse(line.contains("\n"));
        JsonNode json = new ObjectMapper().readTree(line);
        assertEquals("threshold_level_changed", json.get("event").asText());
        assertEquals("say \"hi\"", json.get("operation").asText());
        assertEquals("p95_ms", json.get("threshold").asText());
        assertEquals("target", json.get("from").asText());
        assertEquals("warning", json.get("to").asText());
        assertEquals(750.0, json.get("actual").asDouble());
        assertEquals(200.0, json.get("limit").asDouble());
        assertFalse(json.get("met").asBoolean());
        assertEquals("window", json.get("over").asText());
        assertTrue(json.has("at"));
    }

    @Test
    void aResourceThresholdSaysSoInsteadOfNamingAnOperation() throws Exception {
        ThresholdCheck check = ThresholdCheck.judge(null, ThresholdKind.CPU_PERCENT, new Levels(70.0, 80.0, 90.0),
                null, "latest_sample");
        JsonNode json = new ObjectMapper().readTree(LevelChangeLog.line(new LevelChange(check, Level.CRITICAL)));
        assertTrue(json.get("resource").asBoolean());
        assertFalse(json.has("operation"));
        assertEquals("no_data", json.get("to").asText());
        assertTrue(json.get("actual").isNull());
    }
}
