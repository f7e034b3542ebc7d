package io.perfweave.agent.stats;

import io.perfweave.bootstrap.BucketCounts;
import io.perfweave.bootstrap.DurationBuckets;

import java.util.Arrays;
import java.util.List;

/**
 * The histogram bounds of the config ({@code histogram_buckets_seconds}) onto which the recorded
 * durations are counted for the formats that aggregate across JVMs: Prometheus and OTLP. A
 * duration counts towards the first bound at or above the midpoint of its {@link DurationBuckets}
 * cell, so a bound is exact to within 0.8 %.
 */
public final class HistogramBounds {
    private final List<Double> seconds;
    private final double[] nanos;

    public HistogramBounds(List<Double> boundsSeconds) {
        this.seconds = List.copyOf(boundsSeconds);
        this.nanos = boundsSeconds.stream().mapToDouble(s -> s * 1e9).toArray();
    }

    /** The bounds, in seconds, in increasing order. */
    public List<Double> seconds() {
        return seconds;
    }

    /**
     * For each bound, the durations above the bound before it and at or below it; the last element
     * counts the durations above the last bound. One pass over the cells.
     */
    public long[] countsPerBound(BucketCounts buckets) {
        long[] counts = new long[nanos.length + 1];
        for (int i = 0; i < buckets.size(); i++) {
            int at = Arrays.binarySearch(nanos, DurationBuckets.midpoint(buckets.index(i)));
            // an exact hit belongs to that bound; otherwise to the first bound above
            counts[at >= 0 ? at : -at - 1] += buckets.count(i);
        }
        return counts;
    }

    /** For each bound, the durations at or below it; the last element counts all (the {@code +Inf} bucket). */
    public long[] cumulativeCounts(BucketCounts buckets) {
        long[] counts = countsPerBound(buckets);
        for (int b = 1; b < counts.length; b++) {
            counts[b] += counts[b - 1];
        }
        return counts;
    }
}
