package io.perfweave.agent.judge;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every configured threshold judged at one moment, as {@code GET /thresholds} answers it.
 *
 * @param thresholdsMet true when every threshold is met (as the seeds' {@code thresholds_met})
 * @param evaluatedAt when (ISO-8601)
 * @param operations operation name to threshold name to its check
 * @param resources resource threshold name to its check
 */
@JsonPropertyOrder({"thresholds_met", "evaluated_at", "operations", "resources"})
public record Judgement(@JsonProperty("thresholds_met") boolean thresholdsMet,
                        @JsonProperty("evaluated_at") String evaluatedAt,
                        @JsonProperty("operations") Map<String, Map<String, ThresholdCheck>> operations,
                        @JsonProperty("resources") Map<String, ThresholdCheck> resources) {

    /** Every check, operations' first, in config order. */
    public List<ThresholdCheck> checks() {
        List<ThresholdCheck> all = new ArrayList<>();
        operations.values().forEach(checks -> all.addAll(checks.values()));
        all.addAll(resources.values());
        return all;
    }

    static boolean allMet(Map<String, Map<String, ThresholdCheck>> operations, Map<String, ThresholdCheck> resources) {
        for (Map<String, ThresholdCheck> checks : operations.values()) {
            for (ThresholdCheck check : checks.values()) {
                if (!check.met()) {
                    return false;
                }
            }
        }
        return resources.values().stream().allMatch(ThresholdCheck::met);
    }
}
