package io.perfweave.agent.config;


import java.util.regex.Pattern;

/**
 * Alerts that {@code perfweave-agent.jar rules} generates beyond the thresholds: for now the
 * seeds' "20 % slower than baseline", a rule per operation that compares its average duration
 * now with the same figure {@code baseline_offset} ago.
 *
 * @param regressionPercent how much slower than the baseline an operation's average may get
 * @param baselineOffset how far back the baseline lies, as a Prometheus duration ({@code 1d}, {@code 1w}, {@code 12h})
 * @param rangeSeconds the range both averages are taken over
 * @param forSeconds how long a regression must last before its alert fires
 */
public record AlertsConfig(Double regressionPercent,
                           String baselineOffset,
                           Integer rangeSeconds,
                           Integer forSeconds) {
    /** Prometheus' duration syntax: units from the largest to the smallest, each at most once. */
    private static final Pattern PROMETHEUS_DURATION =
            Pattern.compile("(\\d+y)?(\\d+w)?(\\d+d)?(\\d+h)?(\\d+m)?(\\d+s)?(\\d+ms)?");

    public AlertsConfig {
        if (regressionPercent == null) {
            throw new IllegalArgumentException("alerts needs regression_percent (how much slower than the baseline"
                    + " an operation's average may get, e.g. 20)");
        }
        if (!(regressionPercent > 0 && regressionPercent <= 10_000)) {
            throw new IllegalArgumentException("regression_percent must be above 0 and at most 10000, was "
                    + regressionPercent);
        }
        baselineOffset = baselineOffset == null ? "1d" : baselineOffset;
        if (baselineOffset.isEmpty() || !PROMETHEUS_DURATION.matcher(baselineOffset).matches()
                || baselineOffset.replaceAll("[^1-9]", "").isEmpty()) {
            throw new IllegalArgumentException("baseline_offset must be a Prometheus duration such as 1d, 1w"
                    + " or 12h30m, was '" + baselineOffset + "'");
        }
        rangeSeconds = rangeSeconds == null ? 300 : rangeSeconds;
        if (rangeSeconds < 1 || rangeSeconds > 86_400) {
            throw new IllegalArgumentException("range_seconds must be 1..86400, was " + rangeSeconds);
        }
        forSeconds = OperationThresholds.checkForSeconds(forSeconds);
    }
}
