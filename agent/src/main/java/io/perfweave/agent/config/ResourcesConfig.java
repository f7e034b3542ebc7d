package io.perfweave.agent.config;


/**
 * Resource sampling and the resource thresholds.
 *
 * @param intervalSeconds how often resources are sampled on the agent's own thread (0.1..60)
 * @param osProbe how operating-system figures are read: {@code auto} (the default: OSHI reading
 *                {@code /proc} without native code where it can, on Linux, else OSHI over JNA),
 *                {@code jna} (OSHI over JNA everywhere), or {@code off} (JVM figures only)
 */
public record ResourcesConfig(Double intervalSeconds,
                              ResourceThresholds thresholds,
                              String osProbe) {
    public static final ResourcesConfig DEFAULT = new ResourcesConfig(1.0, null, "auto");

    public ResourcesConfig {
        osProbe = osProbe == null ? "auto" : osProbe;
        if (!osProbe.equals("auto") && !osProbe.equals("jna") && !osProbe.equals("off")) {
            throw new IllegalArgumentException("os_probe must be 'auto', 'jna' or 'off', was '" + osProbe + "'");
        }
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

    /**
     * Limits on the process's resource use.
     *
     * @param memoryIncreaseMb resident memory above the baseline (taken at start and on reset), MB
     * @param cpuPercent the process's CPU use, 100 being one core busy (as in the seeds' psutil)
     * @param recommendations threshold name to the text shown when that threshold is breached
     * @param forSeconds how long a breach must last before a generated alert fires (default 300)
     */
    public record ResourceThresholds(Levels memoryIncreaseMb,
                                     Levels cpuPercent,
                                     java.util.Map<String, String> recommendations,
                                     Integer forSeconds) {
        public ResourceThresholds {
            forSeconds = OperationThresholds.checkForSeconds(forSeconds);
            recommendations = recommendations == null ? java.util.Map.of() : new java.util.LinkedHashMap<>(recommendations);
            for (String key : recommendations.keySet()) {
                Levels levels = key.equals("memory_increase_mb") ? memoryIncreaseMb
                        : key.equals("cpu_percent") ? cpuPercent : null;
                if (levels == null) {
                    throw new IllegalArgumentException("recommendations: '" + key
                            + "' is not one of the resource thresholds set here (memory_increase_mb, cpu_percent)");
                }
            }
        }
    }
}
