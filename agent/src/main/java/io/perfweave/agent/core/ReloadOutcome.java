package io.perfweave.agent.core;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What became of one reload of the config.
 *
 * @param applied true when the new config is in force; false when it was rejected (the previous
 *                one stays in force) or nothing had changed
 * @param message what happened, or why the config was rejected (with file, line and column)
 * @param classesRetransformed loaded classes woven anew
 * @param durationMs how long the reload took
 * @param at when it happened (ISO-8601)
 */
public record ReloadOutcome(@JsonProperty("applied") boolean applied, @JsonProperty("message") String message,
                            @JsonProperty("classes_retransformed") int classesRetransformed,
                            @JsonProperty("duration_ms") long durationMs, @JsonProperty("at") String at) {
}
