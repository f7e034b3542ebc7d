package io.perfweave.agent.stats;

import io.perfweave.bootstrap.Totals;

/**
 * One operation (or one tag value of one) as read at one moment: its totals since start (or the
 * last reset) and over the recent window, and the seconds each covers. Immutable; every view
 * (JSON, Prometheus, thresholds, reports, the dashboard) reads this.
 */
public record OperationSnapshot(String operation, Totals sinceStart, double secondsSinceStart, Totals window,
                                double windowSeconds) {

    public Summary summary() {
        return SummaryMath.summarize(operation, sinceStart, secondsSinceStart, false);
    }

    /** Where its time went since start: null when no timed call ran inside its calls. */
    public Breakdown breakdown() {
        return Breakdown.of(sinceStart);
    }

    public Summary windowSummary() {
        return SummaryMath.summarize(operation, window, windowSeconds, true);
    }
}
