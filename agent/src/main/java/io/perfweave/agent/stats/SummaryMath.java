package io.perfweave.agent.stats;

import io.perfweave.bootstrap.BucketCounts;
import io.perfweave.bootstrap.DurationBuckets;
import io.perfweave.bootstrap.ErrorRecord;
import io.perfweave.bootstrap.Totals;

import java.time.Instant;

/**
 * Turns raw {@link Totals} into a {@link Summary}. Percentiles and the standard deviation come
 * from the bucket counts: each is the midpoint of the bucket holding the requested rank, clamped
 * to the exact min and max, so it is within {@link DurationBuckets#RELATIVE_PRECISION} of a value
 * that was recorded. Counts, sums, averages, min and max are exact.
 */
public final class SummaryMath {
    static final int MAX_MESSAGE = ErrorRecord.MAX_MESSAGE;
    /**
     * One pairing of the wall clock with {@code System.nanoTime()}: failure times are converted
     * through it, so that every read of the same failure gives the same instant.
     */
    private static final long WALL_CLOCK_AT_ANCHOR = System.currentTimeMillis();
    private static final long NANO_TIME_AT_ANCHOR = System.nanoTime();

    private SummaryMath() {
    }

    public static Summary summarize(String operation, Totals totals, double periodSeconds, boolean window) {
        long successes = totals.count;
        long total = successes + totals.failures;
        long min = window ? totals.windowMinNanos : totals.minNanos;
        long max = window ? totals.windowMaxNanos : totals.maxNanos;
        if (successes == 0) {
            min = 0;
            max = 0;
        } else if (window && min > max) {
            // no window slot held a value yet (a reader raced the first call): fall back to buckets
            min = lowestValue(totals.buckets);
            max = highestValue(totals.buckets);
        }
        double mean = successes == 0 ? 0 : (double) totals.sumNanos / successes;
        return new Summary(operation, total, successes, totals.failures,
                millis(mean), millis(max), millis(min),
                total == 0 ? 0 : 100.0 * successes / total,
                millis(percentile(totals.buckets, successes, 50, min, max)),
                millis(percentile(totals.buckets, successes, 95, min, max)),
                millis(percentile(totals.buckets, successes, 99, min, max)),
                millis(stddev(totals.buckets, successes, mean)),
                periodSeconds > 0 ? total / periodSeconds : 0,
                periodSeconds,
                lastError(totals),
                totals.allocationCalls == 0 ? null : (double) totals.allocatedBytes / totals.allocationCalls);
    }

    /** The value at {@code percent} (0..100] of {@code count} values, from the bucket counts. */
    public static double percentile(BucketCounts buckets, long count, double percent, long min, long max) {
        if (count == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(percent / 100.0 * count));
        long seen = 0;
        for (int i = 0; i < buckets.size(); i++) {
            seen += buckets.count(i);
            if (seen >= rank) {
                return Math.max(min, Math.min(max, DurationBuckets.midpoint(buckets.index(i))));
            }
        }
        return max;
    }

    static double stddev(BucketCounts buckets, long count, double mean) {
        if (count < 2) {
            return 0;
        }
        double squares = 0;
        for (int i = 0; i < buckets.size(); i++) {
            double deviation = DurationBuckets.midpoint(buckets.index(i)) - mean;
            squares += buckets.count(i) * deviation * deviation;
        }
        return Math.sqrt(squares / count);
    }

    /** Number of values at or below {@code boundNanos}, counting a bucket in when its midpoint is. */
    public static long countAtOrBelow(BucketCounts buckets, double boundNanos) {
        long count = 0;
        for (int i = 0; i < buckets.size(); i++) {
            if (DurationBuckets.midpoint(buckets.index(i)) <= boundNanos) {
                count += buckets.count(i);
            }
        }
        return count;
    }

    private static long lowestValue(BucketCounts buckets) {
        return buckets.size() == 0 ? 0 : DurationBuckets.lowerBound(buckets.index(0));
    }

    private static long highestValue(BucketCounts buckets) {
        return buckets.size() == 0 ? 0 : DurationBuckets.upperBound(buckets.index(buckets.size() - 1));
    }

    static double millis(double nanos) {
        return nanos / 1_000_000.0;
    }

    private static Summary.LastError lastError(Totals totals) {
        ErrorRecord error = totals.lastError;
        if (error == null) {
            return null;
        }
        String at = Instant.ofEpochMilli(WALL_CLOCK_AT_ANCHOR + Math.floorDiv(error.atNanos - NANO_TIME_AT_ANCHOR, 1_000_000L)).toString();
        return new Summary.LastError(error.type, error.message, at);
    }
}
