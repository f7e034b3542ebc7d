package io.perfweave.agent.config;


import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An operation's thresholds. Durations are milliseconds; {@code success_rate_min} is a percentage.
 *
 * @param over {@code window} (the default: the recent sliding window) or {@code since_start}
 * @param slowCallMs calls slower than this are counted, once a second, into a JFR event (needs
 *                   {@code jfr: true}); not a level of its own
 * @param forSeconds how long a breach must last before an alert generated from these thresholds
 *                   ({@code perfweave-agent.jar rules}) fires; the agent's own judgement ignores it
 */
public record OperationThresholds(Levels avgMs, Levels p95Ms,
                                  Levels p99Ms, Levels maxMs,
                                  Levels successRateMin,
                                  String over,
                                  Double slowCallMs,
                                  Integer forSeconds) {
    /** The seeds' operations guide alerts on breaches that last five minutes. */
    public static final int DEFAULT_FOR_SECONDS = 300;
    /** A week is far past any useful alert delay: a larger figure is more likely milliseconds by mistake. */
    static final int MAX_FOR_SECONDS = 7 * 24 * 3600;

    public OperationThresholds {
        forSeconds = checkForSeconds(forSeconds);
        if (over == null) {
            over = "window";
        }
        if (!over.equals("window") && !over.equals("since_start")) {
            throw new IllegalArgumentException("thresholds.over must be 'window' or 'since_start', was '" + over + "'");
        }
        if (slowCallMs != null && !(slowCallMs > 0 && slowCallMs < 1e9)) {
            throw new IllegalArgumentException("thresholds.slow_call_ms must be a positive number of milliseconds, was "
                    + slowCallMs);
        }
        for (Map.Entry<String, Levels> entry : byName(avgMs, p95Ms, p99Ms, maxMs, successRateMin).entrySet()) {
            entry.getValue().checkOrder("thresholds." + entry.getKey(), entry.getKey().equals("success_rate_min"));
        }
    }

    /**
     * {@code for_seconds} with its default, checked to be 0 (fire at once) up to a week. The
     * message starts with the key, so that the error is reported at its line.
     */
    static int checkForSeconds(Integer forSeconds) {
        if (forSeconds == null) {
            return DEFAULT_FOR_SECONDS;
        }
        if (forSeconds < 0 || forSeconds > MAX_FOR_SECONDS) {
            throw new IllegalArgumentException("for_seconds (how long a breach lasts before its alert fires) must be"
                    + " 0 to " + MAX_FOR_SECONDS + " seconds, was " + forSeconds);
        }
        return forSeconds;
    }

    /** The thresholds that are set, by their config name. */
    public Map<String, Levels> byName() {
        return byName(avgMs, p95Ms, p99Ms, maxMs, successRateMin);
    }

    private static Map<String, Levels> byName(Levels avg, Levels p95, Levels p99, Levels max, Levels successRate) {
        Map<String, Levels> map = new LinkedHashMap<>();
        if (avg != null) map.put("avg_ms", avg);
        if (p95 != null) map.put("p95_ms", p95);
        if (p99 != null) map.put("p99_ms", p99);
        if (max != null) map.put("max_ms", max);
        if (successRate != null) map.put("success_rate_min", successRate);
        return map;
    }
}
