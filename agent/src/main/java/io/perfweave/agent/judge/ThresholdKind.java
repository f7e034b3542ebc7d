package io.perfweave.agent.judge;

import io.perfweave.agent.stats.Summary;

import java.util.function.ToDoubleFunction;

/**
 * The figures a threshold can judge: an operation's summary fields, and the process's resources.
 * Each knows its config name, the words a recommendation uses for it, and its unit.
 */
public enum ThresholdKind {
    AVG_MS("avg_ms", "average duration", "ms", false, Summary::avgDurationMs),
    P95_MS("p95_ms", "95th percentile duration", "ms", false, Summary::p95Ms),
    P99_MS("p99_ms", "99th percentile duration", "ms", false, Summary::p99Ms),
    MAX_MS("max_ms", "longest call", "ms", false, Summary::maxDurationMs),
    SUCCESS_RATE_MIN("success_rate_min", "success rate", "%", true, Summary::successRate),
    MEMORY_INCREASE_MB("memory_increase_mb", "memory increase", "MB", false, null),
    CPU_PERCENT("cpu_percent", "process CPU use", "%", false, null);

    private final String configName;
    private final String words;
    private final String unit;
    private final boolean higherIsBetter;
    private final ToDoubleFunction<Summary> field;

    ThresholdKind(String configName, String words, String unit, boolean higherIsBetter, ToDoubleFunction<Summary> field) {
        this.configName = configName;
        this.words = words;
        this.unit = unit;
        this.higherIsBetter = higherIsBetter;
        this.field = field;
    }

    public String configName() {
        return configName;
    }

    public String words() {
        return words;
    }

    public String unit() {
        return unit;
    }

    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /**
     * The figure this threshold judges in {@code summary}, or null when the summary has nothing
     * to judge: no calls at all, or (for durations, which describe successful calls) no
     * successful call.
     */
    Double actual(Summary summary) {
        if (field == null) {
            throw new IllegalStateException(configName + " is not an operation threshold");
        }
        long calls = this == SUCCESS_RATE_MIN ? summary.totalCalls() : summary.successfulCalls();
        return calls == 0 ? null : field.applyAsDouble(summary);
    }

    /** The kind with this config name, or null. */
    public static ThresholdKind named(String configName) {
        for (ThresholdKind kind : values()) {
            if (kind.configName.equals(configName)) {
                return kind;
            }
        }
        return null;
    }
}
