package io.perfweave.orchestrator.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.perfweave.orchestrator.decision.OrchestrationOptions;
import io.perfweave.orchestrator.decision.ProjectData;

import java.io.IOException;
import java.util.Set;

/**
 * Turns the body of {@code POST /orchestrate/project/{id}} into a {@link ProjectData}:
 * {@code {"action": "analyze_and_orchestrate", "options": {"enable_pattern_recognition": true}}}.
 *
 * <p>Every part is optional, an empty body included: the original service's load test posts
 * without a body and expects the default orchestration. Broken JSON is a 400; well-formed JSON
 * that asks for something unsupported is a 422, as the original (FastAPI) service answered.
 */
final class OrchestrationRequestParser {

    static final Set<String> SUPPORTED_ACTIONS = Set.of(ProjectData.ANALYZE_AND_ORCHESTRATE);

    private final ObjectReader reader;

    OrchestrationRequestParser(ObjectMapper mapper) {
        this.reader = mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    ProjectData parse(String projectId, byte[] body) {
        JsonNode root = readTree(body);
        if (root == null || root.isMissingNode()) {
            return new ProjectData(projectId, ProjectData.ANALYZE_AND_ORCHESTRATE, OrchestrationOptions.DEFAULTS);
        }
        if (!root.isObject()) {
            throw new ApiException(422, "request body must be a JSON object");
        }
        return new ProjectData(projectId, action(root.get("action")), options(root.get("options")));
    }

    private JsonNode readTree(byte[] body) {
        try {
            return reader.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ApiException(400, "malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ApiException(400, "unreadable request body: " + e.getMessage());
        }
    }

    private static String action(JsonNode action) {
        if (action == null || action.isNull()) {
            return ProjectData.ANALYZE_AND_ORCHESTRATE;
        }
        if (!action.isTextual()) {
            throw new ApiException(422, "\"action\" must be a string");
        }
        if (!SUPPORTED_ACTIONS.contains(action.asText())) {
            throw new ApiException(422, "unknown action \"" + action.asText() + "\", supported: "
                    + ProjectData.ANALYZE_AND_ORCHESTRATE);
        }
        return action.asText();
    }

    private static OrchestrationOptions options(JsonNode options) {
        if (options == null || options.isNull()) {
            return OrchestrationOptions.DEFAULTS;
        }
        if (!options.isObject()) {
            throw new ApiException(422, "\"options\" must be an object");
        }
        JsonNode enable = options.get("enable_pattern_recognition");
        if (enable == null || enable.isNull()) {
            return OrchestrationOptions.DEFAULTS;
        }
        if (!enable.isBoolean()) {
            throw new ApiException(422, "\"options.enable_pattern_recognition\" must be true or false");
        }
        return new OrchestrationOptions(enable.booleanValue());
    }
}
