package io.perfweave.bootstrap;

/**
 * What one operation (or one tag value of it) recorded over one period, frozen: the raw material
 * of every summary, exposition and judgement. Immutable; buckets are sparse.
 */
public final class Totals {
    public static final Totals EMPTY = new Totals(0, 0, 0, 0, Long.MAX_VALUE, 0, Long.MAX_VALUE, 0, 0, 0, null,
            BucketCounts.EMPTY);

    /** Successful calls; durations, min, max and buckets describe these. */
    public final long count;
    public final long failures;
    public final long sumNanos;
    public final long failedSumNanos;
    /** Long.MAX_VALUE / 0 when there were no successful calls. */
    public final long minNanos;
    public final long maxNanos;
    /** Min and max over the window slots asked for; Long.MAX_VALUE / 0 when none. */
    public final long windowMinNanos;
    public final long windowMaxNanos;
    /** Bytes allocated during the calls whose allocation was measured, and how many calls those were. */
    public final long allocatedBytes;
    public final long allocationCalls;
    /** The last failure, or null. */
    public final ErrorRecord lastError;
    public final BucketCounts buckets;
    /** The timed calls made directly inside these calls ({@code breakdown} on); {@link ChildTotals#NONE} otherwise. */
    public final ChildTotals children;

    public Totals(long count, long failures, long sumNanos, long failedSumNanos, long minNanos, long maxNanos,
                  long windowMinNanos, long windowMaxNanos, long allocatedBytes, long allocationCalls,
                  ErrorRecord lastError, BucketCounts buckets) {
        this(count, failures, sumNanos, failedSumNanos, minNanos, maxNanos, windowMinNanos, windowMaxNanos,
                allocatedBytes, allocationCalls, lastError, buckets, ChildTotals.NONE);
    }

    public Totals(long count, long failures, long sumNanos, long failedSumNanos, long minNanos, long maxNanos,
                  long windowMinNanos, long windowMaxNanos, long allocatedBytes, long allocationCalls,
                  ErrorRecord lastError, BucketCounts buckets, ChildTotals children) {
        this.count = count;
        this.failures = failures;
        this.sumNanos = sumNanos;
        this.failedSumNanos = failedSumNanos;
        this.minNanos = minNanos;
        this.maxNanos = maxNanos;
        this.windowMinNanos = windowMinNanos;
        this.windowMaxNanos = windowMaxNanos;
        this.allocatedBytes = allocatedBytes;
        this.allocationCalls = allocationCalls;
        this.lastError = lastError;
        this.buckets = buckets;
        this.children = children;
    }

    /** Every call, successful or failed. */
    public long calls() {
        return count + failures;
    }
}
