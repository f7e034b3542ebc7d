package io.perfweave.agent.judge;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.perfweave.agent.config.Levels;

/**
 * One threshold judged: its limit (the target, else the first level set), the figure it judged,
 * the level that figure is at, and whether the threshold is met.
 *
 * @param operation the operation judged; null for a resource threshold
 * @param threshold the config name ({@code avg_ms}, {@code memory_increase_mb}, ...)
 * @param actual null when there was nothing to judge ({@code level} is then {@code no_data})
 * @param over {@code window}, {@code since_start}, or {@code latest_sample} for resources
 * @param levels the target, warning and critical levels from the config
 */
@JsonPropertyOrder({"operation", "threshold", "limit", "actual", "unit", "level", "met", "over", "levels"})
public record ThresholdCheck(@JsonProperty("operation") @JsonInclude(JsonInclude.Include.NON_NULL) String operation,
                             @JsonProperty("threshold") String threshold,
                             @JsonProperty("limit") double limit,
                             @JsonProperty("actual") Double actual,
                             @JsonProperty("unit") String unit,
                             @JsonProperty("level") Level level,
                             @JsonProperty("met") boolean met,
                             @JsonProperty("over") String over,
                             @JsonProperty("levels") Levels levels) {

    static ThresholdCheck judge(String operation, ThresholdKind kind, Levels levels, Double actual, String over) {
        Level level = Level.of(levels, actual, kind.higherIsBetter());
        return new ThresholdCheck(operation, kind.configName(), Level.limitOf(levels), actual, kind.unit(), level,
                level.met(), over, levels);
    }

    /** The kind of figure this check judged. */
    public ThresholdKind kind() {
        return ThresholdKind.named(threshold);
    }
}
