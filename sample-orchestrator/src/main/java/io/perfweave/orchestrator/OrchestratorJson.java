package io.perfweave.orchestrator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one JSON dialect the service speaks, in files and over HTTP: snake_case field names, as the
 * original Python service and its clients use.
 */
public final class OrchestratorJson {

    private OrchestratorJson() {
    }

    /** A new mapper; mappers are thread-safe once configured, so callers keep and share one. */
    public static ObjectMapper newMapper() {
        return JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .build();
    }
}
