package io.perfweave.agent.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Resource sampling and the resource thresholds.
 *
 * @param intervalSeconds how often resources are sampled on the agent's own thread (0.1..60)
 */
public record ResourcesConfig(@JsonProperty("interval_seconds") Double intervalSeconds,
                              @JsonProperty("thresholds") ResourceThresholds thresholds) {
    public static final ResourcesConfig DEFAULT = new ResourcesConfig(1.0, null);

    public ResourcesConfig {
        intervalSeconds = intervalSeconds == null ? 1.0 : intervalSeconds;
        if (intervalSeconds < 0.1 || intervalSeconds > 60) {
            throw new IllegalArgumentException("resources.interval_seconds must be between 0.1 and 60, was " + intervalSeconds);
        }
        if (thresholds != null) {
            if (thresholds.memoryIncreaseMb() != null) {
                thresholds.memoryIncreaseMb().checkOrder("resources.thresholds.memory_increase_mb", false);
            }
            if (thresholds.cpuPercent() != null) {
                thresholds.cpuPercent().checkOrder("resources.thresholds.cpu_percent", false);
            }
        }
    }

    /** Limits on the process's resource use. */
    public record ResourceThresholds(@JsonProperty("memory_increase_mb") Levels memoryIncreaseMb,
                                     @JsonProperty("cpu_percent") Levels cpuPercent,
                                     @JsonProperty("recommendations") java.util.Map<String, String> recommendations) {
    }
}
