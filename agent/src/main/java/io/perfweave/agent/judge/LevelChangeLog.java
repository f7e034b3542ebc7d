package io.perfweave.agent.judge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perfweave.agent.log.AgentLog;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Writes each level change as one line of JSON on the agent's log, for log pipelines:
 * <pre>[perfweave] {"event":"threshold_level_changed","operation":"enhanced_orchestration",
 * "threshold":"avg_ms","from":"target","to":"critical","actual":2450.1,"limit":2000.0,
 * "unit":"ms","met":false,"over":"window","at":"2025-01-01T00:00:00Z"}</pre>
 * (one line in the log). A resource threshold has {@code "resource":true} instead of an operation.
 */
final class LevelChangeLog implements Consumer<LevelChange> {
    static final String EVENT = "threshold_level_changed";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void accept(LevelChange change) {
        AgentLog.event(line(change));
    }

    static String line(LevelChange change) {
        ThresholdCheck check = change.check();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("event", EVENT);
        if (check.operation() != null) {
            fields.put("operation", check.operation());
        } else {
            fields.put("resource", true);
        }
        fields.put("threshold", check.threshold());
        fields.put("from", change.from());
        fields.put("to", change.to());
        fields.put("actual", check.actual());
        fields.put("limit", check.limit());
        fields.put("unit", check.unit());
        fields.put("met", check.met());
        fields.put("over", check.over());
        fields.put("at", Instant.now().toString());
        try {
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            // only strings, numbers and booleans go in: this cannot happen, but a log line must still come
            return "{\"event\":\"" + EVENT + "\",\"error\":\"unrenderable\"}";
        }
    }
}
