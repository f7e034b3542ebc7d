package io.perfweave.agent.stats;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One operation's statistics over one period, with the seeds' field names and units: durations in
 * milliseconds, {@code success_rate} in percent. As in the seeds, durations (average, min, max,
 * percentiles) describe successful calls; failed calls are counted in {@code failed_calls}.
 * An operation without calls has zeros everywhere and a success rate of 0.
 * {@code avg_allocated_bytes} (bytes the calling thread allocated per call, failed calls included)
 * appears only for operations that measure allocation ({@code allocation: true}) and have calls.
 */
@JsonPropertyOrder({"operation", "total_calls", "successful_calls", "failed_calls", "avg_duration_ms",
        "max_duration_ms", "min_duration_ms", "success_rate", "p50_ms", "p95_ms", "p99_ms", "stddev_ms",
        "calls_per_second", "period_seconds", "last_error", "avg_allocated_bytes"})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Summary(
        @JsonProperty("operation") String operation,
        @JsonProperty("total_calls") long totalCalls,
        @JsonProperty("successful_calls") long successfulCalls,
        @JsonProperty("failed_calls") long failedCalls,
        @JsonProperty("avg_duration_ms") double avgDurationMs,
        @JsonProperty("max_duration_ms") double maxDurationMs,
        @JsonProperty("min_duration_ms") double minDurationMs,
        @JsonProperty("success_rate") double successRate,
        @JsonProperty("p50_ms") double p50Ms,
        @JsonProperty("p95_ms") double p95Ms,
        @JsonProperty("p99_ms") double p99Ms,
        @JsonProperty("stddev_ms") double stddevMs,
        @JsonProperty("calls_per_second") double callsPerSecond,
        @JsonProperty("period_seconds") double periodSeconds,
        @JsonProperty("last_error") LastError lastError,
        @JsonProperty("avg_allocated_bytes") @JsonInclude(JsonInclude.Include.NON_NULL) Double avgAllocatedBytes) {

    /** The most recent failure: exception class and message, the message cut to a bounded length. */
    public record LastError(@JsonProperty("type") String type, @JsonProperty("message") String message,
                            @JsonProperty("at") String at) {
    }
}
